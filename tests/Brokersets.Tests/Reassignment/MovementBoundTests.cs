using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using Brokersets.Tests.Generators;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

/// <summary>
/// Issue 11's properties: a same-rack replacement is a pure substitution; moved is at least each printed bound; and each
/// bound is at most the exact optimum, found here by exhaustive search, of the targets it claims to bound.
/// </summary>
public class MovementBoundTests
{
    /// <summary>A brokerset's topics (uneven partition counts) with one member replaced by a spare of its rack, as <c>plan --overrides</c> sees it.</summary>
    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Rebalance_SameRackReplacement_IsExactlyASubstitution(PlacedBrokerset placed, int pick)
    {
        Brokerset set = placed.Brokerset;
        int replaced = set.BrokerIds[Math.Abs(pick % set.Count)];
        string rack = set.Brokers[set.PositionOf(replaced)].Rack!;
        int spare = placed.Cluster.Brokers.First(b => !set.Contains(b.Id) && b.Rack == rack).Id;
        var overrides = BrokerOverrides.Create([KeyValuePair.Create(replaced, spare)]);
        PlacementSpec desired = PlacementSpec.Create([set], placed.Topics).WithOverrides(overrides).WithRacks(placed.Cluster);

        MovementTarget result = MinimalMovement.Rebalance(placed.Assignment, desired);

        int onReplaced = placed.Assignment.Topics.Sum(t => t.AsSpan().ToArray().Count(id => id == replaced));
        bool positionsKept = placed.Assignment.Topics.All(t =>
        {
            int[] now = t.AsSpan().ToArray();
            int[] then = result.Target[t.Topic].AsSpan().ToArray();
            return now.Length == then.Length && now.Select((id, i) => id == replaced ? then[i] == spare : then[i] == id).All(x => x);
        });
        int ledByReplaced = placed.Assignment.Topics.Sum(t => Enumerable.Range(0, t.PartitionCount).Count(p => t[p][0] == replaced));
        return result.ReplicasMoved == onReplaced && positionsKept && result.LeaderChanges == ledByReplaced &&
               result.LowerBound == onReplaced;
    }

    /// <summary>Generated brokersets grown, shrunk or rebalanced with a replacement: moved is never below a printed bound.</summary>
    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Changes_GeneratedBrokersets_MovedAtLeastEachBound(PlacedBrokerset placed, int pick, bool grow)
    {
        Brokerset set = placed.Brokerset;
        PlacementSpec spec = PlacementSpec.Create([set], placed.Topics);
        int maxRf = placed.Topics.Max(t => t.ReplicationFactor);
        MovementTarget result = grow || set.Count <= maxRf
            ? MinimalMovement.AddBrokers(placed.Assignment, spec, "B", placed.Cluster.Brokers.Where(b => !set.Contains(b.Id)).Take(1 + Math.Abs(pick % 3)))
            : MinimalMovement.RemoveBrokers(placed.Assignment, spec, "B", [set.BrokerIds[Math.Abs(pick % set.Count)]]);
        return result.ReplicasMoved >= result.LowerBound && result.ReplicasMoved >= (result.CrossTopicLowerBound ?? 0) &&
               (result.CrossTopicLowerBound ?? int.MaxValue) >= result.LowerBound;
    }

    /// <summary>
    /// Small brokersets (≤ 6 brokers after the change, ≤ 8 partitions in all, RF ≤ 3): the per-topic bound is at most
    /// the fewest copies of any target keeping the per-topic guarantees, and the cross-topic bound at most the fewest
    /// copies of any such target that also has replicas per broker (summed over the topics) within 1 in each rack where
    /// the computed target has them; both optimums by exhaustive search.
    /// </summary>
    [Property(MaxTest = 60, Arbitrary = new[] { typeof(MovementBoundTests) })]
    public bool Bounds_SmallCases_AtMostTheExactOptimum(SmallCase c)
    {
        MovementTarget result = c.Grow
            ? MinimalMovement.AddBrokers(c.Placed.Assignment, PlacementSpec.Create([c.Placed.Brokerset], c.Placed.Topics), "B", c.Placed.Cluster.Brokers.Where(b => !c.Placed.Brokerset.Contains(b.Id)).Take(1))
            : MinimalMovement.RemoveBrokers(c.Placed.Assignment, PlacementSpec.Create([c.Placed.Brokerset], c.Placed.Topics), "B", [c.Placed.Brokerset.BrokerIds[c.Pick % c.Placed.Brokerset.Count]]);
        Brokerset after = result.Spec!.GetBrokerset("B");
        TopicAssignment[] current = c.Placed.Topics.Select(t => c.Placed.Assignment[t.Topic]).ToArray();
        bool[] balancedRacks = BalancedRacks(after, c.Placed.Topics.Select(t => result.Target[t.Topic]).ToArray());
        var (perTopic, cross) = ExhaustiveSearch.Optimum(current, after, balancedRacks);
        return result.LowerBound <= perTopic && perTopic <= result.ReplicasMoved &&
               (result.CrossTopicLowerBound is not { } b || (cross is { } x && b <= x));
    }

