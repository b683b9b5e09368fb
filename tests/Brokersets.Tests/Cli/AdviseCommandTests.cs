using System;
using System.Linq;
using System.Text.Json;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

public sealed class AdviseCommandTests : IDisposable
{
    private readonly CliFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string[] Example(params string[] more) =>
        new[]
        {
            "advise", "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"), "--cluster", CliRun.Example("cluster.json"),
            "--new-topic", "clicks",
        }.Concat(more).ToArray();

    [Fact]
    public void Advise_ExampleBrokerset_HandComputedHeadroom()
    {
        // 30 MB/s at 5 MB/s per partition → 6 partitions (the brokerset fixes 6 too). Consume defaults to 30 MB/s.
        // Rack-aware, P = n = 6: each broker leads 1 and holds 3 replicas of w = 5: in 15 MB/s, out 5 + 2·5 = 15 MB/s.
        // Usable in 250·0.75 = 187.5 (8%), out 375 (4%): headroom 92%, tightest network in.
        var cluster = Brokersets.Serialization.ClusterJson.Read(System.IO.File.ReadAllText(CliRun.Example("cluster.json")), "c");
        Brokerset set = Brokerset.Parse("Capacity_B6_P6_0", "1-6", 6).WithRacks(cluster);
        int stride = new StrideAdvisor(PlacementStrategy.RackAware)
            .AdviseNewTopic(set, new[] { new TopicSpec("orders", set.Name, 0, 3, 0), new TopicSpec("payments", set.Name, 0, 3, 1) }, new TopicSpec("clicks", set.Name, 6, 3))
            .RecommendedStride;

        CliRun run = CliRun.Of(Example("--produce-mbps", "30"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("usage: all brokers idle", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("partitions: 6 (minimum for the target: 6)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"brokerset: Capacity_B6_P6_0, stride {stride}, headroom after placing 92%\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("room: tightest broker 1 at 8% of usable network in", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_NoRoom_NewBrokersetSizeByHand()
    {
        // Usable in 10 MB/s: 15 MB/s per broker does not fit. New brokerset: ⌈18/n⌉·5 ≤ 10 ⇔ n ≥ 9.
        CliRun run = CliRun.Of(Example("--produce-mbps", "30", "--broker-in-mbps", "10", "--max-utilization", "1"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("brokerset: none has room\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("no room: broker 1 would reach 150% of usable network in", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("new brokerset: at least 9 idle brokers for 6 partitions\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_TargetNeedsMorePartitionsThanTheBrokersetFixes_NewBrokersetOfRf()
    {
        // 60 MB/s → 12 partitions > the 6 the brokerset fixes. New brokerset of 3: in ⌈36/3⌉·5 = 60 ≤ 187.5, out 4·15 = 60 ≤ 375.
        CliRun run = CliRun.Of(Example("--produce-mbps", "60"));

        Assert.Contains("it fixes 6 partitions, fewer than the 12 the target needs", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("new brokerset: at least 3 idle brokers for 12 partitions\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_UsageFile_BusyBrokerLeavesNoRoom()
    {
        // Broker 1 at 180 MB/s in: 180 + 15 = 195 > 187.5 → 104%.
        string usage = _files.Write("usage.json", """{"brokers":[{"id":1,"inMBps":180}]}""");

        CliRun run = CliRun.Of(Example("--produce-mbps", "30", "--usage", usage));

        Assert.Contains($"usage: {usage} (1 brokers; others idle)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("no room: broker 1 would reach 104% of usable network in", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_JsonFormat_Serialises()
    {
        CliRun run = CliRun.Of(Example("--produce-mbps", "30", "--format", "json"));

        using JsonDocument doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(6, doc.RootElement.GetProperty("partitions").GetInt32());
        Assert.Equal(0.92, doc.RootElement.GetProperty("headroom").GetDouble(), 9);
    }

    [Theory]
    [InlineData("error: Option '--produce-mbps' is required. (see 'brokersets --help')", "advise", "--new-topic", "x")]
    [InlineData("error: Topic 'x': produce rate 0 MB/s must be a finite number > 0.", "advise", "--new-topic", "x", "--produce-mbps", "0")]
    [InlineData("error: Topic 'orders' already exists in the spec; size a new topic.", "advise", "--new-topic", "orders", "--produce-mbps", "5")]
    [InlineData("error: --max-utilization: 2 is out of range; the value must lie between 0 and 1. (see 'brokersets --help')", "advise", "--new-topic", "x", "--produce-mbps", "5", "--max-utilization", "2")]
    public void Advise_BadCommandLine_UsageErrorOneLine(string expected, params string[] args)
    {
        Assert.Equal(expected, CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError));
    }

    [Fact]
    public void Advise_MalformedUsage_InputErrorNamesFileAndPath()
    {
        string usage = _files.Write("usage.json", """{"brokers":[{"id":1,"inMBps":-3}]}""");

        string line = CliRun.Of(Example("--produce-mbps", "30", "--usage", usage)).AssertOneLineError(ExitCodes.InputError);

        Assert.Equal($"error: {usage}: $.brokers[0].inMBps: -3 is negative; usage figures are ≥ 0.", line);
    }
}
