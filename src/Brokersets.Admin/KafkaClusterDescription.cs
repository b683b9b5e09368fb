using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Brokersets.Admin;

/// <summary>What DescribeCluster returns: the cluster id, the controller and the brokers with their racks.</summary>
/// <param name="ClusterId">Kafka's cluster id, or <see langword="null"/>.</param>
/// <param name="ControllerId">The controller's broker id, or -1 when unknown.</param>
/// <param name="Nodes">The brokers.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record KafkaClusterDescription(string? ClusterId, int ControllerId, ImmutableArray<KafkaNode> Nodes)
{
    /// <summary>The controller's node, or <see langword="null"/> when it is not among <see cref="Nodes"/>.</summary>
    public KafkaNode? Controller => Nodes.FirstOrDefault(n => n.Id == ControllerId);

    /// <summary>Renders the cluster id, the controller and the brokers.</summary>
    public override string ToString() => $"cluster {ClusterId ?? "?"}, controller {ControllerId}, brokers: {string.Join("; ", Nodes)}";
}
