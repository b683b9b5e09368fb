using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Brokersets;

namespace Brokersets.Tests.Reassignment;

/// <summary>
/// The three brokersets × four changes of issue 11 (compared there with topicmappr and an exact integer program): the
/// seed example (brokers 1–6, 2 topics of 6 partitions), 12 brokers with 4 topics (12/24/30/48 partitions, strides
/// 0/1/2/5) and 30 brokers with 20 topics (30–120 partitions, strides 0–19), all RF 3, ids cycling through three AZs
/// (id 1 in AZ1, 2 in AZ2, 3 in AZ3, 4 in AZ1, …), current = the rack-aware layout. Each change is given as
/// <c>plan</c> sees it: the desired spec after the change, rebalanced from the current assignment.
/// </summary>
internal static class ReassignmentScenarios
{
    /// <summary>One brokerset of the comparison: its cluster (with spare ids), spec and current assignment.</summary>
    internal sealed record Setup(string Name, Cluster Cluster, PlacementSpec Spec, ClusterAssignment Current);

    /// <summary>One change: the desired spec after it (what <c>plan</c> reads) and, for a replacement, the overrides.</summary>
    internal sealed record Change(string Setup, string Kind, string Description, PlacementSpec Desired, BrokerOverrides Overrides, Setup Before);

    internal static string Rack(int id) => "AZ" + (((id - 1) % 3) + 1);

    internal static Cluster ClusterOf(int maxId) => Cluster.Create(Enumerable.Range(1, maxId).Select(id => new Broker(id, Rack(id))));

    internal static Setup Seed() => Build("seed", 6, 9, [(6, 0), (6, 1)], ["orders", "payments"], fixedPartitions: 6);

    internal static Setup Twelve() => Build("12 brokers", 12, 18, [(12, 0), (24, 1), (30, 2), (48, 5)], null, fixedPartitions: 0);

    /// <summary>20 topics of 30, 45, 60, 90, 120 partitions (cycling), strides 0–19.</summary>
    internal static Setup Thirty()
    {
        int[] counts = [30, 45, 60, 90, 120];
        return Build("30 brokers", 30, 48, Enumerable.Range(0, 20).Select(i => (counts[i % counts.Length], i)).ToArray(), null, fixedPartitions: 0);
    }

    private static Setup Build(string name, int brokers, int maxId, (int Partitions, int Stride)[] topics, string[]? names, int fixedPartitions)
    {
        Cluster cluster = ClusterOf(maxId);
        Brokerset set = Brokerset.Create("B", Enumerable.Range(1, brokers), fixedPartitions);
        TopicSpec[] specs = topics.Select((t, i) => new TopicSpec(names?[i] ?? $"t{i:00}", "B", fixedPartitions > 0 ? 0 : t.Partitions, 3, t.Stride)).ToArray();
        PlacementSpec spec = PlacementSpec.Create([set], specs).WithRacks(cluster);
        return new Setup(name, cluster, spec, PlacementStrategy.RackAware.PlaceAll(spec));
    }

