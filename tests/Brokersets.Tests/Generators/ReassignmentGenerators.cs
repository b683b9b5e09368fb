using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Brokersets;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests.Generators;

/// <summary>A current and a target assignment of the same topics on one cluster, with sizes and racks.</summary>
public sealed record AssignmentPair(Cluster Cluster, ClusterAssignment Current, ClusterAssignment Target, PartitionSizes Sizes, int Seed)
{
    public override string ToString() => $"seed {Seed}: {Cluster.Brokers.Length} brokers, {Current.Topics.Length} topics\ncurrent:\n{Current}\ntarget:\n{Target}";
}

/// <summary>A brokerset with racks, a topic on it, and a strategy's ideal assignment (the "current" layout).</summary>
public sealed record PlacedTopic(Cluster Cluster, Brokerset Brokerset, TopicSpec Topic, TopicAssignment Assignment)
{
    public override string ToString() => $"{Brokerset} / {Topic}";
}

/// <summary>A brokerset with racks, several topics on it, and their rack-aware layouts (the "current" assignment).</summary>
public sealed record PlacedBrokerset(Cluster Cluster, Brokerset Brokerset, ImmutableArray<TopicSpec> Topics, ClusterAssignment Assignment)
{
    public override string ToString() => $"{Brokerset} / {string.Join("; ", Topics)}";
}

/// <summary>Generators for reassignment tests (diffs, plans, minimal movement, drift). Register with <c>Arbitrary = new[] { typeof(ReassignmentGenerators) }</c>.</summary>
public static class ReassignmentGenerators
{
    /// <summary>A topic assignment from one replica list per partition.</summary>
    public static TopicAssignment TopicOf(string name, params int[][] rows) => TopicAssignment.Create(name, rows);

    /// <summary>Brokers 0..n−1 (ids offset by 100 so ids are not positions), racks r0..r(R−1) round-robin.</summary>
    public static Cluster ClusterOf(int brokers, int racks) =>
        Cluster.Create(Enumerable.Range(0, brokers).Select(i => new Broker(100 + i, "r" + (i % racks))));

    /// <summary>Builds a random pair from a seed: per partition the target keeps, reorders, or partly/fully replaces the current list; optionally changes RF.</summary>
    public static AssignmentPair PairOf(int seed, int brokers, int racks, int topics, bool sameReplicationFactor)
    {
        var random = new Random(seed);
        Cluster cluster = ClusterOf(brokers, racks);
        int[] ids = cluster.Brokers.Select(b => b.Id).ToArray();
        var current = new List<TopicAssignment>();
        var target = new List<TopicAssignment>();
        var sizes = new List<KeyValuePair<string, ImmutableArray<long>>>();
        for (int t = 0; t < topics; t++)
        {
            string name = "t" + t;
            int partitions = random.Next(1, 13);
            int rf = random.Next(1, Math.Min(4, brokers) + 1);
            int rf2 = sameReplicationFactor ? rf : random.Next(1, Math.Min(4, brokers) + 1);
            var cur = new List<int[]>();
            var tgt = new List<int[]>();
            for (int p = 0; p < partitions; p++)
            {
                int[] c = ids.OrderBy(_ => random.Next()).Take(rf).ToArray();
                cur.Add(c);
                int kind = random.Next(4);
                int[] g = kind switch
                {
                    0 when rf2 == rf => c,
                    1 when rf2 == rf => c.OrderBy(_ => random.Next()).ToArray(),
                    2 => c.Take(Math.Max(0, rf2 - 1)).Concat(ids.Where(i => !c.Take(rf2 - 1).Contains(i)).OrderBy(_ => random.Next())).Take(rf2).ToArray(),
                    _ => ids.OrderBy(_ => random.Next()).Take(rf2).ToArray(),
                };
                tgt.Add(g);
            }

            current.Add(TopicAssignment.Create(name, cur));
            target.Add(TopicAssignment.Create(name, tgt));
            sizes.Add(new(name, Enumerable.Range(0, partitions).Select(_ => (long)random.Next(1, 1000) * 1_000_000).ToImmutableArray()));
        }

        return new AssignmentPair(cluster, ClusterAssignment.Create(current), ClusterAssignment.Create(target), PartitionSizes.Create(sizes), seed);
    }

