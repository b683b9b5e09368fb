using System;
using System.Linq;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

/// <summary><c>plan --offline</c>: the example's spare broker 7 died; its three orders replicas go back to 3.</summary>
public sealed class PlanOfflineTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CliRun Plan(string cluster, params string[] more) => CliRun.Of(
    [
        "plan", "--current", CliRun.Example("current.json"), "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"),
        "--cluster", cluster, "--throttle-mbps", "50", .. more,
    ]);

    [Fact]
    public void Run_Offline7_CopiesFromLiveReplicasAndNeverNamesBroker7()
    {
        CliRun run = Plan(CliRun.Example("cluster.json"), "--offline", "7");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr); // 3 replaces 7 in the same rack (AZ3): no warning
        // orders-2 [7,4,5] → [3,4,5]: served by 4 (its first live replica), and the election names 4, not 7
        Assert.Contains("\n  orders          2     4   3  ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  orders            2       4          3\n", run.Stdout, StringComparison.Ordinal);
        string[] throttled = run.Stdout.Split('\n').Where(l => l.StartsWith("  throttle ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, throttled.Length);
        Assert.All(throttled, l => Assert.DoesNotContain("7", l.Split(" on brokers ")[1].Split(' ')[0].Split(','), StringComparer.Ordinal));
        Assert.DoesNotContain(":7", run.Stdout, StringComparison.Ordinal); // in no throttled-replica list
        Assert.Contains("note: offline brokers 7: copies are served by live replicas; no throttle or election names them\n", run.Stdout, StringComparison.Ordinal);

        // Without --offline, 7 serves orders-2 and is throttled (the bug this option fixes).
        CliRun naive = Plan(CliRun.Example("cluster.json"));
        Assert.Contains("\n  orders          2     7   3  ", naive.Stdout, StringComparison.Ordinal);
        Assert.Contains(":7", naive.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReplacementInAnotherRack_Warns()
    {
        string cluster = _files.Write("cluster.json", """{ "brokers": [ {"id":1,"rack":"AZ1"},{"id":2,"rack":"AZ2"},{"id":3,"rack":"AZ3"},{"id":4,"rack":"AZ1"},{"id":5,"rack":"AZ2"},{"id":6,"rack":"AZ3"},{"id":7,"rack":"AZ1"} ] }""");

        CliRun run = Plan(cluster, "--offline", "7");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("warning: broker 3 replaces offline broker 7 in orders-0, orders-1, orders-2, but it is in rack AZ3, offline broker 7 was in AZ1\n", run.Stderr);
    }

    [Fact]
    public void Run_ReplacementOfABrokerWithUnknownRack_Warns()
    {
        string cluster = _files.Write("cluster.json", """{ "brokers": [ {"id":1,"rack":"AZ1"},{"id":2,"rack":"AZ2"},{"id":3,"rack":"AZ3"},{"id":4,"rack":"AZ1"},{"id":5,"rack":"AZ2"},{"id":6,"rack":"AZ3"},{"id":7} ] }""");

        CliRun run = Plan(cluster, "--offline", "7");

        Assert.Equal("warning: broker 3 replaces offline broker 7 in orders-0, orders-1, orders-2, but the rack of offline broker 7 is unknown (give it in --cluster), so the rack spread is not checked\n", run.Stderr);
    }

    [Theory]
    [InlineData("7,x", "error: --offline '7,x': 'x' is not a broker id; give broker ids separated by commas, e.g. --offline 5 or --offline 5,6.")]
    [InlineData("-1", "error: --offline '-1': '-1' is not a broker id; give broker ids separated by commas, e.g. --offline 5 or --offline 5,6.")]
    public void Run_BadOfflineList_IsAUsageError(string value, string expected)
    {
        Assert.Equal(expected, Plan(CliRun.Example("cluster.json"), "--offline", value).AssertOneLineError(ExitCodes.UsageError));
    }

    [Fact]
    public void Run_TargetOnAnOfflineBroker_NamesThePartition()
    {
        // Broker 1 is in the brokerset, so the target keeps replicas on it: the plan cannot complete while it is down.
        string line = Plan(CliRun.Example("cluster.json"), "--offline", "1").AssertOneLineError(ExitCodes.InputError);

        Assert.StartsWith("error: Partition orders-0: the target (1,2,3) keeps a replica on offline broker 1, so the move could never complete; replace that broker by a live one.", line, StringComparison.Ordinal);
    }
}
