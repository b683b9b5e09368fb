using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using Brokersets.Tests.Generators;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

public class MinimalMovementTests
{
    /// <summary>
    /// A matched target is made of exactly the strategy's lists (so every set-level guarantee carries over); a repaired one
    /// passes the guarantee check; both keep leader balance and rack diversity, checked here directly.
    /// </summary>
    internal static bool KeepsGuarantees(TopicAssignment target, TopicAssignment ideal, Brokerset set, string method)
    {
        static IEnumerable<string> Rows(TopicAssignment t) => Enumerable.Range(0, t.PartitionCount).Select(p => string.Join(",", t[p].ToArray())).Order(StringComparer.Ordinal);
        if (method.EndsWith("matching", StringComparison.Ordinal) && !Rows(target).SequenceEqual(Rows(ideal)))
        {
            return false;
        }

        if (!method.EndsWith("matching", StringComparison.Ordinal) && Internals.BalanceGuarantees.Violation(target, set) is not null)
        {
            return false;
        }

        var leaders = set.BrokerIds.ToDictionary(id => id, _ => 0);
        for (int p = 0; p < target.PartitionCount; p++)
        {
            leaders[target[p][0]]++;
            string?[] racks = target[p].ToArray().Select(id => set.Brokers[set.PositionOf(id)].Rack).ToArray();
            int distinct = racks.Distinct().Count();
            if (distinct < Math.Min(racks.Length, set.Racks.Length))
            {
                return false;
            }
        }

        return leaders.Values.Max() - leaders.Values.Min() <= 1;
    }

