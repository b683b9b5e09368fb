using System.Diagnostics;

namespace Brokersets;

/// <summary>What one broker carries today (from metrics or a <see cref="ClusterReport"/>), the starting point of the <see cref="SizingAdvisor"/>.</summary>
/// <remarks><c>default(BrokerUsage)</c> is broker 0, idle. 1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes. Immutable.</remarks>
/// <param name="BrokerId">Kafka's broker id.</param>
/// <param name="NetworkInMBps">Bytes/s it takes in (produce plus replication), MB/s.</param>
/// <param name="NetworkOutMBps">Bytes/s it sends (consumers plus replication), MB/s.</param>
/// <param name="DiskGB">Disk used, GB.</param>
[DebuggerDisplay("{BrokerId}: in {NetworkInMBps} MB/s, out {NetworkOutMBps} MB/s, disk {DiskGB} GB")]
public readonly record struct BrokerUsage(int BrokerId, double NetworkInMBps, double NetworkOutMBps, double DiskGB);
