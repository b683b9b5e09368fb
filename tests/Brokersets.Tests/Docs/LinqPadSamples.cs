using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Tests.Docs;

/// <summary>LINQPad's <c>Dump()</c> for the compiled copies of the samples: returns its argument (LINQPad renders it).</summary>
internal static class LinqPadDump
{
    public static T Dump<T>(this T value, string? title = null)
    {
        _ = title;
        return value;
    }
}

/// <summary>
/// Compiled copies of <c>docs/linqpad/*.linq</c> (the C# after the <c>&lt;/Query&gt;</c> header); each sample runs here,
/// and a test checks every <c>.linq</c> file holds exactly its marked region (the live-cluster sample's copy is in
/// Brokersets.Admin.Tests, which references the Admin package).
/// </summary>
public class LinqPadSamples
{
    [Fact]
    public void PlaceAndCompare_Runs()
    {
        // linq:begin place-and-compare.linq
        // 12 brokers cycling through three AZs, one brokerset, eight topics at strides 0..7 (docs/failover.md)
        var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, $"az{(id - 1) % 3 + 1}")));
        var spec = PlacementSpec.Create([Brokerset.Parse("B12", "1-12")],
            Enumerable.Range(0, 8).Select(s => new TopicSpec($"t{s}", "B12", Partitions: 12, Stride: s))).WithRacks(cluster);

        PlacementStrategy[] strategies = [PlacementStrategy.RackAware, PlacementStrategy.Orion, KafkaDefaultPlacement.FixedStart(0)];
        strategies.Select(s => (Strategy: s, Impact: FailureImpact.Create(s.PlaceAll(spec), cluster)))
            .Select(x => new { x.Strategy.Name, x.Impact.FailoverSkew, x.Impact.MaxLeadersGained, x.Impact.MinSuccessors, x.Impact.RackSpread })
            .Dump("failover by strategy");

        ClusterAssignment rackAware = PlacementStrategy.RackAware.PlaceAll(spec);
        rackAware["t1"].Dump("t1 (rack-aware)");
        ClusterReport.Create(rackAware, cluster).Dump("loads per broker and rack");
        // linq:end
    }

    [Fact]
    public void FailoverAnalysis_Runs()
    {
        // linq:begin failover-analysis.linq
        var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, $"az{(id - 1) % 3 + 1}")));
        Brokerset b12 = Brokerset.Parse("B12", "1-12").WithRacks(cluster);
        TopicSpec[] topics = Enumerable.Range(0, 8).Select(s => new TopicSpec($"t{s}", "B12", Partitions: 12, Stride: 0)).ToArray();
        var spec = PlacementSpec.Create([b12], topics);

        // every topic at stride 0: one successor per broker takes all its leadership
        FailureImpact before = FailureImpact.Create(PlacementStrategy.RackAware.PlaceAll(spec), cluster);
        before.Dump("all at stride 0");

        // the advisor's strides, and what they do to a broker's and an AZ's failure
        StridePlan replan = new StrideAdvisor(PlacementStrategy.RackAware).Replan(b12, topics);
        replan.Dump("re-planned strides");
        var after = PlacementSpec.Create([b12], topics.Select(t => t with { Stride = replan.Topics.Single(c => c.Topic == t.Topic).After }));
        FailureImpact.Create(PlacementStrategy.RackAware.PlaceAll(after), cluster).Dump("after the re-plan");
        // linq:end
    }

    [Fact]
    public void PlanReassignment_Runs()
    {
        // linq:begin plan-reassignment.linq
        // the README's cluster; payments moves from brokers 1-6 to 7-12
        var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, $"AZ{(id - 1) % 3 + 1}")));
        var spec = PlacementSpec.Create([Brokerset.Parse("blue", "1-6"), Brokerset.Parse("green", "7-12")],
            [new TopicSpec("orders", "blue", Partitions: 6, Stride: 0), new TopicSpec("payments", "blue", Partitions: 6, Stride: 1)]).WithRacks(cluster);
        ClusterAssignment current = PlacementStrategy.RackAware.PlaceAll(spec);

        MovementTarget move = MinimalMovement.MoveTopic(current, spec, "payments", "green", sizes: PartitionSizes.Uniform(1L << 30));
        move.Dump("target: moved vs lower bound");
        ExecutionPlan plan = ExecutionPlan.Create(move.Diff, new ExecutionOptions { ThrottleBytesPerSecond = 50_000_000 }, cluster);
        plan.Dump("waves, moves, throttles, elections");
        plan.Waves.Select(w => new { w.Number, Json = ReassignmentJson.Write(w.Reassignments) }).Dump("one kafka-reassign-partitions file per wave");
        // linq:end
    }

    [Fact]
    public void AuditDrift_Runs()
    {
        // linq:begin audit-drift.linq
        var cluster = Cluster.Create(Enumerable.Range(1, 7).Select(id => new Broker(id, $"AZ{(id - 1) % 3 + 1}")));
        var spec = PlacementSpec.Create([Brokerset.Parse("B6", "1-6")],
            [new TopicSpec("orders", "B6", Partitions: 6, Stride: 0), new TopicSpec("payments", "B6", Partitions: 6, Stride: 1)]).WithRacks(cluster);

        // what the cluster runs (paste kafka-reassign-partitions' "Current partition replica assignment" here)
        string currentJson = """
            {"version":1,"partitions":[
              {"topic":"orders","partition":0,"replicas":[1,2,7]},{"topic":"orders","partition":1,"replicas":[2,3,4]},
              {"topic":"orders","partition":2,"replicas":[3,4,5]},{"topic":"orders","partition":3,"replicas":[4,5,6]},
              {"topic":"orders","partition":4,"replicas":[5,6,1]},{"topic":"orders","partition":5,"replicas":[6,1,2]},
              {"topic":"payments","partition":0,"replicas":[1,3,2]},{"topic":"payments","partition":1,"replicas":[2,4,3]},
              {"topic":"payments","partition":2,"replicas":[3,5,4]},{"topic":"payments","partition":3,"replicas":[6,4,5]},
              {"topic":"payments","partition":4,"replicas":[5,1,6]},{"topic":"payments","partition":5,"replicas":[6,2,1]}]}
            """;
        ClusterAssignment observed = ReassignmentJson.Read(currentJson, "current");

        DriftReport drift = DriftReport.Create(spec, cluster, observed);
        drift.Dump("drift, cheapest class first");
        ExecutionPlan.Create(drift.Repair, cluster: cluster).Dump("the repair in waves");
        // linq:end
        // orders-0 has broker 7 (outside B6, and in AZ1 like broker 1); payments-3 is reordered
        Assert.Equal([DriftKind.WrongOrder, DriftKind.ReplicaOutsideBrokerset, DriftKind.RackCollision], drift.Findings.Select(f => f.Kind));
    }

    [Fact]
    public void LinqFiles_HoldExactlyTheCompiledSamples()
    {
        Dictionary<string, string> compiled = Regions("tests", "Brokersets.Tests", "Docs", "LinqPadSamples.cs")
            .Concat(Regions("tests", "Brokersets.Admin.Tests", "Docs", "LinqPadLiveSample.cs"))
            .ToDictionary(r => r.Name, r => r.Code);
        string[] files = Directory.GetFiles(TestData.RepositoryFile("docs", "linqpad"), "*.linq").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal(compiled.Keys.Order(StringComparer.Ordinal), files);
        foreach (string file in files)
        {
            string text = File.ReadAllText(TestData.RepositoryFile("docs", "linqpad", file)).Replace("\r\n", "\n", StringComparison.Ordinal);
            int header = text.IndexOf("</Query>\n", StringComparison.Ordinal);
            Assert.True(header > 0, file + ": no LINQPad header");
            Assert.Contains("<NuGetReference>Brokersets</NuGetReference>", text[..header], StringComparison.Ordinal);
            Assert.Matches("^<Query Kind=\"(Statements|Program)\">", text);
            Assert.Equal(compiled[file], text[(header + "</Query>\n".Length)..].Trim('\n'));
        }
    }

    private static IEnumerable<(string Name, string Code)> Regions(params string[] path)
    {
        string[] source = File.ReadAllLines(TestData.RepositoryFile(path));
        for (int i = 0; i < source.Length; i++)
        {
            const string Begin = "// linq:begin ";
            if (source[i].TrimStart().StartsWith(Begin, StringComparison.Ordinal))
            {
                int end = Array.FindIndex(source, i, l => l.Trim() == "// linq:end");
                yield return (source[i].Trim()[Begin.Length..], string.Join("\n", source[(i + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart())));
                i = end;
            }
        }
    }
}
