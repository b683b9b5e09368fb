using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Brokersets.Serialization;
using Brokersets.Tests.Cli;

namespace Brokersets.Tests.Docs;

/// <summary>
/// docs/cookbook.md, kept true: every <c>brokersets</c> command is run in-process and its output compared with the
/// text block after it; every C# block is one of the marked regions below (or of the Admin tests' live-cluster
/// block), compiled and run here, and the doc must show exactly those blocks. Expected figures are derived
/// independently of the program's printout (counting replicas, placing with other strategies, reading the files).
/// </summary>
public sealed class CookbookTests : IDisposable
{
    private const string Dir = "docs/examples/cookbook/";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string ExampleText(string file) => File.ReadAllText(TestData.RepositoryFile("docs", "examples", "cookbook", file));

    private static ClusterAssignment ReadAssignment(string file) => ReassignmentJson.Read(ExampleText(file), file);

    /// <summary>The cookbook's C# example, as its first block declares it.</summary>
    private static (Cluster Cluster, PlacementSpec Spec, ClusterAssignment Current) Example()
    {
        // cookbook:begin
        var cluster = Cluster.Create(Enumerable.Range(1, 15).Select(id => new Broker(id, $"AZ{(id - 1) % 3 + 1}")));
        var spec = PlacementSpec.Create(
            [Brokerset.Parse("blue", "1-6"), Brokerset.Parse("green", "7-12")],
            [new TopicSpec("orders", "blue", Partitions: 6, Stride: 0), new TopicSpec("payments", "blue", Partitions: 6, Stride: 1)]).WithRacks(cluster);
        ClusterAssignment current = PlacementStrategy.RackAware.PlaceAll(spec); // a live cluster: ReassignmentJson.Read(json, "current.json")
        // cookbook:end
        return (cluster, spec, current);
    }

    [Fact]
    public void Example_MatchesTheExampleFiles()
    {
        var (cluster, spec, current) = Example();
        Cluster fromFile = ClusterJson.Read(ExampleText("cluster.json"), "cluster.json");
        Assert.Equal(fromFile.Brokers.Select(b => b.ToString()), cluster.Brokers.Select(b => b.ToString()));
        ImmutableArray<Brokerset> sets = BrokersetsJson.Read(ExampleText("brokersets.json"), "brokersets.json");
        Assert.Equal(sets.Select(s => (s.Name, string.Join(",", s.BrokerIds))), spec.Brokersets.Select(s => (s.Name, string.Join(",", s.BrokerIds))));
        Assert.Equal(TopicsJson.Read(ExampleText("topics.json"), "topics.json").Select(t => t.ToString()), spec.Topics.Select(t => t.ToString()));
        Assert.True(ReassignmentDiff.Create(ReadAssignment("current.json"), current).IsEmpty);
        // current.json is the rack-aware layout: every broker of blue leads 2 partitions and holds 6 replicas
        Assert.All(ClusterReport.Create(current, cluster).Brokers, b => Assert.Equal((2, 6), (b.Leaders, b.Replicas)));
    }

    [Fact]
    public void CreateTopic_AdvisesStrideTwoAndPlacesIt()
    {
        var (cluster, spec, current) = Example();
        // cookbook:begin
        var clicks = new TopicSpec("clicks", "blue", Partitions: SizingAdvisor.MinimumPartitions(new SizingRequest("clicks", ProduceBytesPerSecond: 30_000_000)));
        StrideAdvice advice = new StrideAdvisor(PlacementStrategy.RackAware).AdviseNewTopic(spec.GetBrokerset("blue"), spec.Topics, clicks);
        TopicAssignment placed = PlacementStrategy.RackAware.Place(spec.GetBrokerset("blue"), clicks with { Stride = advice.RecommendedStride });
        string kafkaJson = ReassignmentJson.Write(ClusterAssignment.Create([placed]));                     // kafka-reassign-partitions
        string replicaAssignment = string.Join(",", placed.Rows.Select(r => string.Join(":", r.Replicas))); // kafka-topics --replica-assignment
        // cookbook:end
        Assert.Equal(6, clicks.Partitions); // 30 MB/s at 5 MB/s per partition
        // independently: the stride whose three-topic layout has the lowest failover skew (first on ties)
        double Skew(int stride) => FailureImpact.Create(PlacementStrategy.RackAware.PlaceAll(
            PlacementSpec.Create(spec.Brokersets, [.. spec.Topics, clicks with { Stride = stride }])), cluster).FailoverSkew;
        int best = Enumerable.Range(0, 6).OrderBy(Skew).First();
        Assert.Equal(best, advice.RecommendedStride);
        Assert.Equal(2, advice.RecommendedStride);
        Assert.Equal("1:5:6,2:6:1,3:1:2,4:2:3,5:3:4,6:4:5", replicaAssignment);
        Assert.Contains("\"topic\":\"clicks\"", kafkaJson, StringComparison.Ordinal);
        Assert.Contains("--replica-assignment " + replicaAssignment, Doc(), StringComparison.Ordinal);
        Assert.NotNull(current);
    }

