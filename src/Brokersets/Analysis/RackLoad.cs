using System.Diagnostics;

namespace Brokersets;

/// <summary>One rack's row of a <see cref="ClusterReport"/>: the sums over its brokers, plus cross-rack replication.</summary>
/// <remarks><c>default(RackLoad)</c> is an unnamed rack holding nothing. Immutable.</remarks>
/// <param name="Rack">The rack's name (<c>"?"</c> for brokers whose rack is unknown).</param>
/// <param name="Brokers">Brokers of the rack in the report.</param>
/// <param name="Leaders">Partitions led from the rack.</param>
/// <param name="Replicas">Replicas held in the rack.</param>
/// <param name="Bytes">Bytes stored in the rack.</param>
/// <param name="BytesInPerSecond">Bytes/s written to the rack's brokers (produce plus replication).</param>
/// <param name="BytesOutPerSecond">Bytes/s the rack's leaders send to followers.</param>
/// <param name="CrossRackBytesInPerSecond">Bytes/s the rack's followers pull from leaders in other racks.</param>
/// <param name="CrossRackBytesOutPerSecond">Bytes/s the rack's leaders send to followers in other racks.</param>
[DebuggerDisplay("{Rack,nq}: {Brokers} brokers, {Leaders} leaders, {Replicas} replicas")]
public readonly record struct RackLoad(string Rack, int Brokers, int Leaders, int Replicas, long Bytes, double BytesInPerSecond, double BytesOutPerSecond, double CrossRackBytesInPerSecond, double CrossRackBytesOutPerSecond);
