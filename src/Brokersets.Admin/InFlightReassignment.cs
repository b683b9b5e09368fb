using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Brokersets.Admin;

/// <summary>
/// A reassignment Kafka is carrying out (ListPartitionReassignments): during the move the replica list is the
/// target followed by the replicas being removed.
/// </summary>
/// <param name="Topic">The topic's name.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="Replicas">All current replicas: target first, then those being removed.</param>
/// <param name="Adding">Replicas being added (target minus original).</param>
/// <param name="Removing">Replicas being removed (original minus target).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record InFlightReassignment(string Topic, int Partition, ImmutableArray<int> Replicas, ImmutableArray<int> Adding, ImmutableArray<int> Removing)
{
    /// <summary>The partition being moved.</summary>
    public PartitionId Id => new(Topic, Partition);

    /// <summary>The move's target: <see cref="Replicas"/> without <see cref="Removing"/>, order kept.</summary>
    public ImmutableArray<int> Target => Replicas.Where(r => !Removing.Contains(r)).ToImmutableArray();

    /// <summary>The replicas before the move: <see cref="Replicas"/> without <see cref="Adding"/>, order kept.</summary>
    public ImmutableArray<int> Original => Replicas.Where(r => !Adding.Contains(r)).ToImmutableArray();

    /// <summary>Renders like <c>kafka-reassign-partitions --list</c>: <c>t-0: replicas: 4,5,1. adding: 4. removing: 1.</c></summary>
    public override string ToString() =>
        $"{Id}: replicas: {string.Join(",", Replicas)}." +
        (Adding.IsDefaultOrEmpty ? "" : $" adding: {string.Join(",", Adding)}.") +
        (Removing.IsDefaultOrEmpty ? "" : $" removing: {string.Join(",", Removing)}.");
}