    [Fact]
    public void AddPartitions_KeepsEveryExistingList()
    {
        var (_, spec, current) = Example();
        // cookbook:begin
        MovementTarget grown = MinimalMovement.AddPartitions(current, spec, "orders", partitions: 9);
        TopicAssignment orders = grown.Target["orders"]; // partitions 0-5 as they are, then 6-8
        string replicaAssignment = string.Join(",", orders.Rows.Select(r => string.Join(":", r.Replicas))); // kafka-topics --alter --partitions 9
        // cookbook:end
        Assert.Equal(0, grown.ReplicasMoved);
        for (int p = 0; p < 6; p++)
        {
            Assert.Equal(current["orders"][p].ToArray(), orders[p].ToArray());
        }

        // the same lists as placing 9 partitions from scratch (expansion-stable), and as the CLI printed
        TopicAssignment scratch = PlacementStrategy.RackAware.Place(spec.GetBrokerset("blue"), new TopicSpec("orders", "blue", 9));
        Assert.True(scratch.SameReplicasAs(orders));
        Assert.Contains("--replica-assignment " + replicaAssignment, Doc(), StringComparison.Ordinal);
    }

    [Fact]
    public void MoveTopic_MovesEveryReplicaInThreeWaves()
    {
        var (cluster, spec, current) = Example();
        // cookbook:begin
        MovementTarget move = MinimalMovement.MoveTopic(current, spec, "payments", "green");
        ExecutionPlan plan = ExecutionPlan.Create(move.Diff, new ExecutionOptions { ThrottleBytesPerSecond = 50_000_000 }, cluster);
        foreach (Wave wave in plan.Waves)
        {
            Console.WriteLine(ReassignmentJson.Write(wave.Reassignments)); // one kafka-reassign-partitions --execute file per wave
        }
        // cookbook:end
        Assert.Equal(6 * 3, move.ReplicasMoved); // blue and green share no broker
        Assert.Equal(3, plan.Waves.Length);       // one new replica per partition per wave, 3 per partition
        Assert.All(move.Target["payments"].AsSpan().ToArray(), id => Assert.InRange(id, 7, 12));
        // the CLI route (topics file edited, then plan) reaches the same target
        ClusterAssignment cli = PlanTarget("--topics", Dir + "topics-payments-green.json");
        Assert.True(cli["payments"].SameReplicasAs(move.Target["payments"]));
    }

    [Fact]
    public void ReplaceBroker_MovesOnlyItsReplicas()
    {
        var (_, spec, current) = Example();
        // cookbook:begin
        var overrides = BrokerOverrides.FromRanges(BrokerIdRange.Of(3), BrokerIdRange.Of(15));
        MovementTarget replaced = MinimalMovement.ReplaceBrokers(current, overrides, spec);
        // cookbook:end
        int onThree = current.Topics.Sum(t => t.AsSpan().ToArray().Count(id => id == 3));
        Assert.Equal(6, onThree);
        Assert.Equal(onThree, replaced.ReplicasMoved);
        foreach (TopicAssignment t in current.Topics)
        {
            int[] before = t.AsSpan().ToArray();
            int[] after = replaced.Target[t.Topic].AsSpan().ToArray();
            Assert.Equal(before.Select(id => id == 3 ? 15 : id), after);
        }

        ClusterAssignment cli = PlanTarget("--topics", Dir + "topics.json", "--overrides", Dir + "overrides-3-to-15.json");
        Assert.True(ReassignmentDiff.Create(cli, replaced.Target).IsEmpty);
    }

