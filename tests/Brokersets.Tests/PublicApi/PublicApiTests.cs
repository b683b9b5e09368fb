using System;
using System.IO;
using System.Reflection;
using PublicApiGenerator;

namespace Brokersets.Tests.PublicApi;

/// <summary>
/// The public surface is recorded in <c>PublicApi/&lt;Assembly&gt;.approved.txt</c>. A change to it fails this test and
/// writes <c>&lt;Assembly&gt;.received.txt</c> beside the approved file: review the diff, then copy received over approved.
/// CI never rewrites tracked files.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void Brokersets_PublicApi_MatchesApprovedFile() => Approve(typeof(Brokerset).Assembly);

    internal static void Approve(Assembly assembly)
    {
        string api = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n");
        string dir = Path.Combine(TestData.RepositoryRoot(), "tests", "Brokersets.Tests", "PublicApi");
        string name = assembly.GetName().Name!;
        string approvedPath = Path.Combine(dir, name + ".approved.txt");
        string receivedPath = Path.Combine(dir, name + ".received.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved == api)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, api);
        Assert.Fail($"The public API of {name} changed. Review the difference between {approvedPath} and {receivedPath}; if it is intended, copy the received file over the approved one.");
    }
}
