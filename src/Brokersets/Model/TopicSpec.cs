using System.Diagnostics;

namespace Brokersets;

/// <summary>
/// A request to place one topic on a brokerset: its name, the brokerset, partition count, replication factor
/// and stride.
/// </summary>
/// <remarks>
/// <para>Values are checked when the topic is placed, where the brokerset is known, and errors name the topic.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
/// <param name="Topic">The topic's name.</param>
/// <param name="BrokersetName">The brokerset the topic is pinned to, or <see langword="null"/> to accept whichever brokerset it is placed on.</param>
/// <param name="Partitions">The partition count, or 0 to take the brokerset's. A brokerset that defines a count wins (Orion's rule); a conflicting topic count is reported as a warning.</param>
/// <param name="ReplicationFactor">Replicas per partition (Kafka's RF), 1 ≤ RF ≤ brokerset size. Orion's default is 3.</param>
/// <param name="Stride">The stride (≥ 0): 0 lays replicas out sequentially; different strides give topics on one brokerset different failover successors.</param>
[DebuggerDisplay("{Topic,nq} on {BrokersetName,nq}: P={Partitions} RF={ReplicationFactor} stride={Stride}")]
public sealed record TopicSpec(string Topic, string? BrokersetName = null, int Partitions = 0, int ReplicationFactor = 3, int Stride = 0)
{
    /// <summary>Renders <c>"clicks on B6: 6 partitions × RF 3, stride 1"</c>.</summary>
    public override string ToString() =>
        $"{Topic} on {BrokersetName ?? "(any brokerset)"}: {(Partitions > 0 ? Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture) : "brokerset's")} partitions × RF {ReplicationFactor}, stride {Stride}";
}
