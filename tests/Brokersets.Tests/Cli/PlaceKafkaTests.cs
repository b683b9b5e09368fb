using System;
using System.Linq;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

public sealed class PlaceKafkaTests : IDisposable
{
    private readonly CliFiles _files = new();
    private readonly string _sets;
    private readonly string _topics;
    private readonly string _cluster;

    public PlaceKafkaTests()
    {
        // brokerset 1-4, racks a = {1,2}, b = {3,4}; one topic of 4 partitions × RF 2
        _sets = _files.Write("b.json", """[{"brokersetAlias":"B4","entries":[{"startBrokerIdx":1,"endBrokerIdx":4}]}]""");
        _topics = _files.Write("t.json", """[{"topicName":"t","brokerset":"B4","partitions":4,"replicationFactor":2}]""");
        _cluster = _files.Write("c.json", """{"brokers":[{"id":1,"rack":"a"},{"id":2,"rack":"a"},{"id":3,"rack":"b"},{"id":4,"rack":"b"}]}""");
    }

    public void Dispose() => _files.Dispose();

    private static string Json(int firstPartition, params int[][] rows) =>
        "{\"version\":1,\"partitions\":[" +
        string.Join(",", rows.Select((r, i) => $"{{\"topic\":\"t\",\"partition\":{firstPartition + i},\"replicas\":[{string.Join(",", r)}]}}")) +
        "]}\n";

    [Fact]
    public void Place_KafkaWithoutCluster_RackUnawareByHand()
    {
        // Rack-unaware, L = [1,2,3,4], n = 4: leader L[(p + start) mod 4]; follower at (f + 1 + (shift mod 3)) mod 4.
        // start 0, shift 0: [1,2] [2,3] [3,4] [4,1]
        CliRun run = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--strategy", "kafka", "--start-index", "0", "--replica-shift", "0", "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(Json(0, [1, 2], [2, 3], [3, 4], [4, 1]), run.Stdout);
    }

    [Fact]
    public void Place_KafkaStartIndexAndShift_ByHand()
    {
        // start 1, shift 1: leaders L[1..4 mod 4] = 2,3,4,1; follower offset 1 + 1 = 2: [2,4] [3,1] [4,2] [1,3]
        CliRun run = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--strategy", "kafka", "--start-index", "1", "--replica-shift", "1", "--format", "kafka-json");

        Assert.Equal(Json(0, [2, 4], [3, 1], [4, 2], [1, 3]), run.Stdout);
    }

    [Fact]
    public void Place_KafkaWithCluster_RackAwareAlternatedListByHand()
    {
        // Rack-aware: racks a, b sorted; L = [1,3,2,4] (one broker of each rack in turn). start 0, shift 0:
        // p0 leader 1 (a), first candidate L[1] = 3 (b): [1,3]; p1 leader 3, candidate L[2] = 2: [3,2]; p2 [2,4]; p3 [4,1].
        CliRun run = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--cluster", _cluster, "--strategy", "kafka", "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(Json(0, [1, 3], [3, 2], [2, 4], [4, 1]), run.Stdout);
    }

    [Fact]
    public void Place_KafkaStartPartition_WritesAddedPartitionIds()
    {
        // Partitions 4..7 of a topic that has 4, fixed start 0: before p = 4 (p mod n = 0) the shift grows to 1, so the
        // follower sits 2 places on: [1,3] [2,4] [3,1] [4,2] with ids 4..7.
        CliRun json = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--strategy", "kafka", "--start-partition", "4", "--format", "kafka-json");
        CliRun table = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--strategy", "kafka", "--start-partition", "4");

        Assert.Equal(Json(4, [1, 3], [2, 4], [3, 1], [4, 2]), json.Stdout);
        Assert.Equal(ExitCodes.Success, table.ExitCode);
        Assert.Contains("t: partitions 4-7 (added) × RF 2 on B4\n  p4 → [1,3]\n  p5 → [2,4]\n  p6 → [3,1]\n  p7 → [4,2]\n", table.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("strategy: kafka (start index 0, replica shift 0, start partition 4)\n", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_KafkaSeed_DrawsStartAndShiftPerTopicLikeRandom()
    {
        // --seed 7: the start index and then the replica shift come from new Random(7).Next(4), twice
        var random = new Random(7);
        int start = random.Next(4);
        int shift = random.Next(4);
        CliRun seeded = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--strategy", "kafka", "--seed", "7", "--format", "kafka-json");
        CliRun explicitValues = CliRun.Of("place", "--brokersets", _sets, "--topics", _topics, "--strategy", "kafka",
            "--start-index", start.ToString(System.Globalization.CultureInfo.InvariantCulture), "--replica-shift", shift.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, seeded.ExitCode);
        Assert.Equal(explicitValues.Stdout, seeded.Stdout);
    }

    [Theory]
    [InlineData("error: --start-index applies only to --strategy kafka.", "place", "--start-index", "1")]
    [InlineData("error: --seed applies only to --strategy kafka.", "place", "--strategy", "orion", "--seed", "1")]
    [InlineData("error: --start-index -1 is negative; Kafka's values are ≥ 0.", "place", "--strategy", "kafka", "--start-index", "-1")]
    [InlineData("error: --seed draws the start index and replica shift per topic; give either --seed or --start-index/--replica-shift.", "place", "--strategy", "kafka", "--seed", "1", "--replica-shift", "2")]
    [InlineData("error: --step-size applies only to --strategy orion.", "place", "--strategy", "kafka", "--step-size", "2")]
    public void Place_KafkaBadCommandLine_UsageErrorOneLine(string expected, params string[] args)
    {
        Assert.Equal(expected, CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError));
    }

    [Fact]
    public void Place_KafkaRfAboveBrokers_InputErrorWithKafkasMessage()
    {
        string topics = _files.Write("t5.json", """[{"topicName":"t","brokerset":"B4","partitions":4,"replicationFactor":5}]""");

        string line = CliRun.Of("place", "--brokersets", _sets, "--topics", topics, "--strategy", "kafka").AssertOneLineError(ExitCodes.InputError);

        Assert.Equal("error: Topic 't': Replication factor: 5 larger than available brokers: 4.", line);
    }
}