    /// <summary>A small placed brokerset and a change (grow by one broker or remove one).</summary>
    public sealed record SmallCase(PlacedBrokerset Placed, bool Grow, int Pick)
    {
        public override string ToString() => $"{Placed}; {(Grow ? "add one" : $"remove pick {Pick}")}";
    }

    public static Arbitrary<SmallCase> SmallCases() =>
        (from racks in Gen.Choose(1, 3)
         from n in Gen.Choose(Math.Max(2, racks), 5)
         from grow in Gen.Elements(true, false)
         let after = grow ? n + 1 : n - 1
         from topics in Gen.ListOf(
             from partitions in Gen.Choose(1, 4)
             from rf in Gen.Choose(1, Math.Min(3, Math.Min(n, after)))
             from stride in Gen.Choose(0, 3)
             select (partitions, rf, stride)).Resize(2)
         where topics.Count > 0 && topics.Sum(t => t.partitions) <= 8 && after >= 1
         from pick in Gen.Choose(0, 10)
         select new SmallCase(ReassignmentGenerators.PlaceAll(n, racks, topics.ToArray()), grow, pick)).ToArbitrary();

    /// <summary>Racks whose brokers' replica counts, summed over the topics, differ by at most 1.</summary>
    private static bool[] BalancedRacks(Brokerset set, TopicAssignment[] topics)
    {
        var racks = set.Brokers.Select(b => b.Rack!).Distinct().ToArray();
        return racks.Select(r =>
        {
            int[] counts = set.Brokers.Where(b => b.Rack == r).Select(b => topics.Sum(t => t.AsSpan().ToArray().Count(id => id == b.Id))).ToArray();
            return counts.Max() - counts.Min() <= 1;
        }).ToArray();
    }
}

