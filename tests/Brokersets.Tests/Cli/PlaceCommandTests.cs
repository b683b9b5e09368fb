using System;
using System.Linq;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

public sealed class PlaceCommandTests : IDisposable
{
    private readonly CliFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Derived by hand from algorithms.md §1, replica j of partition i = B[(i + j·(s·k + 1)) mod n], with
    // B = [1,2,3,4,5,6] (n = 6) and k = 3:
    //   stride 0 (step 1): p_i = [B(i), B(i+1), B(i+2)]
    //   stride 1 (step 4): p_i = [B(i), B(i+4), B(i+8 = i+2)]
    private static readonly int[][] OrdersStride0 = { [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 1], [6, 1, 2] };
    private static readonly int[][] PaymentsStride1 = { [1, 5, 3], [2, 6, 4], [3, 1, 5], [4, 2, 6], [5, 3, 1], [6, 4, 2] };

    private static string KafkaJson(params (string Topic, int[][] Partitions)[] topics) =>
        "{\"version\":1,\"partitions\":[" +
        string.Join(",", topics.SelectMany(t => t.Partitions.Select((r, p) => $"{{\"topic\":\"{t.Topic}\",\"partition\":{p},\"replicas\":[{string.Join(",", r)}]}}"))) +
        "]}\n";

