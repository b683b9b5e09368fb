using System.Collections.Immutable;
using System.Diagnostics;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>One partition whose replica list changes in a <see cref="ReassignmentDiff"/> (a row for tables and <c>Dump()</c>).</summary>
/// <remarks><c>default(PartitionChange)</c> is an empty row with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition id.</param>
/// <param name="Current">The current replicas, preferred leader first.</param>
/// <param name="Target">The target replicas, preferred leader first.</param>
/// <param name="Added">Brokers in the target but not the current list (each is a replica copy), in target order.</param>
/// <param name="Removed">Brokers in the current but not the target list, in current order.</param>
/// <param name="Kept">Brokers in both lists, in target order.</param>
/// <param name="LeaderChanged">Whether the preferred leader (first replica) changes.</param>
/// <param name="OrderOnly">Whether only the order changes (same brokers): no data moves.</param>
/// <param name="Bytes">The partition's size in bytes, or <see langword="null"/> when unknown.</param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct PartitionChange(
    string Topic,
    int Partition,
    ImmutableArray<int> Current,
    ImmutableArray<int> Target,
    ImmutableArray<int> Added,
    ImmutableArray<int> Removed,
    ImmutableArray<int> Kept,
    bool LeaderChanged,
    bool OrderOnly,
    long? Bytes)
{
    /// <summary>Renders <c>"orders-3: [1,2,3] → [4,2,3] +4 -1"</c>.</summary>
    public override string ToString() =>
        $"{Topic}-{Partition}: [{Ids.Join(Current)}] → [{Ids.Join(Target)}]{(Added.IsDefaultOrEmpty ? "" : " +" + Ids.Join(Added))}{(Removed.IsDefaultOrEmpty ? "" : " -" + Ids.Join(Removed))}{(OrderOnly ? " (order only)" : "")}";
}
