using System;
using Brokersets;
using Brokersets.Internals;

namespace Brokersets.Tests.Reassignment;

/// <summary>
/// The Hungarian algorithm on the full P×P weight matrix, as <c>ReplicaListMatching</c> ran it up to 600 partitions
/// before the class-based transportation replaced it: the reference the new matching's total weight is checked against.
/// </summary>
internal static class HungarianReference
{
    public static int[] Match(TopicAssignment current, TopicAssignment ideal)
    {
        int n = current.PartitionCount;
        long max = ReplicaListMatching.MaxWeight(Math.Max(current.ReplicationFactor, ideal.ReplicationFactor), n);
        long[] cost = new long[n * n];
        for (int p = 0; p < n; p++)
        {
            ReadOnlySpan<int> c = current[p];
            for (int r = 0; r < n; r++)
            {
                cost[(p * n) + r] = max - ReplicaListMatching.Weight(c, ideal[r], n);
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
}
