using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

/// <summary>Plans with a dead broker: every copy, throttle, limit and election uses live brokers only.</summary>
public class OfflineBrokerPlanTests
{
    // Broker 5 (rack b) died and is replaced by 13 (rack b). t-0 was led by 5: its live leader is now 1 (rack a).
    private static readonly Cluster Racks = Cluster.Create(new[] { new Broker(1, "a"), new Broker(2, "b"), new Broker(3, "c"), new Broker(4, "a"), new Broker(5, "b"), new Broker(13, "b") });

    private static readonly ClusterAssignment Current = ClusterAssignment.Create(new[]
    {
        ReassignmentGenerators.TopicOf("t", new[] { 5, 1, 2 }, new[] { 1, 5, 3 }, new[] { 2, 3, 4 }),
    });

    private static readonly ClusterAssignment Target = ClusterAssignment.Create(new[]
    {
        ReassignmentGenerators.TopicOf("t", new[] { 13, 1, 2 }, new[] { 1, 13, 3 }, new[] { 2, 3, 4 }),
    });

    private static readonly PartitionSizes Sizes = PartitionSizes.Create(new[] { new KeyValuePair<string, System.Collections.Immutable.ImmutableArray<long>>("t", [100_000_000, 300_000_000, 1]) });

    private static readonly ExecutionOptions Throttled = new() { ThrottleBytesPerSecond = 100_000_000 };

    [Fact]
    public void Create_DeadLeader_CopiesFromTheFirstLiveReplicaAndElectsFromIt()
    {
        ExecutionPlan plan = ExecutionPlan.Create(Current, Target, Throttled, Sizes, Racks, [5]);

        Assert.Equal([5], plan.OfflineBrokers.ToArray());
        ReplicaMove[] moves = plan.Waves.SelectMany(w => w.Moves).OrderBy(m => m.Partition).ToArray();
        Assert.Equal([(0, 1, 13), (1, 1, 13)], moves.Select(m => (m.Partition, m.SourceBrokerId, m.BrokerId)));

        // The copy of t-0 runs from 1 (rack a) to 13 (rack b): cross-rack, though 5 → 13 would not have been.
        Assert.Equal([true, true], moves.Select(m => m.CrossRack));
        Assert.Equal(400_000_000, plan.CrossRackBytes);

        // Both copies are served by 1, so at most 2 outgoing per wave holds, and the ETA is 1's 400 MB at 100 MB/s.
        Assert.Equal(TimeSpan.FromSeconds(4), plan.Eta);
        Assert.Equal(new LeaderElection("t", 0, 1, 13), Assert.Single(plan.LeaderElections));
    }

    [Fact]
    public void Create_DeadBroker_IsNeverThrottledNorInALeaderThrottleList()
    {
        ExecutionPlan plan = ExecutionPlan.Create(Current, Target, Throttled, Sizes, Racks, [5]);

        Wave wave = Assert.Single(plan.Waves);
        Assert.Equal([1, 2, 3, 13], wave.ThrottledBrokers.ToArray());
        TopicThrottle throttle = Assert.Single(wave.Throttles);
        Assert.Equal("0:1,0:2,1:1,1:3", throttle.LeaderReplicas);
        Assert.Equal("0:13,1:13", throttle.FollowerReplicas);

        // Without the offline broker, 5 leads t-0 and is throttled: what the fix changes.
        ExecutionPlan naive = ExecutionPlan.Create(Current, Target, Throttled, Sizes, Racks);
        Assert.Contains(5, naive.Waves[0].ThrottledBrokers);
        Assert.Equal(new LeaderElection("t", 0, 5, 13), Assert.Single(naive.LeaderElections));
    }

