using System;
using System.Collections.Generic;

namespace Brokersets;

/// <summary>What one placed topic adds to a <see cref="FailoverModel"/>: per partition its leader and first follower (positions).</summary>
internal sealed class Contribution
{
    private Contribution(int[] replicas, int[] leaders, int[] followers)
    {
        Replicas = replicas;
        Leaders = leaders;
        Followers = followers;
    }

    public int[] Replicas { get; }

    public int[] Leaders { get; }

    /// <summary>First follower of each partition, or -1 for RF 1 (the partition goes offline when its leader fails).</summary>
    public int[] Followers { get; }

    /// <summary>Other strides giving the same assignment.</summary>
    public HashSet<int> Aliases { get; } = new();

    public static Contribution Of(Brokerset brokerset, TopicAssignment a)
    {
        int p = a.PartitionCount;
        int[] leaders = new int[p];
        int[] followers = new int[p];
        for (int i = 0; i < p; i++)
        {
            ReadOnlySpan<int> row = a[i];
            leaders[i] = brokerset.PositionOf(row[0]);
            followers[i] = row.Length > 1 ? brokerset.PositionOf(row[1]) : -1;
        }

        return new Contribution(a.AsSpan().ToArray(), leaders, followers);
    }

    public bool SameAs(Contribution other) => Replicas.AsSpan().SequenceEqual(other.Replicas);
}
