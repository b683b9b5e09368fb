using System.Diagnostics;
using System.Globalization;

namespace Brokersets.Admin;

/// <summary>One partition of one topic, e.g. <c>orders-3</c>.</summary>
/// <remarks><c>default(PartitionId)</c> has a <see langword="null"/> topic and is not a real partition.</remarks>
/// <param name="Topic">The topic's name.</param>
/// <param name="Partition">The partition index (0-based).</param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct PartitionId(string Topic, int Partition)
{
    /// <summary>Renders Kafka's usual <c>topic-partition</c> form.</summary>
    public override string ToString() => Topic + "-" + Partition.ToString(CultureInfo.InvariantCulture);
}
