using System.Diagnostics;

namespace Brokersets;

/// <summary>What one broker gains, loses and serves in a <see cref="ReassignmentDiff"/>.</summary>
/// <remarks>
/// <para>A new replica copies its partition from the partition's current leader (the first replica of the current
/// list, assumed to lead), so that broker <em>serves</em> the bytes.</para>
/// <para><c>default(BrokerTraffic)</c> is broker 0 with no traffic. Immutable.</para>
/// </remarks>
/// <param name="BrokerId">Kafka's broker id.</param>
/// <param name="ReplicasIn">Replicas the broker gains (copies it receives).</param>
/// <param name="ReplicasOut">Replicas the broker drops.</param>
/// <param name="MovesServed">Copies the broker serves as the partition's current leader.</param>
/// <param name="BytesIn">Bytes the broker receives, or <see langword="null"/> when a size is unknown.</param>
/// <param name="BytesOut">Bytes the broker serves as leader, or <see langword="null"/> when a size is unknown.</param>
[DebuggerDisplay("{BrokerId}: +{ReplicasIn} -{ReplicasOut}, serves {MovesServed}")]
public readonly record struct BrokerTraffic(int BrokerId, int ReplicasIn, int ReplicasOut, int MovesServed, long? BytesIn, long? BytesOut);