    [Fact]
    public void AddAndRemoveBrokers_KeepTheGuarantees()
    {
        var (cluster, spec, current) = Example();
        // cookbook:begin
        MovementTarget added = MinimalMovement.AddBrokers(current, spec, "blue", [new Broker(13, "AZ1"), new Broker(14, "AZ2"), new Broker(15, "AZ3")]);
        MovementTarget removed = MinimalMovement.RemoveBrokers(current, spec, "blue", [6]);
        Console.WriteLine(added);
        Console.WriteLine(removed);
        // cookbook:end
        Assert.Equal(12, added.ReplicasMoved); // the new brokers take ⌊12 / 3⌋ = 4 replicas each: the lower bound
        Assert.Equal(0, added.LowerBound); // per topic, nothing need move: each topic alone keeps its guarantees on 9 brokers
        Assert.Equal(12, added.CrossTopicLowerBound);
        Assert.All(added.Spec!.GetBrokerset("blue").BrokerIds, id => Assert.Equal(4, added.Target.Topics.Sum(t => t.AsSpan().ToArray().Count(x => x == id))));
        int onSix = current.Topics.Sum(t => t.AsSpan().ToArray().Count(id => id == 6));
        Assert.Equal(onSix, removed.ReplicasMoved); // each replica on broker 6 moves, nothing else
        Assert.DoesNotContain(6, removed.Target.Topics.SelectMany(t => t.AsSpan().ToArray()));
        Assert.Empty(ClusterReport.Create(removed.Target, cluster).RackViolations);
        Assert.True(ReassignmentDiff.Create(PlanTarget("--topics", Dir + "topics.json", "--brokersets", Dir + "brokersets-blue-without-6.json"), removed.Target).IsEmpty);
        Assert.True(ReassignmentDiff.Create(PlanTarget("--topics", Dir + "topics.json", "--brokersets", Dir + "brokersets-blue-grown.json"), added.Target).IsEmpty);
    }

    [Fact]
    public void LowerReplicationFactor_CopiesNothing()
    {
        var (_, spec, current) = Example();
        // cookbook:begin
        MovementTarget lowered = MinimalMovement.ChangeReplicationFactor(current, spec, "payments", replicationFactor: 2);
        ExecutionPlan plan = ExecutionPlan.Create(lowered.Diff); // no waves: plan.FinalReassignments holds the shorter lists
        // cookbook:end
        Assert.Equal(0, lowered.ReplicasMoved);
        Assert.Empty(plan.Waves);
        Assert.Equal(6, plan.FinalReassignments.Length);
        foreach (PartitionReassignment r in plan.FinalReassignments)
        {
            Assert.Equal(2, r.Replicas.Length);
            Assert.Subset(current["payments"][r.Partition].ToArray().ToHashSet(), r.Replicas.ToHashSet());
        }

        Assert.True(ReassignmentDiff.Create(PlanTarget("--topics", Dir + "topics-payments-rf2.json"), lowered.Target).IsEmpty);
    }

    [Fact]
    public void AuditAndRepair_FindsTheTwoEdits()
    {
        var (cluster, spec, _) = Example();
        string driftedJson = ExampleText("drifted.json");
        // cookbook:begin
        ClusterAssignment observed = ReassignmentJson.Read(driftedJson, "drifted.json");
        DriftReport drift = DriftReport.Create(spec, cluster, observed);
        if (!drift.IsClean)
        {
            Console.WriteLine(drift);                                                // findings, cheapest class first
            Console.WriteLine(ExecutionPlan.Create(drift.Repair, cluster: cluster)); // the repair, in waves
        }
        // cookbook:end
        // drifted.json is current.json with orders-2 reordered and payments-4's broker 6 swapped for 9 (of green)
        Assert.Equal([DriftKind.WrongOrder, DriftKind.ReplicaOutsideBrokerset], drift.Findings.Select(f => f.Kind));
        Assert.Equal(1, drift.Repair.ReplicasMoved);
        Assert.Equal(1, drift.Repair.OrderOnlyChanges);
    }