    /// <summary>Replicas per broker id in <paramref name="assignment"/>.</summary>
    internal static Dictionary<int, int> Replicas(ClusterAssignment assignment) =>
        assignment.Topics.SelectMany(t => t.AsSpan().ToArray()).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// The four changes on <paramref name="s"/>: replace <paramref name="replaced"/> by the first spare id of its AZ,
    /// add three spare brokers (one per AZ), remove <paramref name="removed"/>, and move <paramref name="moved"/> to the
    /// brokerset shifted by <paramref name="shift"/> ids (overlapping the old one).
    /// </summary>
    internal static Change[] Changes(Setup s, int replaced, int removed, string moved, int shift)
    {
        Brokerset set = s.Spec.Brokersets[0];
        int max = set.BrokerIds.Max();
        int spare = Enumerable.Range(max + 1, 3).First(id => Rack(id) == Rack(replaced));
        BrokerOverrides overrides = BrokerOverrides.Create([KeyValuePair.Create(replaced, spare)]);
        PlacementSpec replace = s.Spec.WithOverrides(overrides).WithRacks(s.Cluster);
        PlacementSpec add = With(s.Spec, Brokerset.Create("B", set.BrokerIds.Concat(Enumerable.Range(max + 1, 3)), set.Partitions).WithRacks(s.Cluster));
        PlacementSpec remove = With(s.Spec, Brokerset.Create("B", set.BrokerIds.Where(id => id != removed), set.Partitions).WithRacks(s.Cluster));
        Brokerset shifted = Brokerset.Create("C", set.BrokerIds.Select(id => id + shift), set.Partitions).WithRacks(s.Cluster);
        PlacementSpec move = PlacementSpec.Create([set, shifted], s.Spec.Topics.Select(t => t.Topic == moved ? t with { BrokersetName = "C" } : t)).WithRacks(s.Cluster);
        return
        [
            new(s.Name, "replace", $"{replaced} → {spare}", replace, overrides, s),
            new(s.Name, "add", $"+{max + 1}–{max + 3}", add, BrokerOverrides.None, s),
            new(s.Name, "remove", $"−{removed}", remove, BrokerOverrides.None, s),
            new(s.Name, "move", $"{moved} → +{shift}", move, BrokerOverrides.None, s),
        ];
    }

    private static PlacementSpec With(PlacementSpec spec, Brokerset set) => PlacementSpec.Create(spec.Brokersets.Select(b => b.Name == set.Name ? set : b), spec.Topics);

    /// <summary>All twelve rows.</summary>
    internal static Change[] All()
    {
        Setup seed = Seed();
        Setup twelve = Twelve();
        Setup thirty = Thirty();
        return
        [
            .. Changes(seed, replaced: 6, removed: 6, moved: "payments", shift: 3),
            .. Changes(twelve, replaced: 7, removed: 12, moved: "t03", shift: 3),
            .. Changes(thirty, replaced: 7, removed: 30, moved: "t03", shift: 15),
        ];
    }

    /// <summary>Partitions whose first replica differs between <paramref name="current"/> and <paramref name="target"/> (counted here, not by the library).</summary>
    internal static int LeaderChanges(ClusterAssignment current, ClusterAssignment target)
    {
        int changes = 0;
        foreach (TopicAssignment c in current.Topics)
        {
            TopicAssignment t = target[c.Topic];
            for (int p = 0; p < c.PartitionCount; p++)
            {
                changes += c[p][0] != t[p][0] ? 1 : 0;
            }
        }

        return changes;
    }

    /// <summary>
    /// Failover successors after the change, counted here: for each broker that leads a partition of the changed topics,
    /// the distinct brokers that inherit its leaderships (each partition's second replica) and the most one inherits.
    /// Returns the fewest successors and the largest gain over those brokers.
    /// </summary>
    internal static (int MinSuccessors, int MaxGain) Successors(IEnumerable<TopicAssignment> topics)
    {
        var gains = new Dictionary<int, Dictionary<int, int>>();
        foreach (TopicAssignment t in topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                ReadOnlySpan<int> row = t[p];
                if (row.Length < 2)
                {
                    continue;
                }

                Dictionary<int, int> g = gains.TryGetValue(row[0], out var x) ? x : gains[row[0]] = new Dictionary<int, int>();
                g[row[1]] = g.GetValueOrDefault(row[1]) + 1;
            }
        }

        return gains.Count == 0 ? (0, 0) : (gains.Values.Min(g => g.Count), gains.Values.Max(g => g.Values.Max()));
    }

    internal static ImmutableArray<TopicAssignment> ChangedTopics(MovementTarget target) =>
        target.Topics.Where(t => t.Changed).Select(t => target.Target[t.Topic]).ToImmutableArray();
}
