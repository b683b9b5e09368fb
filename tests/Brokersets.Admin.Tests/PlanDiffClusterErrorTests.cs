using System;
using System.IO;
using System.Threading.Tasks;
using Brokersets.Cli;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary><c>plan</c>/<c>diff --bootstrap-servers</c> on a cluster that cannot be reached: one <c>error:</c> line and exit code 4, as <c>audit</c> and <c>apply</c>.</summary>
public sealed class PlanDiffClusterErrorTests
{
    private static string Example(string name) => RepositoryFiles.Path("docs", "examples", name);

    [Theory(Timeout = 60000)]
    [InlineData("plan")]
    [InlineData("diff")]
    public async Task UnreachableCluster_OneLineErrorExitCode4(string command)
    {
        string[] rest = command == "plan"
            ? ["--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json")]
            : ["--target", Example("current.json")];

        (int code, string stdout, string stderr) = await RunAsync([command, "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2", .. rest]);

        Assert.Equal(ExitCodes.ClusterError, code);
        Assert.Equal(4, ExitCodes.ClusterError);
        Assert.Equal(string.Empty, stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --bootstrap-servers 127.0.0.1:1: cannot read the cluster: ", line, StringComparison.Ordinal);
    }
}