    [Fact]
    public void Export_WaveFilesMatchTheCore()
    {
        var (cluster, spec, _) = Example();
        ClusterAssignment observed = ReadAssignment("drifted.json");
        // cookbook:begin
        MovementTarget target = MinimalMovement.Rebalance(observed, spec);
        ExecutionPlan plan = ExecutionPlan.Create(target.Diff, new ExecutionOptions { ThrottleBytesPerSecond = 50_000_000 }, cluster);
        foreach (Wave wave in plan.Waves)
        {
            string waveFile = ReassignmentJson.Write(wave.Reassignments);       // plan-out/wave-NN.json
            string brokers = string.Join(",", wave.ThrottledBrokers);            // kafka-configs --entity-type brokers
            foreach (TopicThrottle t in wave.Throttles)                          // kafka-configs --entity-type topics
            {
                Console.WriteLine($"{t.Topic}: leader.replication.throttled.replicas={t.LeaderReplicas} follower.replication.throttled.replicas={t.FollowerReplicas}");
            }
        }

        string finalFile = ReassignmentJson.Write(plan.FinalReassignments);     // plan-out/final.json: no data moves
        // cookbook:end
        string outputDir = Path.Combine(_files.Directory, "out");
        CliRun run = Cli("plan", "--current", Dir + "drifted.json", "--brokersets", Dir + "brokersets.json", "--topics", Dir + "topics.json",
            "--cluster", Dir + "cluster.json", "--throttle-mbps", "50", "--output-dir", outputDir);
        Assert.Equal(0, run.ExitCode);
        Wave only = Assert.Single(plan.Waves);
        Assert.Equal(ReassignmentJson.Write(only.Reassignments), File.ReadAllText(Path.Combine(outputDir, "wave-01.json")).Trim());
        Assert.Equal(finalFile, File.ReadAllText(Path.Combine(outputDir, "final.json")).Trim());
        // the throttled replicas: every current replica of payments-4 (5,1,9) leads the copy, the new one (6) follows
        TopicThrottle throttle = Assert.Single(only.Throttles);
        Assert.Equal(("4:1,4:5,4:9", "4:6"), (throttle.LeaderReplicas, throttle.FollowerReplicas));
        Assert.Contains("leader.replication.throttled.replicas=[4:1,4:5,4:9]", Doc(), StringComparison.Ordinal);
        Assert.Contains("--add-config leader.replication.throttled.rate=50000000", Doc(), StringComparison.Ordinal);
    }

