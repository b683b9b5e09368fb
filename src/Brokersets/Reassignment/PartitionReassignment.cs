using System.Collections.Immutable;
using System.Diagnostics;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>A replica list to submit for one partition (one entry of Kafka's reassignment JSON / AlterPartitionReassignments).</summary>
/// <remarks><c>default(PartitionReassignment)</c> is an empty row with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition id.</param>
/// <param name="Replicas">The replicas to submit, preferred leader first.</param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct PartitionReassignment(string Topic, int Partition, ImmutableArray<int> Replicas)
{
    /// <summary>Renders <c>"orders-3 → [4,2,3]"</c>.</summary>
    public override string ToString() => $"{Topic}-{Partition} → [{Ids.Join(Replicas)}]";
}