    private static bool Check(MovementTarget result, PlacementSpec after, string topic)
    {
        TopicSpec spec = after.Topics.Single(t => t.Topic == topic);
        TopicAssignment ideal = PlacementStrategy.RackAware.Place(after.BrokersetOf(spec), spec);
        TopicMovement row = result.Topics.Single(t => t.Topic == topic);
        return result.ReplicasMoved == row.ReplicasMoved &&
               row.ReplicasMoved <= row.FromScratchMoved &&
               row.ReplicasMoved >= row.LowerBound &&
               result.ReplicasMoved == ReassignmentDiff.Create(result.Current, ClusterAssignment.Create(new[] { result.Target[topic] })).ReplicasMoved &&
               KeepsGuarantees(result.Target[topic], ideal, after.BrokersetOf(spec), row.Method);
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool GuaranteeCheck_StrategyLayout_Passes(PlacedTopic placed) =>
        Internals.BalanceGuarantees.Violation(placed.Assignment, placed.Brokerset) is null;

    private static (ClusterAssignment Current, PlacementSpec Spec) Setup(PlacedTopic placed, params Brokerset[] more) =>
        (ClusterAssignment.Create(new[] { placed.Assignment }), PlacementSpec.Create(new[] { placed.Brokerset }.Concat(more), new[] { placed.Topic }));

    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool RemoveBrokers_PlacedTopic_NeverWorseThanScratchAndKeepsGuarantees(PlacedTopic placed, int pick)
    {
        if (placed.Brokerset.Count <= placed.Topic.ReplicationFactor)
        {
            return true;
        }

        var (current, spec) = Setup(placed);
        int removed = placed.Brokerset.BrokerIds[Math.Abs(pick % placed.Brokerset.Count)];
        MovementTarget result = MinimalMovement.RemoveBrokers(current, spec, "B", new[] { removed });
        int onRemoved = placed.Assignment.AsSpan().ToArray().Count(id => id == removed);
        return Check(result, result.Spec!, "t") && result.LowerBound >= onRemoved && !result.Target["t"].AsSpan().Contains(removed);
    }

    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool AddBrokers_PlacedTopic_NeverWorseThanScratchAndKeepsGuarantees(PlacedTopic placed, int count)
    {
        var (current, spec) = Setup(placed);
        int n = placed.Brokerset.Count;
        var added = placed.Cluster.Brokers.Skip(n).Take(1 + Math.Abs(count % 6));
        MovementTarget result = MinimalMovement.AddBrokers(current, spec, "B", added);
        return Check(result, result.Spec!, "t");
    }

    /// <summary>
    /// Growth balances across the brokerset's topics: after AddBrokers every broker of the grown brokerset holds,
    /// summed over its topics, within 1 of the others of its rack whenever the rack has at least one replica per broker,
    /// every topic keeps the per-topic guarantees, and moved lies between the lower bound and from scratch.
    /// </summary>
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public FsCheck.Property AddBrokers_SeveralTopics_BalancesAcrossTopicsWithinRacks(PlacedBrokerset placed, int count)
    {
        var spec = PlacementSpec.Create(new[] { placed.Brokerset }, placed.Topics);
        var added = placed.Cluster.Brokers.Skip(placed.Brokerset.Count).Take(1 + Math.Abs(count % 6));
        MovementTarget result = MinimalMovement.AddBrokers(placed.Assignment, spec, "B", added);
        Brokerset grown = result.Spec!.Brokersets.Single();
        var failures = new List<string>();
        if (result.ReplicasMoved < result.LowerBound || result.ReplicasMoved > result.FromScratchMoved)
        {
            failures.Add($"moved {result.ReplicasMoved}, lower bound {result.LowerBound}, from scratch {result.FromScratchMoved}");
        }

        foreach (TopicAssignment t in result.Target.Topics)
        {
            if (Internals.BalanceGuarantees.Violation(t, grown) is { } v)
            {
                failures.Add($"{t.Topic}: {v}");
            }
        }

        var counts = grown.BrokerIds.ToDictionary(id => id, id => result.Target.Topics.Sum(t => t.AsSpan().ToArray().Count(x => x == id)));
        foreach (var rack in grown.Brokers.GroupBy(b => b.Rack))
        {
            int[] c = rack.Select(b => counts[b.Id]).ToArray();
            if (c.Sum() >= c.Length && c.Max() - c.Min() > 1)
            {
                failures.Add($"rack {rack.Key}: replicas per broker {string.Join(",", c)}");
            }
        }

        return (failures.Count == 0).Label(string.Join("\n", failures) + "\n" + result);
    }

    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool ChangeReplicationFactor_PlacedTopic_NeverWorseThanScratchAndKeepsGuarantees(PlacedTopic placed, int rf)
    {
        var (current, spec) = Setup(placed);
        int newRf = 1 + Math.Abs(rf % Math.Min(4, placed.Brokerset.Count));
        MovementTarget result = MinimalMovement.ChangeReplicationFactor(current, spec, "t", newRf);
        int partitions = placed.Assignment.PartitionCount;
        return Check(result, result.Spec!, "t") && result.LowerBound >= partitions * Math.Max(0, newRf - placed.Topic.ReplicationFactor);
    }

    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool MoveTopic_PlacedTopic_NeverWorseThanScratchAndKeepsGuarantees(PlacedTopic placed, int shift)
    {
        int n = placed.Brokerset.Count;
        int k = Math.Abs(shift % (n + 1));
        Brokerset other = Brokerset.Create("C", placed.Cluster.Brokers.Skip(k).Take(n));
        if (other.Count < placed.Topic.ReplicationFactor)
        {
            return true;
        }

        var (current, spec) = Setup(placed, other);
        MovementTarget result = MinimalMovement.MoveTopic(current, spec, "t", "C");
        return Check(result, result.Spec!, "t");
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool AddPartitions_PlacedTopic_ExistingUntouchedAndEqualsLayout(PlacedTopic placed, int extra)
    {
        var (current, spec) = Setup(placed);
        int partitions = placed.Assignment.PartitionCount + Math.Abs(extra % 20);
        MovementTarget result = MinimalMovement.AddPartitions(current, spec, "t", partitions);
        TopicAssignment ideal = PlacementStrategy.RackAware.Place(placed.Brokerset, placed.Topic with { Partitions = partitions });
        return result.ReplicasMoved == 0 && result.Diff.IsEmpty && result.Target["t"].SameReplicasAs(ideal) &&
               result.ReplicasCreated == (partitions - placed.Assignment.PartitionCount) * placed.Topic.ReplicationFactor;
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Rebalance_ShuffledLayout_RestoresWithoutMovingData(PlacedTopic placed, int seed)
    {
        // A permutation of the layout's lists is already balanced: the matching finds a zero-movement target.
        var random = new Random(seed);
        TopicAssignment t = placed.Assignment;
        int[][] rows = Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).OrderBy(_ => random.Next()).ToArray();
        var current = ClusterAssignment.Create(new[] { TopicAssignment.Create("t", rows) });
        MovementTarget result = MinimalMovement.Rebalance(current, PlacementSpec.Create(new[] { placed.Brokerset }, new[] { placed.Topic }));
        return result.ReplicasMoved == 0 && result.LowerBound == 0 && result.Diff.IsEmpty;
    }

    [Fact]
    public void ReplaceBrokers_OneBroker_MovesOnlyItsReplicas()
    {
        PlacedTopic placed = ReassignmentGenerators.Place(9, 3, 18, 3, 1);
        var current = ClusterAssignment.Create(new[] { placed.Assignment });
        int replicasOn101 = placed.Assignment.AsSpan().ToArray().Count(id => id == 101);
        MovementTarget result = MinimalMovement.ReplaceBrokers(current, BrokerOverrides.Create(new[] { KeyValuePair.Create(101, 200) }));
        Assert.Equal(replicasOn101, result.ReplicasMoved);
        Assert.Equal(replicasOn101, result.LowerBound);
        Assert.All(result.Diff.Changes, c => Assert.Equal(new[] { 101 }, c.Removed));
        Assert.All(result.Diff.Changes, c => Assert.Equal(new[] { 200 }, c.Added));
        Assert.Contains("ReplaceBrokers: moved 6 · bound 6 for per-topic guarantees", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveBrokers_NotAMember_ThrowsNamingBroker()
    {
        PlacedTopic placed = ReassignmentGenerators.Place(6, 3, 6, 3, 0);
        var (current, spec) = Setup(placed);
        var e = Assert.Throws<ArgumentException>(() => MinimalMovement.RemoveBrokers(current, spec, "B", new[] { 7 }));
        Assert.StartsWith("Broker 7 is not in brokerset 'B' (100-105).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebalance_FewerPartitionsInLayout_ThrowsKafkaCannotDelete()
    {
        PlacedTopic placed = ReassignmentGenerators.Place(6, 3, 6, 3, 0);
        var (current, spec) = Setup(placed);
        var smaller = PlacementSpec.Create(spec.Brokersets, new[] { placed.Topic with { Partitions = 3 } });
        var e = Assert.Throws<ArgumentException>(() => MinimalMovement.Rebalance(current, smaller));
        Assert.Contains("Kafka cannot delete partitions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_LargeTopic_ExactAboveTheHungarianLimitAndNeverWorseThanScratch()
    {
        // 900 partitions (above the 600 the Hungarian algorithm used to take): the class-based matching is still exact;
        // adding 3 brokers to 30.
        PlacedTopic placed = ReassignmentGenerators.Place(30, 3, 900, 3, 2);
        var (current, spec) = Setup(placed);
        MovementTarget result = MinimalMovement.AddBrokers(current, spec, "B", placed.Cluster.Brokers.Skip(30).Take(3));
        Assert.Contains(result.Topics, t => t.Method.StartsWith("exact matching", StringComparison.Ordinal) || t.Method.StartsWith("repair", StringComparison.Ordinal));
        Assert.True(result.ReplicasMoved <= result.FromScratchMoved);
        Assert.True(result.ReplicasMoved >= result.LowerBound);
        Assert.True(Check(result, result.Spec!, "t"));
    }
}
