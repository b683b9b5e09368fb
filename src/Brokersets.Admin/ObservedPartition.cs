using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>One partition as the cluster reports it (DescribeTopics).</summary>
/// <param name="Topic">The topic's name.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="Leader">The current leader's broker id, or -1 when there is none.</param>
/// <param name="Replicas">The replicas, preferred leader first (during a move: target, then replicas being removed).</param>
/// <param name="Isr">The in-sync replicas.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ObservedPartition(string Topic, int Partition, int Leader, ImmutableArray<int> Replicas, ImmutableArray<int> Isr)
{
    /// <summary>The partition.</summary>
    public PartitionId Id => new(Topic, Partition);

    /// <summary>Renders <c>t-0 leader 1 replicas [1,2,3] isr [1,2,3]</c>.</summary>
    public override string ToString() => $"{Id} leader {Leader} replicas [{string.Join(",", Replicas)}] isr [{string.Join(",", Isr)}]";
}
