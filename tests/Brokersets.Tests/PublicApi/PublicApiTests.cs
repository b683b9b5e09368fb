namespace Brokersets.Tests.PublicApi;

/// <summary>The public surface of the core is recorded in <c>PublicApi/Brokersets.approved.txt</c>; see <see cref="ApiApproval"/>.</summary>
public class PublicApiTests
{
    [Fact]
    public void Brokersets_PublicApi_MatchesApprovedFile() => ApiApproval.Approve(typeof(Brokerset).Assembly, "Brokersets.Tests");
}
