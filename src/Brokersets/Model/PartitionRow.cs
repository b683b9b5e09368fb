using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets;

/// <summary>One partition of a <see cref="TopicAssignment"/> as a row (what LINQPad's <c>Dump()</c> shows as a table).</summary>
/// <remarks><c>default(PartitionRow)</c> is partition 0 with no replicas. Immutable.</remarks>
/// <param name="Partition">The partition id (0-based).</param>
/// <param name="Replicas">The replica broker ids, preferred leader first.</param>
/// <param name="Racks">The rack of each replica (same order), or an empty array when racks are unknown.</param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct PartitionRow(int Partition, ImmutableArray<int> Replicas, ImmutableArray<string?> Racks)
{
    /// <summary>The preferred leader (first replica), or -1 when there are no replicas.</summary>
    public int Leader => Replicas.IsDefaultOrEmpty ? -1 : Replicas[0];

    /// <summary>Renders <c>"p0 → [1,5,3]"</c>.</summary>
    public override string ToString() =>
        $"p{Partition} → [{(Replicas.IsDefault ? string.Empty : string.Join(",", Replicas))}]";
}