    [Fact]
    public void Doc_EveryCommand_PrintsWhatTheDocShows()
    {
        string[] lines = Doc().Split('\n');
        string root = TestData.RepositoryRoot() + Path.DirectorySeparatorChar;
        string outputDir = Path.Combine(_files.Directory, "plan-out");
        const string Prefix = "dotnet run --project src/Brokersets.Cli -- ";
        int checkedCommands = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Prefix, StringComparison.Ordinal) || lines[i].Contains("--bootstrap-servers", StringComparison.Ordinal))
            {
                continue; // live-cluster commands run against the test broker in Brokersets.Admin.Tests (CookbookCliLiveTests)
            }

            Assert.True(lines[i - 1] == "```sh" && lines[i + 1] == "```" && lines[i + 2] == "```text", $"line {i + 1}: a command is a one-line sh block followed by its output block");
            string[] args = lines[i][Prefix.Length..].Split(' ')
                .Select(a => a.StartsWith("docs/", StringComparison.Ordinal) ? root + a : a == "plan-out" ? outputDir : a).ToArray();
            var expected = new List<string>();
            for (int j = i + 3; lines[j] != "```"; j++)
            {
                expected.Add(lines[j]);
            }

            CliRun run = CliRun.Of(args);
            string actual = (run.Stdout + run.Stderr).Replace(outputDir, "plan-out", StringComparison.Ordinal).Replace(root, string.Empty, StringComparison.Ordinal)
                + $"(exit code {run.ExitCode})";
            AssertShows(expected, actual.Split('\n'), lines[i]);
            checkedCommands++;
        }

        Assert.Equal(12, checkedCommands);
    }

    [Fact]
    public void Doc_ShowsExactlyTheCompiledBlocks()
    {
        List<string> compiled = [.. MarkedBlocks("tests", "Brokersets.Tests", "Docs", "CookbookTests.cs"), .. MarkedBlocks("tests", "Brokersets.Admin.Tests", "Docs", "CookbookLiveTests.cs")];
        string[] lines = Doc().Split('\n');
        var shown = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] == "```csharp")
            {
                int end = Array.IndexOf(lines, "```", i + 1);
                shown.Add(string.Join("\n", lines[(i + 1)..end]));
                i = end;
            }
        }

        // the doc's order: the example first, then one block per section; the live-cluster block last
        Assert.Equal(compiled, shown);
    }

    /// <summary>The marked regions of a test file, unindented by 8 spaces (a method body's indentation).</summary>
    internal static IEnumerable<string> MarkedBlocks(params string[] path)
    {
        string[] source = File.ReadAllLines(TestData.RepositoryFile(path));
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i].Trim() == "// cookbook:begin")
            {
                int end = Array.FindIndex(source, i, l => l.Trim() == "// cookbook:end");
                yield return string.Join("\n", source[(i + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
                i = end;
            }
        }
    }

    /// <summary>
    /// The expected lines must appear in the output in order; a line "…" stands for any number of omitted lines,
    /// every other line must follow the previous one directly.
    /// </summary>
    private static void AssertShows(List<string> expected, string[] actual, string command)
    {
        int at = 0;
        bool gap = true;
        foreach (string line in expected)
        {
            if (line == "…")
            {
                gap = true;
                continue;
            }

            int found = gap ? Array.IndexOf(actual, line, at) : at < actual.Length && actual[at] == line ? at : -1;
            Assert.True(found >= 0, $"{command}\nexpected line not found where the doc shows it: {line}\noutput:\n{string.Join("\n", actual)}");
            at = found + 1;
            gap = false;
        }

        Assert.True(gap || at == actual.Length, $"{command}\nthe doc shows the end of the output, but more follows:\n{string.Join("\n", actual[at..])}");
    }

    private static CliRun Cli(params string[] args)
    {
        string root = TestData.RepositoryRoot() + Path.DirectorySeparatorChar;
        return CliRun.Of(args.Select(a => a.StartsWith("docs/", StringComparison.Ordinal) ? root + a : a).ToArray());
    }

    /// <summary><c>plan --format kafka-json</c> on current.json with the cookbook files, some replaced; returns current with the plan applied.</summary>
    private static ClusterAssignment PlanTarget(params string[] replace)
    {
        var options = new Dictionary<string, string>
        {
            ["--current"] = Dir + "current.json", ["--brokersets"] = Dir + "brokersets.json", ["--topics"] = Dir + "topics.json", ["--cluster"] = Dir + "cluster.json",
        };
        for (int i = 0; i < replace.Length; i += 2)
        {
            options[replace[i]] = replace[i + 1];
        }

        CliRun run = Cli(["plan", .. options.SelectMany(o => new[] { o.Key, o.Value }), "--format", "kafka-json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        ClusterAssignment current = ReadAssignment("current.json");
        var changes = (run.Stdout.Contains("\"partitions\":[]", StringComparison.Ordinal) ? [] : ReassignmentJson.ReadPartitions(run.Stdout, "plan")).ToLookup(r => r.Topic);
        return ClusterAssignment.Create(current.Topics.Select(t =>
        {
            var rows = Enumerable.Range(0, t.PartitionCount).Select(p => (IReadOnlyList<int>)t[p].ToArray()).ToArray();
            foreach (PartitionReassignment r in changes[t.Topic])
            {
                rows[r.Partition] = r.Replicas;
            }

            return TopicAssignment.Create(t.Topic, rows);
        }));
    }

    private static string Doc() => File.ReadAllText(TestData.RepositoryFile("docs", "cookbook.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
}
