using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Brokersets.Admin;

/// <summary>New partitions for an existing topic (CreatePartitions): the replicas of each partition added, in order.</summary>
/// <param name="Topic">The topic's name.</param>
/// <param name="CurrentCount">How many partitions the topic has now.</param>
/// <param name="NewPartitions">The replica list of each new partition (partition <see cref="CurrentCount"/> first), preferred leader first.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record PartitionIncrease(string Topic, int CurrentCount, ImmutableArray<ImmutableArray<int>> NewPartitions)
{
    /// <summary>The partition count after the increase.</summary>
    public int IncreaseTo => CurrentCount + NewPartitions.Length;

    /// <summary>Renders <c>t: 3 → 5 partitions [[1,2],[2,3]]</c>.</summary>
    public override string ToString() =>
        $"{Topic}: {CurrentCount} → {IncreaseTo} partitions [" + string.Join(",", NewPartitions.Select(p => "[" + string.Join(",", p) + "]")) + "]";
}
