using Brokersets.Tests.PublicApi;

namespace Brokersets.Admin.Tests.PublicApi;

/// <summary>The public surface of the adapter is recorded in <c>PublicApi/Brokersets.Admin.approved.txt</c>.</summary>
public class PublicApiTests
{
    [Fact]
    public void BrokersetsAdmin_PublicApi_MatchesApprovedFile() => ApiApproval.Approve(typeof(ClusterAdmin).Assembly, "Brokersets.Admin.Tests");
}
