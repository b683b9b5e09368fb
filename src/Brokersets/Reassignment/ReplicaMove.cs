using System.Diagnostics;

namespace Brokersets;

/// <summary>One replica copied in a <see cref="Wave"/>: a partition gains a replica on a broker, fed by its current leader.</summary>
/// <remarks><c>default(ReplicaMove)</c> is an empty row with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition id.</param>
/// <param name="BrokerId">The broker that receives the new replica.</param>
/// <param name="SourceBrokerId">The broker that serves the copy: the partition's current leader, or its first live replica when that broker is offline (<see cref="ExecutionPlan.OfflineBrokers"/>).</param>
/// <param name="Bytes">The bytes copied, or <see langword="null"/> when the partition's size is unknown.</param>
/// <param name="CrossRack">Whether the copy crosses racks, or <see langword="null"/> when a rack is unknown.</param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct ReplicaMove(string Topic, int Partition, int BrokerId, int SourceBrokerId, long? Bytes, bool? CrossRack)
{
    /// <summary>Renders <c>"orders-3: 1 → 4"</c>.</summary>
    public override string ToString() => $"{Topic}-{Partition}: {SourceBrokerId} → {BrokerId}";
}
