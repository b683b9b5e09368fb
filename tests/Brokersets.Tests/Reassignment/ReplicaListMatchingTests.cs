using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using Brokersets.Internals;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

public class ReplicaListMatchingTests
{
    private static IEnumerable<int[]> Permutations(int[] items, int k = 0)
    {
        if (k == items.Length)
        {
            yield return (int[])items.Clone();
            yield break;
        }

        for (int i = k; i < items.Length; i++)
        {
            (items[k], items[i]) = (items[i], items[k]);
            foreach (int[] p in Permutations(items, k + 1))
            {
                yield return p;
            }

            (items[k], items[i]) = (items[i], items[k]);
        }
    }

    private static long Total(TopicAssignment current, TopicAssignment ideal, int[] match) =>
        Enumerable.Range(0, current.PartitionCount).Sum(p => ReplicaListMatching.Weight(current[p], ideal[match[p]], current.PartitionCount));

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Match_SmallTopic_EqualsBruteForceOptimum(int seed, int size)
    {
        int partitions = 1 + Math.Abs(size % 6);
        AssignmentPair pair = ReassignmentGenerators.PairOf(Math.Abs(seed), 6, 3, 1, sameReplicationFactor: false);
        TopicAssignment current = pair.Current.Topics[0];
        TopicAssignment ideal = pair.Target.Topics[0];
        int p = Math.Min(partitions, Math.Min(current.PartitionCount, ideal.PartitionCount));
        current = MinimalMovement.Prefix(current, p);
        ideal = MinimalMovement.Prefix(ideal, p);
        int[] match = ReplicaListMatching.Match(current, ideal, out bool optimal);
        long best = Permutations(Enumerable.Range(0, p).ToArray()).Max(m => Total(current, ideal, m));
        return optimal && match.Order().SequenceEqual(Enumerable.Range(0, p)) && Total(current, ideal, match) == best;
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Rebalance_SameInputTwice_SameTarget(PlacedTopic placed, int pick)
    {
        var current = ClusterAssignment.Create(new[] { placed.Assignment });
        var spec = PlacementSpec.Create(new[] { placed.Brokerset }, new[] { placed.Topic });
        var added = placed.Cluster.Brokers.Skip(placed.Brokerset.Count).Take(1 + Math.Abs(pick % 4)).ToArray();
        MovementTarget a = MinimalMovement.AddBrokers(current, spec, "B", added);
        MovementTarget b = MinimalMovement.AddBrokers(current, spec, "B", added);
        return a.Target["t"].SameReplicasAs(b.Target["t"]) && a.ToString() == b.ToString();
    }

    /// <summary>
    /// P partitions on n brokers whose lists are drawn from pools of a few lists each (so many repeat, as layouts do),
    /// RF 1–3 on either side: the new matching's total weight equals the full-matrix Hungarian's.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Match_RepeatingLists_TotalEqualsHungarian(int seed)
    {
        var random = new Random(seed);
        int brokers = random.Next(3, 10);
        int partitions = random.Next(1, 81);
        TopicAssignment current = Pooled(random, "c", brokers, partitions, random.Next(1, 4), random.Next(1, partitions + 1));
        TopicAssignment ideal = Pooled(random, "i", brokers, partitions, random.Next(1, 4), random.Next(1, partitions + 1));
        int[] match = ReplicaListMatching.Match(current, ideal, out bool optimal);
        return optimal && IsPermutation(match) && Total(current, ideal, match) == Total(current, ideal, HungarianReference.Match(current, ideal));
    }

    /// <summary>Kafka's default placement (any start and shift, with or without racks) matched to the rack-aware layout, up to 300 partitions: equal to the Hungarian's total.</summary>
    [Property(MaxTest = 60)]
    public bool Match_KafkaToRackAwareLayout_TotalEqualsHungarian(int seed)
    {
        var random = new Random(seed);
        int racks = random.Next(1, 4);
        int brokers = random.Next(Math.Max(3, racks), 13);
        int partitions = random.Next(1, 301);
        Cluster cluster = ReassignmentGenerators.ClusterOf(brokers, racks);
        Brokerset set = Brokerset.Create("B", cluster.Brokers.Select(b => b.Id)).WithRacks(cluster);
        var topic = new TopicSpec("t", "B", partitions, 3, random.Next(0, 4));
        var kafka = new KafkaDefaultPlacement(random.Next(brokers), random.Next(brokers), rackMode: random.Next(2) == 0 ? KafkaRackMode.Disabled : KafkaRackMode.Enforced);
        TopicAssignment current = kafka.Place(set, topic);
        TopicAssignment ideal = PlacementStrategy.RackAware.Place(set, topic);
        int[] match = ReplicaListMatching.Match(current, ideal, out bool optimal);
        return optimal && IsPermutation(match) && Total(current, ideal, match) == Total(current, ideal, HungarianReference.Match(current, ideal));
    }

    /// <summary>The fallback greedy (for class graphs too large to solve exactly) returns a permutation keeping at least half the replicas the optimum keeps (RF ≤ 3).</summary>
    [Property(MaxTest = 200)]
    public bool Greedy_AnyLists_PermutationKeepingHalfTheOptimum(int seed)
    {
        var random = new Random(seed);
        int brokers = random.Next(3, 10);
        int partitions = random.Next(1, 81);
        TopicAssignment current = Pooled(random, "c", brokers, partitions, random.Next(1, 4), random.Next(1, partitions + 1));
        TopicAssignment ideal = Pooled(random, "i", brokers, partitions, random.Next(1, 4), random.Next(1, partitions + 1));
        int[] greedy = ReplicaListMatching.Greedy(current, ideal);
        int[] exact = ReplicaListMatching.Match(current, ideal, out _);
        return IsPermutation(greedy) && 2 * Kept(current, ideal, greedy) >= Kept(current, ideal, exact);
    }

    /// <summary>
    /// A scattered current topic (each partition any RF-list of the brokerset and a few brokers outside it, or lists
    /// drawn from a small pool) of up to 3,000 partitions matched to the rack-aware layout: the search over the ideal
    /// classes alone and the search over the whole class graph are both exact, so their totals are equal.
    /// </summary>
    [Property(MaxTest = 40)]
    public bool Match_IdealClassSearch_TotalEqualsWholeGraphSearch(int seed)
    {
        var random = new Random(seed);
        int racks = random.Next(1, 5);
        int brokers = random.Next(Math.Max(3, racks), 41);
        int partitions = random.Next(1, 3001);
        Cluster cluster = ReassignmentGenerators.ClusterOf(brokers, racks);
        Brokerset set = Brokerset.Create("B", cluster.Brokers.Select(b => b.Id)).WithRacks(cluster);
        int rf = random.Next(1, 4);
        TopicAssignment ideal = PlacementStrategy.RackAware.Place(set, new TopicSpec("t", "B", partitions, rf, random.Next(0, 6)));
        TopicAssignment current = random.Next(2) == 0
            ? TopicAssignment.Create("t", Enumerable.Range(0, partitions).Select(_ => (IReadOnlyList<int>)Enumerable.Range(100, brokers + 3).OrderBy(_ => random.Next()).Take(rf).ToArray()))
            : Pooled(random, "t", brokers + 3, partitions, rf, random.Next(1, 50));
        int[] byIdealClasses = ReplicaListMatching.Match(current, ideal, out bool optimalA, overIdealClasses: true);
        int[] byWholeGraph = ReplicaListMatching.Match(current, ideal, out bool optimalB, overIdealClasses: false);
        return optimalA && optimalB && IsPermutation(byIdealClasses) &&
               Total(current, ideal, byIdealClasses) == Total(current, ideal, byWholeGraph);
    }

    /// <summary>
    /// Lists are grouped by sorting packed ids (up to 63 bits) or, for ids too wide to pack, by comparing lists: mapping
    /// every id through an order-keeping map into 30-bit ids (3 × 30 &gt; 63) gives the very same permutation.
    /// </summary>
    [Property(MaxTest = 100)]
    public bool Match_IdsTooWideToPack_SamePermutation(int seed)
    {
        var random = new Random(seed);
        int brokers = random.Next(3, 12);
        int partitions = random.Next(1, 400);
        TopicAssignment current = Pooled(random, "c", brokers, partitions, 3, random.Next(1, partitions + 1));
        TopicAssignment ideal = Pooled(random, "i", brokers, partitions, 3, random.Next(1, 30));
        int[] packed = ReplicaListMatching.Match(current, ideal, out _);
        int[] compared = ReplicaListMatching.Match(Widened(current), Widened(ideal), out _);
        return packed.SequenceEqual(compared);

        static TopicAssignment Widened(TopicAssignment topic) => TopicAssignment.Create(topic.Topic,
            Enumerable.Range(0, topic.PartitionCount).Select(p => (IReadOnlyList<int>)topic[p].ToArray().Select(id => 1_000_000_000 + (id * 1_000)).ToArray()));
    }

    private static int Kept(TopicAssignment current, TopicAssignment ideal, int[] match) =>
        Enumerable.Range(0, current.PartitionCount).Sum(p => Ids.Overlap(current[p], ideal[match[p]]));

    private static bool IsPermutation(int[] match) => match.Order().SequenceEqual(Enumerable.Range(0, match.Length));

    private static TopicAssignment Pooled(Random random, string name, int brokers, int partitions, int rf, int poolSize)
    {
        int[][] pool = Enumerable.Range(0, poolSize).Select(_ => Enumerable.Range(100, brokers).OrderBy(_ => random.Next()).Take(rf).ToArray()).ToArray();
        return TopicAssignment.Create(name, Enumerable.Range(0, partitions).Select(_ => (IReadOnlyList<int>)pool[random.Next(poolSize)]));
    }
}