    [Fact]
    public void Create_TwoChangesOnAPartitionWithADeadReplica_DropsTheDeadReplicaFirst()
    {
        // t-0 [1,5,2] → [1,7,8]: the first copy (7) replaces dead 5, not live 2, so the partition keeps two live replicas.
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", new[] { 1, 5, 2 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", new[] { 1, 7, 8 }) });

        ExecutionPlan plan = ExecutionPlan.Create(current, target, default, null, null, [5]);

        Assert.Equal(2, plan.Waves.Length);
        Assert.Equal([1, 7, 2], plan.Waves[0].Reassignments[0].Replicas.ToArray());
        Assert.Equal([1, 7, 8], plan.Waves[1].Reassignments[0].Replicas.ToArray());
    }

    [Fact]
    public void Create_TargetKeepsADeadBroker_NamesThePartitionAndTheBroker()
    {
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", new[] { 5, 1, 13 }, new[] { 1, 13, 3 }, new[] { 2, 3, 4 }) });

        ArgumentException e = Assert.Throws<ArgumentException>(() => ExecutionPlan.Create(Current, target, default, null, null, [5]));

        Assert.StartsWith("Partition t-0: the target (5,1,13) keeps a replica on offline broker 5, so the move could never complete; replace that broker by a live one.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EveryReplicaDead_SaysNothingCanServeTheCopy()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", new[] { 5, 6 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", new[] { 7, 8 }) });

        ArgumentException e = Assert.Throws<ArgumentException>(() => ExecutionPlan.Create(current, target, default, null, null, [5, 6]));

        Assert.StartsWith("Partition t-0: every current replica (5,6) is on an offline broker, so no live replica can serve the copy to broker 7;", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_SomeBrokersOffline_NoSourceThrottleOrElectionNamesThem(AssignmentPair pair, ExecutionOptions options, int seed)
    {
        var diff = ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes);
        var random = new Random(seed);

        // Offline: any brokers no changed partition keeps or gains (others would make the plan impossible, tested above).
        var inTargets = diff.Changes.SelectMany(c => c.Target).ToHashSet();
        int[] offline = pair.Cluster.Brokers.Select(b => b.Id).Where(id => !inTargets.Contains(id) && random.Next(2) == 0).ToArray();
        bool impossible = diff.Changes.Any(c => !c.Added.IsEmpty && c.Current.All(offline.Contains));
        ExecutionPlan plan;
        try
        {
            plan = ExecutionPlan.Create(diff, options with { ThrottleBytesPerSecond = 1_000_000 }, pair.Cluster, offline);
        }
        catch (ArgumentException)
        {
            return impossible;
        }

        var changes = diff.Changes.ToDictionary(c => (c.Topic, c.Partition));
        var map = ReplayHelper.ToMap(pair.Current);
        foreach (Wave w in plan.Waves)
        {
            bool sourcesLive = w.Moves.All(m => m.SourceBrokerId == changes[(m.Topic, m.Partition)].Current.First(id => !offline.Contains(id)));
            bool throttlesLive = !w.ThrottledBrokers.Any(offline.Contains) &&
                w.Throttles.All(t => t.LeaderReplicas.Length == 0 || t.LeaderReplicas.Split(',').All(e => !offline.Contains(int.Parse(e.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))));
            if (!sourcesLive || !throttlesLive)
            {
                return false;
            }

            ReplayHelper.Submit(map, w.Reassignments);
        }

        ReplayHelper.Submit(map, plan.FinalReassignments);
        return !impossible && ReplayHelper.SameAs(map, pair.Target) &&
            plan.LeaderElections.All(l => !offline.Contains(l.CurrentLeader) && !offline.Contains(l.PreferredLeader));
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_OfflineBrokersNoChangedPartitionHolds_ChangeNothingButOfflineBrokers(AssignmentPair pair, ExecutionOptions options)
    {
        var diff = ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes);
        var held = diff.Changes.SelectMany(c => c.Current.Concat(c.Target)).ToHashSet();
        int[] offline = pair.Cluster.Brokers.Select(b => b.Id).Where(id => !held.Contains(id)).Append(9999).ToArray();
        ExecutionPlan plain = ExecutionPlan.Create(diff, options, pair.Cluster);
        ExecutionPlan with = ExecutionPlan.Create(diff, options, pair.Cluster, offline);
        return with.OfflineBrokers.SequenceEqual(offline.Order()) && plain.ToString() == with.ToString() &&
            plain.Waves.Zip(with.Waves).All(w => w.First.Throttles.SequenceEqual(w.Second.Throttles));
    }
}
