using System.Diagnostics;

namespace Brokersets;

/// <summary>One broker's row of a <see cref="ClusterReport"/>.</summary>
/// <remarks><c>default(BrokerLoad)</c> is broker 0, unknown rack, holding nothing. Immutable.</remarks>
/// <param name="BrokerId">Kafka's broker id.</param>
/// <param name="Rack">The broker's rack, or <see langword="null"/> when unknown.</param>
/// <param name="Leaders">Partitions the broker is preferred leader of.</param>
/// <param name="Replicas">Replicas the broker holds (leaders included).</param>
/// <param name="Bytes">Bytes stored: the sizes of the partitions it holds a replica of (0 without sizes).</param>
/// <param name="BytesInPerSecond">Bytes/s written to the broker: produce traffic of the partitions it leads plus replication traffic of those it follows.</param>
/// <param name="BytesOutPerSecond">Bytes/s the broker sends to followers: for each partition it leads, the partition's rate × (RF − 1).</param>
[DebuggerDisplay("{BrokerId} ({Rack,nq}): {Leaders} leaders, {Replicas} replicas")]
public readonly record struct BrokerLoad(int BrokerId, string? Rack, int Leaders, int Replicas, long Bytes, double BytesInPerSecond, double BytesOutPerSecond);