/// <summary>
/// The exact fewest copies over every assignment of the topics to a brokerset that keeps the per-topic guarantees
/// (algorithms.md §2: rack diversity, leaders per broker within 1, leaders per rack within ±1 of the share, replicas
/// per broker within a rack within 1 when n divides P, else RF), by dynamic programming over partitions: only which
/// brokers hold a partition and which one leads matter to the guarantees and to the copies, so a state is the counts
/// so far. Written from the guarantees' definitions, independently of the library's code.
/// </summary>
internal static class ExhaustiveSearch
{
    public static (int PerTopic, int? Cross) Optimum(TopicAssignment[] current, Brokerset set, bool[] balancedRacks)
    {
        int n = set.Count;
        string[] rackNames = set.Brokers.Select(b => b.Rack!).Distinct().ToArray();
        int[] rackOf = set.Brokers.Select(b => Array.IndexOf(rackNames, b.Rack)).ToArray();
        int racks = rackNames.Length;
        int[] rackSize = Enumerable.Range(0, racks).Select(r => rackOf.Count(x => x == r)).ToArray();

        // states: total replica counts per broker (over finished topics) → fewest copies
        var totals = new Dictionary<string, int> { [Key(new int[n])] = 0 };
        foreach (TopicAssignment t in current)
        {
            int rf = t.ReplicationFactor;
            int partitions = t.PartitionCount;
            var options = Options(n, rf, rackOf, racks, rackSize);
            var next = new Dictionary<string, int>();
            foreach (var (totalKey, baseCost) in totals)
            {
                int[] total = Parse(totalKey);

                // per-topic state: replica counts and leader counts per broker
                var states = new Dictionary<string, (int[] Replicas, int[] Leaders, int Cost)> { ["0"] = (new int[n], new int[n], baseCost) };
                int leaderCap = (partitions + n - 1) / n;
                for (int p = 0; p < partitions; p++)
                {
                    int[] now = t[p].ToArray();
                    var grown = new Dictionary<string, (int[] Replicas, int[] Leaders, int Cost)>();
                    foreach (var (_, s) in states)
                    {
                        foreach (var (members, leader) in options)
                        {
                            if (s.Leaders[leader] + 1 > leaderCap)
                            {
                                continue;
                            }

                            int copies = members.Count(b => !now.Contains(set.BrokerIds[b]));
                            int[] r = (int[])s.Replicas.Clone();
                            foreach (int b in members)
                            {
                                r[b]++;
                            }

                            int[] l = (int[])s.Leaders.Clone();
                            l[leader]++;
                            string key = Key(r) + "|" + Key(l);
                            if (!grown.TryGetValue(key, out var old) || old.Cost > s.Cost + copies)
                            {
                                grown[key] = (r, l, s.Cost + copies);
                            }
                        }
                    }

                    states = grown;
                }

                foreach (var (_, s) in states)
                {
                    if (!TopicOk(s.Replicas, s.Leaders, partitions, rf, n, rackOf, racks, rackSize))
                    {
                        continue;
                    }

                    int[] sum = total.Zip(s.Replicas, (a, b) => a + b).ToArray();
                    string key = Key(sum);
                    if (!next.TryGetValue(key, out int c) || c > s.Cost)
                    {
                        next[key] = s.Cost;
                    }
                }
            }

            totals = next;
        }

        int perTopic = totals.Values.Min();
        int? cross = null;
        foreach (var (key, cost) in totals)
        {
            int[] total = Parse(key);
            bool ok = Enumerable.Range(0, racks).All(r => !balancedRacks[r] ||
                Enumerable.Range(0, n).Where(b => rackOf[b] == r).Select(b => total[b]).Max() - Enumerable.Range(0, n).Where(b => rackOf[b] == r).Select(b => total[b]).Min() <= 1);
            if (ok && (cross is null || cost < cross))
            {
                cross = cost;
            }
        }

        return (perTopic, cross);
    }

    /// <summary>Every (set of RF brokers, leader among them) that keeps rack diversity.</summary>
    private static List<(int[] Members, int Leader)> Options(int n, int rf, int[] rackOf, int racks, int[] rackSize)
    {
        var result = new List<(int[], int)>();
        foreach (int[] members in Subsets(n, rf))
        {
            int[] perRack = new int[racks];
            foreach (int b in members)
            {
                perRack[rackOf[b]]++;
            }

            bool diverse = rf <= racks
                ? perRack.All(c => c <= 1)
                : Enumerable.Range(0, racks).All(r => Enumerable.Range(0, racks).All(q => perRack[q] >= rackSize[q] || perRack[r] - perRack[q] <= 1));
            if (diverse)
            {
                result.AddRange(members.Select(leader => (members, leader)));
            }
        }

        return result;
    }

    private static bool TopicOk(int[] replicas, int[] leaders, int partitions, int rf, int n, int[] rackOf, int racks, int[] rackSize)
    {
        if (leaders.Max() - leaders.Min() > 1)
        {
            return false;
        }

        int allowed = partitions % n == 0 ? 1 : rf;
        for (int r = 0; r < racks; r++)
        {
            int rackLeaders = Enumerable.Range(0, n).Where(b => rackOf[b] == r).Sum(b => leaders[b]);
            if (Math.Abs((rackLeaders * n) - (partitions * rackSize[r])) >= n)
            {
                return false;
            }

            int[] counts = Enumerable.Range(0, n).Where(b => rackOf[b] == r).Select(b => replicas[b]).ToArray();
            if (counts.Max() - counts.Min() > allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (int first = 0; first <= n - k; first++)
        {
            foreach (int[] rest in Subsets(n - first - 1, k - 1))
            {
                yield return [first, .. rest.Select(x => x + first + 1)];
            }
        }
    }

    private static string Key(int[] counts) => string.Join(",", counts);

    private static int[] Parse(string key) => key.Split(',').Select(int.Parse).ToArray();
}
