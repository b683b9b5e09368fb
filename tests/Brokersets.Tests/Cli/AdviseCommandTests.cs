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

        Assert.Contains($"usage: {usage} (1 broker; others idle)\n", run.Stdout, StringComparison.Ordinal);
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

    [Fact]
    public void Advise_MBpsAndGBOptionsAndUsageFile_PrintedInMBpsAndGBAsComputedByHand()
    {
        // The options and the usage file are decimal MB/s and GB; the library works in bytes/s and bytes; the text
        // prints MB/s and GB again. P = n = 6 (rack-aware): each broker leads 1 partition and holds 3 replicas of
        // w = 30/6 = 5 MB/s; consumers take c = 45/6 = 7.5 MB/s per partition.
        // Broker 1 (busy): in 100.5 + 3·5 = 115.5 MB/s; out 40 + 7.5 + 2·5 = 57.5 MB/s;
        // disk 1000.25 GB + 3 replicas × 5 MB/s × 24·3600 s = 1000.25 + 1296 = 2296.25 GB, of usable 4000·0.75 = 3000 GB → 77%.
        string usage = _files.Write("usage.json", """{"brokers":[{"id":1,"inMBps":100.5,"outMBps":40,"diskGB":1000.25}]}""");

        CliRun run = CliRun.Of(Example("--produce-mbps", "30", "--consume-mbps", "45", "--retention-hours", "24", "--usage", usage));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("sizing advice for clicks: produce 30 MB/s, consume 45 MB/s, RF 3, target 5 MB/s per partition, retention 24 h\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("capacity per broker: in 250 MB/s, out 500 MB/s, disk 4000 GB, usable 75% (rack-aware placement)\n", run.Stdout, StringComparison.Ordinal);
        string row = run.Stdout.Split('\n').Single(l => l.StartsWith("  Capacity_B6_P6_0 ", StringComparison.Ordinal));
        string[] cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // brokerset, brokers, partitions, stride, fits, headroom, tightest (2 words), peak in, peak out, peak disk, why…
        Assert.Equal(("yes", "23%", "1", "disk"), (cells[4], cells[5], cells[6], cells[7]));
        Assert.Equal(("115.5", "57.5", "2296.25"), (cells[8], cells[9], cells[10]));
        Assert.Contains("room: tightest broker 1 at 77% of usable disk", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_CapacityOptions_PrintedInMBpsAndGB()
    {
        // --broker-in-mbps 10 --broker-out-mbps 12.5 --broker-disk-gb 0.5: 10 MB/s = 10^7 B/s, 0.5 GB = 5·10^8 B, printed back as given
        CliRun run = CliRun.Of(Example("--produce-mbps", "30", "--broker-in-mbps", "10", "--broker-out-mbps", "12.5", "--broker-disk-gb", "0.5", "--max-utilization", "1"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("capacity per broker: in 10 MB/s, out 12.5 MB/s, disk 0.5 GB, usable 100% (rack-aware placement)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_JsonFormat_BytesPerSecondAndBytes()
    {
        // the JSON output follows docs/json-output.md's rule: rates in bytes/s, sizes in bytes (15 MB/s in, 20 MB/s out per broker of P = n = 6)
        CliRun run = CliRun.Of(Example("--produce-mbps", "30", "--consume-mbps", "60", "--broker-disk-gb", "2000", "--format", "json"));

        using JsonDocument doc = JsonDocument.Parse(run.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(30_000_000, root.GetProperty("request").GetProperty("produceBytesPerSecond").GetDouble());
        Assert.Equal(5_000_000, root.GetProperty("request").GetProperty("partitionTargetBytesPerSecond").GetDouble());
        Assert.Equal(2_000_000_000_000, root.GetProperty("capacity").GetProperty("diskBytes").GetInt64());
        Assert.Equal(187_500_000, root.GetProperty("capacity").GetProperty("usableInBytesPerSecond").GetDouble());
        JsonElement fit = root.GetProperty("brokersets")[0];
        Assert.Equal(15_000_000, fit.GetProperty("peakInBytesPerSecond").GetDouble(), 3);
        Assert.Equal(20_000_000, fit.GetProperty("peakOutBytesPerSecond").GetDouble(), 3);
        Assert.Equal(0, fit.GetProperty("peakDiskBytes").GetInt64());
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
