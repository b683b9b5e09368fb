using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Brokersets.Cli;
using Brokersets.Serialization;

namespace Brokersets.Tests.Cli;

public sealed class PlanCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string Current = CliRun.Example("current.json");

    private static string[] Desired(params string[] more) =>
    [
        "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"), "--cluster", CliRun.Example("cluster.json"), .. more,
    ];

    private static CliRun Plan(params string[] more) => CliRun.Of(["plan", "--current", Current, .. Desired(more)]);

    [Fact]
    public void Run_KafkaJson_AppliedToCurrentGivesTheBalancedLayout()
    {
        // The drifted example: broker 3's orders replicas sit on spare 7, payments-3 is reordered, payments-5 has 3
        // instead of 1. The layout itself is the fewest-moves balanced target (4 copies: 3 off broker 7, 1 for payments-5).
        CliRun run = Plan("--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        var applied = KafkaFile.Apply(KafkaFile.Lists(File.ReadAllText(Current)), run.Stdout);
        KafkaFile.AssertSame(KafkaFile.Lists(ExampleLayout.RackAware()), applied);
        Assert.Equal(
            new[] { ("orders", 0), ("orders", 1), ("orders", 2), ("payments", 3), ("payments", 5) },
            KafkaFile.Lists(run.Stdout).Keys.OrderBy(k => k).ToArray());
    }

    [Fact]
    public void Run_KafkaJson_EqualsTheCoresMinimalMovementTarget()
    {
        ClusterAssignment current = ExampleLayout.Current();
        MovementTarget target = MinimalMovement.Rebalance(current, ExampleLayout.Spec());

        CliRun run = Plan("--format", "kafka-json");

        KafkaFile.AssertSame(KafkaFile.Lists(target.Target), KafkaFile.Apply(KafkaFile.Lists(current), run.Stdout));
        Assert.Equal(4, target.ReplicasMoved);
    }

    [Fact]
    public void Run_Table_ShowsMovedLowerBoundWavesThrottlesAndElection()
    {
        CliRun run = Plan("--throttle-mbps", "50");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        // orders-2 (7 → 3) and payments-3 (6 → 4) change leaders: the two elections below.
        Assert.Contains("Rebalance: moved 4 · bound 4 for per-topic guarantees · bound 4 with cross-topic balance · 2 leader changes · from scratch 4\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("throttle 50000000 B/s", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("wave 1:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("leader.replication.throttled.replicas=", run.Stdout, StringComparison.Ordinal);
        // payments-3 [6,4,5] → [4,6,5] moves no data: submitted after the waves, then its leader is elected.
        Assert.Matches(@"then submit \(no data moves\)\n  topic +partition  replicas\n  payments +3  4,6,5\n", run.Stdout);
        Assert.Matches(@"then elect preferred leaders.*\n.*\n  orders +2 +7 +3\n  payments +3 +6 +4\n", run.Stdout);
    }

    [Fact]
    public void Run_Json_FiguresAndWavesAddUp()
    {
        CliRun run = Plan("--format", "json", "--throttle-mbps", "100", "--sizes", CliRun.Example("sizes.json"), "--max-incoming", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(run.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("replicasMoved").GetInt32());
        Assert.Equal(4, root.GetProperty("lowerBound").GetInt32());
        Assert.Equal(4, root.GetProperty("crossTopicLowerBound").GetInt32());
        Assert.Equal(2, root.GetProperty("leaderChanges").GetInt32());
        Assert.Equal(root.GetProperty("leaderElections").GetArrayLength(), root.GetProperty("leaderChanges").GetInt32());
        Assert.Equal(root.GetProperty("replicasMoved").GetInt32(), root.GetProperty("topics").EnumerateArray().Sum(t => t.GetProperty("replicasMoved").GetInt32()));
        Assert.Equal(2, root.GetProperty("topics").EnumerateArray().Sum(t => t.GetProperty("leaderChanges").GetInt32()));
        Assert.Equal(100_000_000, root.GetProperty("throttleBytesPerSecond").GetInt64());
        Assert.Equal(1, root.GetProperty("maxIncomingPerBroker").GetInt32());
        // 3 orders replicas of 1 GiB and 1 payments replica of 200 MiB (sizes.json).
        Assert.Equal(3L * 1073741824 + 209715200, root.GetProperty("bytes").GetInt64());
        JsonElement[] waves = root.GetProperty("waves").EnumerateArray().ToArray();
        Assert.Equal(4, waves.Sum(w => w.GetProperty("moves").GetArrayLength()));
        Assert.All(waves, w => Assert.True(w.GetProperty("etaSeconds").GetInt64() > 0));
        // Broker 3 receives three orders replicas; with at most one incoming copy per wave that takes three waves.
        Assert.True(waves.Length >= 3);
    }

    [Fact]
    public void Run_OutputDir_WavesThenFinalReachTheTarget()
    {
        string dir = Path.Combine(_files.Directory, "plan");

        CliRun run = Plan("--output-dir", dir, "--max-incoming", "1");
        CliRun json = Plan("--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var state = KafkaFile.Lists(File.ReadAllText(Current));
        string[] waves = Directory.GetFiles(dir, "wave-*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.True(waves.Length >= 3);
        foreach (string wave in waves)
        {
            state = KafkaFile.Apply(state, File.ReadAllText(wave));
        }

        state = KafkaFile.Apply(state, File.ReadAllText(Path.Combine(dir, "final.json")));
        KafkaFile.AssertSame(KafkaFile.Apply(KafkaFile.Lists(File.ReadAllText(Current)), json.Stdout), state);
        var rollback = KafkaFile.Apply(state, File.ReadAllText(Path.Combine(dir, "rollback.json")));
        KafkaFile.AssertSame(KafkaFile.Lists(File.ReadAllText(Current)), rollback);
        Assert.Equal("{\"partitions\":[{\"topic\":\"orders\",\"partition\":2},{\"topic\":\"payments\",\"partition\":3}]}\n",
            File.ReadAllText(Path.Combine(dir, "elect-leaders.json")));
        Assert.Contains("wrote " + Path.Combine(dir, "wave-01.json"), run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AuditAfterPlan_BalancedModeIsClean()
    {
        CliRun plan = Plan("--format", "kafka-json");
        var after = KafkaFile.Apply(KafkaFile.Lists(File.ReadAllText(Current)), plan.Stdout);
        string applied = _files.Write("after.json", ReassignmentJson.Write(after.Select(e => new PartitionReassignment(e.Key.Topic, e.Key.Partition, [.. e.Value]))));

        CliRun audit = CliRun.Of(["audit", "--current", applied, .. Desired("--mode", "balanced")]);

        Assert.Equal(ExitCodes.Success, audit.ExitCode);
        Assert.EndsWith("clean: no drift\n", audit.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-incoming", "0")]
    [InlineData("--max-outgoing", "-1")]
    [InlineData("--max-bytes-in-flight", "0")]
    [InlineData("--throttle-mbps", "-5")]
    [InlineData("--step-size", "2")]
    [InlineData("--format", "yaml")]
    public void Run_BadOption_UsageError(string option, string value)
    {
        Plan(option, value).AssertOneLineError(ExitCodes.UsageError);
    }

    [Fact]
    public void Run_MissingCluster_UsageError()
    {
        CliRun.Of("plan", "--current", Current, "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"))
            .AssertOneLineError(ExitCodes.UsageError);
    }

    [Fact]
    public void Run_CurrentMissingAPartition_OneLineInputError()
    {
        string current = _files.Write("current.json", "{\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2,3]},{\"topic\":\"orders\",\"partition\":2,\"replicas\":[3,4,5]}]}");

        string line = CliRun.Of(["plan", "--current", current, .. Desired()]).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("not partition 1", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"orders\": [1, -2]}", "$.orders[1]")]
    [InlineData("{\"orders\": 5}", "$.orders")]
    [InlineData("[1]", "$")]
    [InlineData("{\"orders\": [1,", "$")]
    public void Run_BadSizesFile_OneLineInputError(string text, string path)
    {
        string sizes = _files.Write("sizes.json", text);

        string line = Plan("--sizes", sizes).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains($"sizes.json: {path}:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedCurrent_OneLineInputError()
    {
        string current = _files.Write("current.json", "{\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,1,2]}]}");

        string line = CliRun.Of(["plan", "--current", current, .. Desired()]).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("contains multiple entries for 1", line, StringComparison.Ordinal);
    }
}
