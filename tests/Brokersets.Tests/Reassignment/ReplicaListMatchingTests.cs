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
}
