using System;
using System.Collections.Generic;

namespace Brokersets.Internals;

/// <summary>
/// Checks the set-level guarantees of algorithms.md §2 on one topic's assignment over a brokerset with racks:
/// validity, rack diversity, leader balance per broker and per rack, and replica balance within racks.
/// </summary>
internal static class BalanceGuarantees
{
    /// <summary>Returns <see langword="null"/> when every guarantee holds, else the first violation in words.</summary>
    public static string? Violation(TopicAssignment topic, Brokerset set)
    {
        RackLayout? layout = set.Layout;
        if (layout is null)
        {
            return "racks unknown";
        }

        int n = set.Count;
        int racks = layout.RackCount;
        int rf = topic.ReplicationFactor;
        int partitions = topic.PartitionCount;
        int[] leaders = new int[n];
        int[] replicas = new int[n];
        int[] rackLeaders = new int[racks];
        Span<int> perRack = racks <= 64 ? stackalloc int[racks] : new int[racks];
        for (int p = 0; p < partitions; p++)
        {
            ReadOnlySpan<int> row = topic[p];
            perRack.Clear();
            for (int j = 0; j < row.Length; j++)
            {
                int pos = set.PositionOf(row[j]);
                if (pos < 0)
                {
                    return $"partition {p}: broker {row[j]} is not in brokerset '{set.Name}'";
                }

                replicas[pos]++;
                perRack[layout.RackOf[pos]]++;
                if (j == 0)
                {
                    leaders[pos]++;
                    rackLeaders[layout.RackOf[pos]]++;
                }
            }

            int max = 0;
            int min = int.MaxValue;
            for (int r = 0; r < racks; r++)
            {
                max = Math.Max(max, perRack[r]);
                if (perRack[r] < layout.RackSize(r))
                {
                    min = Math.Min(min, perRack[r]); // a full rack cannot take more
                }
            }

            if (rf <= racks ? max > 1 : min != int.MaxValue && max - min > 1)
            {
                return $"partition {p}: replicas crowd one rack";
            }
        }

        if (Spread(leaders, 0, n, null) > 1)
        {
            return "leaders per broker differ by more than 1";
        }

        for (int r = 0; r < racks; r++)
        {
            long share = (long)partitions * layout.RackSize(r);
            if (Math.Abs(((long)rackLeaders[r] * n) - share) >= n)
            {
                return $"rack {layout.RackNames[r]} leads {rackLeaders[r]}, not within ±1 of its share";
            }

            int allowed = partitions % n == 0 ? 1 : rf;
            if (Spread(replicas, layout.RackStart[r], layout.RackStart[r + 1], layout.Members) > allowed)
            {
                return $"replicas within rack {layout.RackNames[r]} differ by more than {allowed}";
            }
        }

        return null;
    }

    private static int Spread(int[] counts, int from, int to, int[]? positions)
    {
        int max = int.MinValue;
        int min = int.MaxValue;
        for (int i = from; i < to; i++)
        {
            int c = counts[positions is null ? i : positions[i]];
            max = Math.Max(max, c);
            min = Math.Min(min, c);
        }

        return to > from ? max - min : 0;
    }
}