    /// <summary>Pairs with any RF change.</summary>
    public static Arbitrary<AssignmentPair> Pairs() =>
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from brokers in Gen.Choose(1, 12)
         from racks in Gen.Choose(1, 4)
         from topics in Gen.Choose(1, 3)
         from sameRf in Gen.Elements(true, true, false)
         select PairOf(seed, brokers, racks, topics, sameRf)).ToArbitrary();

    /// <summary>Options with small limits, so that waves are many.</summary>
    public static Arbitrary<ExecutionOptions> Options() =>
        (from inc in Gen.Choose(0, 3)
         from outg in Gen.Choose(0, 3)
         from cap in Gen.Elements(0L, 500_000_000L, 2_000_000_000L)
         from several in Gen.Elements(false, true)
         from targetOrder in Gen.Elements(false, true)
         from throttle in Gen.Elements(0L, 50_000_000L)
         select new ExecutionOptions
         {
             MaxIncomingPerBroker = inc,
             MaxOutgoingPerBroker = outg,
             MaxBytesInFlight = cap,
             SeveralMovesPerPartition = several,
             TargetOrderWhileCopying = targetOrder,
             ThrottleBytesPerSecond = throttle,
         }).ToArbitrary();

    /// <summary>A topic placed by the rack-aware strategy on a brokerset with racks (equal or uneven), P, RF and stride varied.</summary>
    public static Arbitrary<PlacedTopic> PlacedTopics() =>
        (from racks in Gen.Choose(1, 4)
         from perRack in Gen.Choose(1, 5)
         from extra in Gen.Choose(0, 2)
         from partitions in Gen.Choose(1, 40)
         from rf in Gen.Choose(1, 3)
         from stride in Gen.Choose(0, 5)
         let n = (racks * perRack) + extra
         where rf <= n
         select Place(n, racks, partitions, rf, stride)).ToArbitrary();

    /// <summary>Places topic "t" (P, RF, stride) on brokerset "B" of n brokers (ids 100..) over R racks with the rack-aware strategy.</summary>
    public static PlacedTopic Place(int brokers, int racks, int partitions, int rf, int stride)
    {
        Cluster cluster = ClusterOf(brokers + 8, racks);
        Brokerset set = Brokerset.Create("B", Enumerable.Range(100, brokers)).WithRacks(cluster);
        var topic = new TopicSpec("t", "B", partitions, rf, stride);
        return new PlacedTopic(cluster, set, topic, PlacementStrategy.RackAware.Place(set, topic));
    }

    /// <summary>Several topics (P, RF, stride varied) placed by the rack-aware strategy on one brokerset with racks (equal or uneven).</summary>
    public static Arbitrary<PlacedBrokerset> PlacedBrokersets() =>
        (from racks in Gen.Choose(1, 4)
         from perRack in Gen.Choose(1, 4)
         from extra in Gen.Choose(0, 2)
         let n = (racks * perRack) + extra
         from topics in Gen.ListOf(
             from partitions in Gen.Choose(1, 24)
             from rf in Gen.Choose(1, Math.Min(3, n))
             from stride in Gen.Choose(0, 5)
             select (partitions, rf, stride)).Resize(4)
         where topics.Count > 0
         select PlaceAll(n, racks, topics.ToArray())).ToArbitrary();

    /// <summary>Places topics "t0".. (P, RF, stride) on brokerset "B" of n brokers (ids 100..) over R racks; the cluster has 8 spare brokers.</summary>
    public static PlacedBrokerset PlaceAll(int brokers, int racks, params (int Partitions, int Rf, int Stride)[] topics)
    {
        Cluster cluster = ClusterOf(brokers + 8, racks);
        Brokerset set = Brokerset.Create("B", Enumerable.Range(100, brokers)).WithRacks(cluster);
        var specs = topics.Select((t, i) => new TopicSpec("t" + i, "B", t.Partitions, t.Rf, t.Stride)).ToImmutableArray();
        return new PlacedBrokerset(cluster, set, specs, ClusterAssignment.Create(specs.Select(t => PlacementStrategy.RackAware.Place(set, t))));
    }
}
