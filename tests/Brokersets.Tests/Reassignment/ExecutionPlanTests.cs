using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

public class ExecutionPlanTests
{
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_GeneratedPair_RespectsLimitsAndSchedulesEveryMoveOnce(AssignmentPair pair, ExecutionOptions options)
    {
        var diff = ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes);
        var plan = ExecutionPlan.Create(diff, options, pair.Cluster);
        var expected = diff.Changes.SelectMany(c => c.Added.Select(b => (c.Topic, c.Partition, b))).Order().ToList();
        var scheduled = plan.Waves.SelectMany(w => w.Moves).Select(m => (m.Topic, m.Partition, m.BrokerId)).Order().ToList();
        if (!expected.SequenceEqual(scheduled) || plan.MoveCount != diff.ReplicasMoved)
        {
            return false;
        }

        foreach (Wave w in plan.Waves)
        {
            if (w.Moves.IsEmpty ||
                w.Moves.GroupBy(m => m.BrokerId).Any(g => g.Count() > options.EffectiveMaxIncoming) ||
                w.Moves.GroupBy(m => m.SourceBrokerId).Any(g => g.Count() > options.EffectiveMaxOutgoing) ||
                (options.MaxBytesInFlight > 0 && w.Moves.Length > 1 && w.Bytes > options.MaxBytesInFlight) ||
                (!options.SeveralMovesPerPartition && w.Moves.GroupBy(m => (m.Topic, m.Partition)).Any(g => g.Count() > 1)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Waves are filled first-fit: without a bytes cap, a move left for a later wave that was ready in an earlier one
    /// (its partition's moves before it all in earlier waves, or in that same wave when several may run at once) found
    /// its destination at the incoming limit or its source at the outgoing limit in that wave.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_GeneratedPair_NoWaveLeavesOutAReadyMoveThatFits(AssignmentPair pair, ExecutionOptions options, bool byPairs)
    {
        options = options with { MaxBytesInFlight = 0 };
        var plan = ExecutionPlan.Create(ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes), options, pair.Cluster, Array.Empty<int>(), byPairs);
        var scheduled = plan.Waves.SelectMany(w => w.Moves.Select(m => (Wave: w.Number, Move: m))).ToList();
        foreach (var (wave, move) in scheduled)
        {
            // The partition's moves scheduled before this one, in plan order.
            var before = scheduled.TakeWhile(s => s.Move != move).Where(s => s.Move.Topic == move.Topic && s.Move.Partition == move.Partition).ToList();
            for (int w = 1; w < wave; w++)
            {
                bool ready = before.All(s => options.SeveralMovesPerPartition ? s.Wave <= w : s.Wave < w);
                Wave earlier = plan.Waves[w - 1];
                if (ready &&
                    earlier.Moves.Count(m => m.BrokerId == move.BrokerId) < options.EffectiveMaxIncoming &&
                    earlier.Moves.Count(m => m.SourceBrokerId == move.SourceBrokerId) < options.EffectiveMaxOutgoing)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Waves filled by merging (source, destination) pairs and by reading the queue are the same waves.</summary>
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_ByPairsOrByScan_SameWaves(AssignmentPair pair, ExecutionOptions options)
    {
        var diff = ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes);
        ExecutionPlan byPairs = ExecutionPlan.Create(diff, options, pair.Cluster, Array.Empty<int>(), byPairs: true);
        ExecutionPlan byScan = ExecutionPlan.Create(diff, options, pair.Cluster, Array.Empty<int>(), byPairs: false);
        return byPairs.Waves.Length == byScan.Waves.Length &&
               byPairs.Waves.Zip(byScan.Waves).All(w => w.First.Moves.SequenceEqual(w.Second.Moves)) &&
               byPairs.ToString() == byScan.ToString();
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Replay_AllWavesThenFinal_YieldsTarget(AssignmentPair pair, ExecutionOptions options)
    {
        var plan = ExecutionPlan.Create(pair.Current, pair.Target, options, pair.Sizes, pair.Cluster);
        var map = ReplayHelper.ToMap(pair.Current);
        foreach (Wave w in plan.Waves)
        {
            // A partition mid-move never has more than one extra replica per wave (one-per-partition mode), and keeps its leader first.
            foreach (PartitionReassignment r in w.Reassignments)
            {
                int[] before = map[(r.Topic, r.Partition)];
                if (!options.SeveralMovesPerPartition && r.Replicas.Count(b => !before.Contains(b)) > 1)
                {
                    return false;
                }
            }

            ReplayHelper.Submit(map, w.Reassignments);
        }

        ReplayHelper.Submit(map, plan.FinalReassignments);
        return ReplayHelper.SameAs(map, pair.Target);
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Replay_EachWave_ThrottlesAndEtaFollowFromTheListsBeforeAndAfter(AssignmentPair pair, ExecutionOptions options)
    {
        // Kafka's lists, from the replayed state: leader = every replica a moving partition has before the wave,
        // follower = every replica it gains; "p:b" entries sorted as strings. Brokers: all of them, ascending.
        var plan = ExecutionPlan.Create(pair.Current, pair.Target, options, pair.Sizes, pair.Cluster);
        var map = ReplayHelper.ToMap(pair.Current);
        foreach (Wave w in plan.Waves)
        {
            var leader = w.Reassignments.SelectMany(r => map[(r.Topic, r.Partition)].Select(b => (r.Topic, Entry: $"{r.Partition}:{b}")));
            var follower = w.Reassignments.SelectMany(r => r.Replicas.Except(map[(r.Topic, r.Partition)]).Select(b => (r.Topic, Entry: $"{r.Partition}:{b}")));
            var expected = w.Reassignments.Select(r => r.Topic).Distinct().Order(StringComparer.Ordinal).Select(t => new TopicThrottle(t,
                string.Join(",", leader.Where(x => x.Topic == t).Select(x => x.Entry).Order(StringComparer.Ordinal)),
                string.Join(",", follower.Where(x => x.Topic == t).Select(x => x.Entry).Order(StringComparer.Ordinal))));
            var brokers = w.Reassignments.SelectMany(r => map[(r.Topic, r.Partition)].Concat(r.Replicas)).Distinct().Order();
            long rate = Math.Max(0, options.ThrottleBytesPerSecond);
            var busiest = w.Moves.GroupBy(m => m.BrokerId).Select(g => g.Sum(m => m.Bytes!.Value))
                .Concat(w.Moves.GroupBy(m => m.SourceBrokerId).Select(g => g.Sum(m => m.Bytes!.Value))).Max();
            if (!w.Throttles.SequenceEqual(expected) || !w.ThrottledBrokers.SequenceEqual(brokers) ||
                w.Eta != (rate > 0 ? TimeSpan.FromSeconds((double)busiest / rate) : null))
            {
                return false;
            }

            ReplayHelper.Submit(map, w.Reassignments);
        }

        return true;
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_SameInputTwice_SamePlan(AssignmentPair pair, ExecutionOptions options) =>
        ExecutionPlan.Create(pair.Current, pair.Target, options, pair.Sizes, pair.Cluster).ToString() ==
        ExecutionPlan.Create(pair.Current, pair.Target, options, pair.Sizes, pair.Cluster).ToString();

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Resume_AfterFirstWave_YieldsRemainingMoves(int seed, int brokers)
    {
        AssignmentPair pair = ReassignmentGenerators.PairOf(Math.Abs(seed), 3 + (Math.Abs(brokers) % 10), 3, 2, sameReplicationFactor: true);
        var plan = ExecutionPlan.Create(pair.Current, pair.Target, default, pair.Sizes, pair.Cluster);
        if (plan.Waves.IsEmpty)
        {
            return true;
        }

        var map = ReplayHelper.ToMap(pair.Current);
        ReplayHelper.Submit(map, plan.Waves[0].Reassignments);
        ClusterAssignment partial = ClusterAssignment.Create(pair.Current.Topics.Select(t =>
            TopicAssignment.Create(t.Topic, Enumerable.Range(0, t.PartitionCount).Select(p => (IReadOnlyList<int>)map[(t.Topic, p)]))));
        var resumed = ExecutionPlan.Create(partial, pair.Target, default, pair.Sizes, pair.Cluster);
        var remaining = plan.Waves.Skip(1).SelectMany(w => w.Moves).Select(m => (m.Topic, m.Partition, m.BrokerId, m.SourceBrokerId)).Order();
        var again = resumed.Waves.SelectMany(w => w.Moves).Select(m => (m.Topic, m.Partition, m.BrokerId, m.SourceBrokerId)).Order();
        return remaining.SequenceEqual(again) &&
               resumed.LeaderElections.Select(l => (l.Topic, l.Partition)).Order().SequenceEqual(
                   plan.LeaderElections.Where(l => map[(l.Topic, l.Partition)][0] != l.PreferredLeader).Select(l => (l.Topic, l.Partition)).Order());
    }

    [Fact]
    public void Create_KafkaMoveMapExample_ThrottleListsMatchKafkaFormat()
    {
        // kafka-reassign-partitions' unit test (testMoveMap), without the ongoing reassignments; foo's RF-2 partitions are topic baz here.
        var current = ClusterAssignment.Create(new[]
        {
            ReassignmentGenerators.TopicOf("foo", new[] { 1, 2, 3 }, new[] { 4, 5, 6 }),
            ReassignmentGenerators.TopicOf("baz", new[] { 1, 2 }, new[] { 1, 2 }),
            ReassignmentGenerators.TopicOf("bar", new[] { 2, 3, 4 }),
        });
        var target = ClusterAssignment.Create(new[]
        {
            ReassignmentGenerators.TopicOf("foo", new[] { 1, 2, 5 }, new[] { 4, 5, 6 }),
            ReassignmentGenerators.TopicOf("baz", new[] { 3, 4 }, new[] { 5, 6 }),
            ReassignmentGenerators.TopicOf("bar", new[] { 1, 2, 3 }),
        });
        var plan = ExecutionPlan.Create(current, target, new ExecutionOptions { MaxIncomingPerBroker = 10, MaxOutgoingPerBroker = 10, SeveralMovesPerPartition = true, ThrottleBytesPerSecond = 1_000_000 });

        Wave wave = Assert.Single(plan.Waves);
        Assert.Equal(new TopicThrottle("foo", "0:1,0:2,0:3", "0:5"), wave.Throttles[0]);
        Assert.Equal(new TopicThrottle("baz", "0:1,0:2,1:1,1:2", "0:3,0:4,1:5,1:6"), wave.Throttles[1]);
        Assert.Equal(new TopicThrottle("bar", "0:2,0:3,0:4", "0:1"), wave.Throttles[2]);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, wave.ThrottledBrokers);
        Assert.Equal(1_000_000, wave.ThrottleBytesPerSecond);
        Assert.Contains(plan.LeaderElections, l => l == new LeaderElection("baz", 0, 1, 3));
    }

    [Fact]
    public void Create_ThrottleListsSortedAsStrings()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", Enumerable.Range(0, 11).Select(p => new[] { 1, 2 }).ToArray()) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("t", Enumerable.Range(0, 11).Select(p => p is 2 or 10 ? new[] { 1, 3 } : new[] { 1, 2 }).ToArray()) });
        var plan = ExecutionPlan.Create(current, target, new ExecutionOptions { MaxIncomingPerBroker = 5, MaxOutgoingPerBroker = 5 });
        Assert.Equal("10:1,10:2,2:1,2:2", plan.Waves[0].Throttles[0].LeaderReplicas);
        Assert.Equal("10:3,2:3", plan.Waves[0].Throttles[0].FollowerReplicas);
    }

    [Fact]
    public void Create_LeaderReplaced_KeepsLeaderFirstUntilLastMoveThenElects()
    {
        var current = ReassignmentGenerators.TopicOf("t", new[] { 1, 2, 3 });
        var target = ReassignmentGenerators.TopicOf("t", new[] { 4, 5, 3 });
        var plan = ExecutionPlan.Create(ReassignmentDiff.Create(current, target, PartitionSizes.Uniform(100)), new ExecutionOptions { ThrottleBytesPerSecond = 10 });
        Assert.Equal(2, plan.Waves.Length);
        Assert.Equal(new[] { 1, 4, 3 }, plan.Waves[0].Reassignments[0].Replicas);
        Assert.Equal(new[] { 4, 5, 3 }, plan.Waves[1].Reassignments[0].Replicas);
        Assert.All(plan.Waves.SelectMany(w => w.Moves), m => Assert.Equal(1, m.SourceBrokerId));
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Waves[0].Eta);
        Assert.Equal(new LeaderElection("t", 0, 1, 4), Assert.Single(plan.LeaderElections));
    }

    [Fact]
    public void Create_OrderOnlyAndRemovals_GoToFinalStepWithoutData()
    {
        var current = ReassignmentGenerators.TopicOf("t", new[] { 1, 2, 3 }, new[] { 2, 3, 1 });
        var target = TopicAssignment.Create("t", 2, new[] { 2, 1, 3, 2 });
        var plan = ExecutionPlan.Create(ReassignmentDiff.Create(current, target));
        Assert.Empty(plan.Waves);
        Assert.Equal(2, plan.FinalReassignments.Length);
        Assert.Equal(2, plan.LeaderElections.Length);
    }

    [Fact]
    public void Create_MixedSizes_SmallMovesFirstLargeOnesAlone()
    {
        // 1 huge and 4 small moves, all served by broker 1, out ≤ 2, cap 100 bytes.
        var current = ReassignmentGenerators.TopicOf("t", Enumerable.Range(0, 5).Select(_ => new[] { 1, 2 }).ToArray());
        var target = ReassignmentGenerators.TopicOf("t", Enumerable.Range(0, 5).Select(p => new[] { 1, 10 + p }).ToArray());
        var sizes = PartitionSizes.Create(new[] { new System.Collections.Generic.KeyValuePair<string, System.Collections.Immutable.ImmutableArray<long>>("t", System.Collections.Immutable.ImmutableArray.Create(1000L, 10, 10, 10, 10)) });
        var plan = ExecutionPlan.Create(ReassignmentDiff.Create(current, target, sizes), new ExecutionOptions { MaxBytesInFlight = 100 });
        Assert.Equal(new[] { 2, 2, 1 }, plan.Waves.Select(w => w.Moves.Length));
        Assert.Equal(0, plan.Waves[2].Moves[0].Partition);
        Assert.Equal(1000, plan.Waves[2].Bytes);
    }

    [Fact]
    public void ToString_Plan_RendersWavesAndElections()
    {
        var cluster = ReassignmentGenerators.ClusterOf(6, 3);
        var current = ReassignmentGenerators.TopicOf("t", new[] { 100, 101, 102 });
        var target = ReassignmentGenerators.TopicOf("t", new[] { 103, 101, 102 });
        var plan = ExecutionPlan.Create(ReassignmentDiff.Create(current, target, PartitionSizes.Uniform(1 << 30)), new ExecutionOptions { ThrottleBytesPerSecond = 100_000_000 }, cluster);
        string text = plan.ToString();
        Assert.Contains("wave 1: 1 move, 1 partition, 1.0 GiB, cross-rack 0 B, throttle 100 MB/s, eta 0:00:10", text, StringComparison.Ordinal);
        Assert.Contains("then elect preferred leaders", text, StringComparison.Ordinal);
    }
}

/// <summary>The throttled-replica lists are built from integers but must read exactly as Kafka's tool writes them.</summary>
public class ThrottleListTests
{
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public void ThrottleList_AnyPairs_EqualsDistinctEntryStringsInOrdinalOrder(int[] partitions, int[] brokers)
    {
        var pairs = partitions.Zip(brokers, (p, b) => (Partition: (p & 0x7FFF_FFFF) % 100_000, Broker: (b & 0x7FFF_FFFF) % 5_000)).ToList();
        string expected = string.Join(",", pairs.Select(x => $"{x.Partition}:{x.Broker}").Distinct().Order(StringComparer.Ordinal));

        Assert.Equal(expected, ExecutionPlan.ThrottleList(pairs.ToList()));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public void ThrottleList_FullIntRange_EqualsDistinctEntryStringsInOrdinalOrder(int[] partitions, int[] brokers, int scale)
    {
        // Ids of every length up to int.MaxValue's ten digits: multiplying spreads them over the whole range.
        int factor = 1 + ((scale & 0x7FFF_FFFF) % 1_000_000);
        var pairs = partitions.Zip(brokers, (p, b) => (Partition: (int)Math.Min(int.MaxValue, (long)(p & 0x7FFF_FFFF) * factor), Broker: (int)Math.Min(int.MaxValue, (long)(b & 0x7FFF_FFFF) * factor))).ToList();
        string expected = string.Join(",", pairs.Select(x => $"{x.Partition}:{x.Broker}").Distinct().Order(StringComparer.Ordinal));

        Assert.Equal(expected, ExecutionPlan.ThrottleList(pairs.ToList()));
    }

    [Fact]
    // ordinal: "10:1" < "1:10" because '0' (0x30) < ':' (0x3A); "1:10" < "1:2"; "1:2" < "2:1"
    public void ThrottleList_PrefixPartitions_SortLikeStrings() =>
        Assert.Equal("10:1,1:10,1:2,2:1", ExecutionPlan.ThrottleList(new() { (2, 1), (10, 1), (1, 2), (1, 10), (1, 2) }));
}
