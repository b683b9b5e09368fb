using System.Diagnostics;

namespace Brokersets;

/// <summary>What one broker carries today (from metrics or a <see cref="ClusterReport"/>), the starting point of the <see cref="SizingAdvisor"/>.</summary>
/// <remarks>
/// <c>default(BrokerUsage)</c> is broker 0, idle. Rates are bytes per second, disk is bytes (the usage file of
/// <see cref="Serialization.BrokerUsageJson"/> gives them in decimal MB/s and GB). Immutable.
/// </remarks>
/// <param name="BrokerId">Kafka's broker id.</param>
/// <param name="NetworkInBytesPerSecond">Bytes per second it takes in (produce plus replication).</param>
/// <param name="NetworkOutBytesPerSecond">Bytes per second it sends (consumers plus replication).</param>
/// <param name="DiskBytes">Bytes of disk used.</param>
[DebuggerDisplay("{BrokerId}: in {NetworkInBytesPerSecond} B/s, out {NetworkOutBytesPerSecond} B/s, disk {DiskBytes} B")]
public readonly record struct BrokerUsage(int BrokerId, double NetworkInBytesPerSecond, double NetworkOutBytesPerSecond, long DiskBytes);
