using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>
/// The size of one replica's log on one broker, as that broker reports it in DescribeLogDirs: the bytes of the log
/// segments of the partition in one of its log directories.
/// </summary>
/// <param name="BrokerId">The broker holding the replica.</param>
/// <param name="Topic">The topic's name.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="Bytes">The size of the replica's log segments, in bytes (Kafka's PartitionSize).</param>
/// <param name="LogDir">The log directory holding it (an absolute path on the broker).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ReplicaLogSize(int BrokerId, string Topic, int Partition, long Bytes, string LogDir)
{
    /// <summary>The partition.</summary>
    public PartitionId Id => new(Topic, Partition);

    /// <summary>Renders <c>orders-3 on broker 2: 1073741824 bytes (/var/lib/kafka)</c>.</summary>
    public override string ToString() => $"{Id} on broker {BrokerId}: {Bytes} bytes ({LogDir})";
}
