using System;
using System.Collections.Generic;

namespace Brokersets.Internals;

/// <summary>
/// Matches partitions to the replica lists of an ideal layout so that as many current replicas as possible stay
/// (an assignment problem). The weight of giving partition p list r (see <see cref="Weight"/>) counts kept replicas
/// first; keeping the leader, then each replica's index, only breaks ties.
/// </summary>
internal static class ReplicaListMatching
{
    /// <summary>Up to this many partitions the exact Hungarian algorithm (O(P³)) runs; above it the greedy.</summary>
    public const int ExactLimit = 600;

    /// <summary>
    /// Returns, for each partition p of <paramref name="current"/>, the index of the list of <paramref name="ideal"/> it
    /// gets (a permutation), and whether the matching is optimal. Both assignments have P partitions.
    /// </summary>
    public static int[] Match(TopicAssignment current, TopicAssignment ideal, out bool optimal)
    {
        int n = current.PartitionCount;
        optimal = n <= ExactLimit;
        int[] match = optimal ? Hungarian(current, ideal) : Greedy(current, ideal);
        return match;
    }

    /// <summary>
    /// kept·(P·(2·RF + 2) + 1) + tie, where tie = (RF + 1 when the leader stays) + (replicas staying at their index) ≤ 2·RF + 1,
    /// so over P partitions the kept replicas always decide, then the leaders kept, then the order kept.
    /// </summary>
    public static long Weight(ReadOnlySpan<int> current, ReadOnlySpan<int> list, int partitions)
    {
        int rf = Math.Max(current.Length, list.Length);
        int tie = current[0] == list[0] ? rf + 1 : 0;
        for (int i = 0; i < Math.Min(current.Length, list.Length); i++)
        {
            tie += current[i] == list[i] ? 1 : 0;
        }

        return ((long)Ids.Overlap(list, current) * (((long)partitions * ((2 * rf) + 2)) + 1)) + tie;
    }

    /// <summary>The largest <see cref="Weight"/> for lists of up to <paramref name="rf"/> replicas.</summary>
    public static long MaxWeight(int rf, int partitions) => ((long)rf * (((long)partitions * ((2 * rf) + 2)) + 1)) + (2 * rf) + 1;

    private static int[] Hungarian(TopicAssignment current, TopicAssignment ideal)
    {
        int n = current.PartitionCount;
        long max = MaxWeight(Math.Max(current.ReplicationFactor, ideal.ReplicationFactor), n);
        long[] cost = new long[n * n];
        for (int p = 0; p < n; p++)
        {
            ReadOnlySpan<int> c = current[p];
            for (int r = 0; r < n; r++)
            {
                cost[(p * n) + r] = max - Weight(c, ideal[r], n);
            }
        }

        // Hungarian algorithm with potentials (rows = partitions, columns = lists), 1-based.
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] owner = new int[n + 1];
        int[] way = new int[n + 1];
        long[] minv = new long[n + 1];
        bool[] used = new bool[n + 1];
        for (int i = 1; i <= n; i++)
        {
            owner[0] = i;
            int j0 = 0;
            Array.Fill(minv, long.MaxValue);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = owner[j0];
                long delta = long.MaxValue;
                int j1 = 0;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    long cur = cost[((i0 - 1) * n) + (j - 1)] - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[owner[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (owner[j0] != 0);

            do
            {
                int j1 = way[j0];
                owner[j0] = owner[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        int[] match = new int[n];
        for (int j = 1; j <= n; j++)
        {
            match[owner[j] - 1] = j - 1;
        }

        return match;
    }

    /// <summary>
    /// Greedy: every (partition, list) pair sharing a broker, by weight descending (then partition, list), taken when
    /// both are free; the rest paired in order. Greedy on a bipartite weight matching keeps at least half the optimum's
    /// weight, and the caller also compares with the identity (recompute from scratch), so it is never worse than that.
    /// </summary>
    private static int[] Greedy(TopicAssignment current, TopicAssignment ideal)
    {
        int n = current.PartitionCount;
        var listsOf = new Dictionary<int, List<int>>();
        for (int r = 0; r < n; r++)
        {
            foreach (int id in ideal[r])
            {
                if (!listsOf.TryGetValue(id, out List<int>? lists))
                {
                    listsOf[id] = lists = new List<int>();
                }

                lists.Add(r);
            }
        }

        var pairs = new List<(long Weight, int Partition, int List)>();
        var seen = new HashSet<int>();
        for (int p = 0; p < n; p++)
        {
            seen.Clear();
            ReadOnlySpan<int> c = current[p];
            foreach (int id in c)
            {
                if (!listsOf.TryGetValue(id, out List<int>? lists))
                {
                    continue;
                }

                foreach (int r in lists)
                {
                    if (seen.Add(r))
                    {
                        pairs.Add((Weight(c, ideal[r], n), p, r));
                    }
                }
            }
        }

        pairs.Sort(static (a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Partition != b.Partition ? a.Partition.CompareTo(b.Partition) : a.List.CompareTo(b.List));
        int[] match = new int[n];
        Array.Fill(match, -1);
        bool[] taken = new bool[n];
        foreach ((_, int p, int r) in pairs)
        {
            if (match[p] < 0 && !taken[r])
            {
                match[p] = r;
                taken[r] = true;
            }
        }

        int next = 0;
        for (int p = 0; p < n; p++)
        {
            if (match[p] < 0)
            {
                while (taken[next])
                {
                    next++;
                }

                match[p] = next;
                taken[next] = true;
            }
        }

        return match;
    }
}