    [Fact]
    public void Run_NoArguments_PlacesBuiltInExampleRackAware()
    {
        CliRun run = CliRun.Of();

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.StartsWith("strategy: rack-aware (default)\ninput: built-in example", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("orders: 6 partitions × RF 3 on Capacity_B6_P6_0", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("payments: 6 partitions × RF 3 on Capacity_B6_P6_0", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("per broker", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("per rack", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("no warnings\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PlaceWithoutFiles_SameAsNoArguments()
    {
        Assert.Equal(CliRun.Of().Stdout, CliRun.Of("place").Stdout);
    }

    [Fact]
    public void Run_OrionKafkaJsonOnBuiltInExample_MatchesFormulaByHand()
    {
        CliRun run = CliRun.Of("place", "--strategy", "orion", "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(KafkaJson(("orders", OrdersStride0), ("payments", PaymentsStride1)), run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Run_OrionWithStepSizeOne_MatchesFormulaByHand()
    {
        // k = 1: stride 1 steps 2 places: p_i = [B(i), B(i+2), B(i+4)].
        int[][] payments = { [1, 3, 5], [2, 4, 6], [3, 5, 1], [4, 6, 2], [5, 1, 3], [6, 2, 4] };

        CliRun run = CliRun.Of("place", "--strategy", "orion", "--step-size", "1", "--format", "kafka-json");

        Assert.Equal(KafkaJson(("orders", OrdersStride0), ("payments", payments)), run.Stdout);
    }

    [Fact]
    public void Run_DocsExampleFiles_SameAsBuiltIn()
    {
        CliRun files = CliRun.Of("place", "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"),
            "--cluster", CliRun.Example("cluster.json"), "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, files.ExitCode);
        Assert.Equal(CliRun.Of("place", "--format", "kafka-json").Stdout, files.Stdout);
    }

    [Fact]
    public void Run_OrionWithOverrides_ReplacedBrokerTakesItsPosition()
    {
        // overrides.json replaces broker 3 by 7: B = [1,2,7,4,5,6].
        int[][] orders = { [1, 2, 7], [2, 7, 4], [7, 4, 5], [4, 5, 6], [5, 6, 1], [6, 1, 2] };
        int[][] payments = { [1, 5, 7], [2, 6, 4], [7, 1, 5], [4, 2, 6], [5, 7, 1], [6, 4, 2] };

        CliRun run = CliRun.Of("place", "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"),
            "--overrides", CliRun.Example("overrides.json"), "--strategy", "orion", "--format", "kafka-json");

        Assert.Equal(KafkaJson(("orders", orders), ("payments", payments)), run.Stdout);
    }

    [Fact]
    public void Run_OrionRackCollisions_WarningsOnStderrJsonAloneOnStdout()
    {
        // Brokers 1-4 numbered so that racks do not alternate (a,a,b,b): stride 0 gives p0 = [1,2], both in rack a.
        string sets = Write("b.json", """[{"brokersetAlias":"B4","entries":[{"startBrokerIdx":1,"endBrokerIdx":4}]}]""");
        string topics = Write("t.json", """[{"topicName":"t","brokerset":"B4","partitions":1,"replicationFactor":2}]""");
        string cluster = Write("c.json", """{"brokers":[{"id":1,"rack":"a"},{"id":2,"rack":"a"},{"id":3,"rack":"b"},{"id":4,"rack":"b"}]}""");

        CliRun run = CliRun.Of("place", "--brokersets", sets, "--topics", topics, "--cluster", cluster, "--strategy", "orion", "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("{\"version\":1,\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,2]}]}\n", run.Stdout);
        Assert.Equal("warning: Topic 't', partition 0: brokers 1, 2 share rack a.\n", run.Stderr);
    }

    [Fact]
    public void Run_Help_ExitsZero()
    {
        CliRun run = CliRun.Of("place", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--brokersets", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: Unrecognized command or argument '--bogus'. (see 'brokersets --help')", "place", "--bogus")]
    [InlineData("error: --strategy: Argument 'x' not recognized. Must be one of: 'rack-aware' 'orion' 'kafka' (see 'brokersets --help')", "place", "--strategy", "x")]
    [InlineData("error: --step-size applies only to --strategy orion.", "place", "--step-size", "2")]
    [InlineData("error: --step-size -1 is negative; the step size is ≥ 0 (default 3).", "place", "--strategy", "orion", "--step-size", "-1")]
    [InlineData("error: --brokersets and --topics go together: give both, or neither to place the built-in example.", "place", "--topics", "t.json")]
    public void Run_BadCommandLine_UsageErrorOneLine(string expected, params string[] args)
    {
        Assert.Equal(expected, CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError));
    }

    [Fact]
    public void Run_MissingFile_InputErrorNamesFile()
    {
        string missing = _files.PathOf("nope.json");

        string line = CliRun.Of("place", "--brokersets", missing, "--topics", CliRun.Example("topics.json")).AssertOneLineError(ExitCodes.InputError);

        Assert.Equal($"error: {missing}: file not found", line);
    }

    [Fact]
    public void Run_MalformedJson_InputErrorNamesFileAndPath()
    {
        string sets = Write("brokersets.json", "[{\"brokersetAlias\": \"B\",\n \"entries\": [{\"startBrokerIdx\": 1 \"endBrokerIdx\": 2}]}]");

        string line = CliRun.Of("place", "--brokersets", sets, "--topics", CliRun.Example("topics.json")).AssertOneLineError(ExitCodes.InputError);

        Assert.StartsWith($"error: {sets}: $[0].entries[0]: invalid JSON: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReversedRange_InputErrorNamesFileAndPath()
    {
        string sets = Write("brokersets.json", """[{"brokersetAlias":"B","entries":[{"startBrokerIdx":6,"endBrokerIdx":1}]}]""");

        string line = CliRun.Of("place", "--brokersets", sets, "--topics", CliRun.Example("topics.json")).AssertOneLineError(ExitCodes.InputError);

        Assert.Equal($"error: {sets}: $[0].entries[0].endBrokerIdx: Broker id range 6-1 is reversed: the first id must not exceed the last.", line);
    }

    [Fact]
    public void Run_UnknownBrokerset_InputErrorNamesTopicsFile()
    {
        string topics = Write("topics.json", """[{"topicName":"t","brokerset":"nope"}]""");

        string line = CliRun.Of("place", "--brokersets", CliRun.Example("brokersets.json"), "--topics", topics).AssertOneLineError(ExitCodes.InputError);

        Assert.Equal($"error: {topics}: Topic 't' names unknown brokerset 'nope' (known: Capacity_B6_P6_0).", line);
    }

    [Fact]
    public void Run_RackAwareWithoutCluster_InputErrorWithHint()
    {
        string line = CliRun.Of("place", "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"))
            .AssertOneLineError(ExitCodes.InputError);

        Assert.EndsWith("(pass --cluster FILE with every broker's rack, or use --strategy orion)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OrionDuplicateBrokerCase_InputErrorNamesTopic()
    {
        // n = 4, stride 1, k = 3: step 4 ≡ 0 (mod 4), so replica 1 would repeat the leader.
        string sets = Write("b.json", """[{"brokersetAlias":"B4","entries":[{"startBrokerIdx":1,"endBrokerIdx":4}]}]""");
        string topics = Write("t.json", """[{"topicName":"t","brokerset":"B4","partitions":4,"stride":1}]""");

        string line = CliRun.Of("place", "--brokersets", sets, "--topics", topics, "--strategy", "orion").AssertOneLineError(ExitCodes.InputError);

        Assert.StartsWith("error: Topic 't': Orion's formula puts broker 1 twice in partition 0", line, StringComparison.Ordinal);
    }

    private string Write(string name, string content) => _files.Write(name, content);
}
