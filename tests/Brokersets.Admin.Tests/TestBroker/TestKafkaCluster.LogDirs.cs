using System.Collections.Generic;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>
/// Log directories, for DescribeLogDirs: each broker has one, <c>/var/lib/kafka/data-ID</c>, holding every replica the
/// broker is in the replica list of (during a move: the adding ones too). A replica's size is 0 bytes unless set.
/// </summary>
internal sealed partial class TestKafkaCluster
{
    /// <summary>Total bytes of every log directory's volume (DescribeLogDirs v4 TotalBytes): 1 TiB.</summary>
    public const long LogDirTotalBytes = 1L << 40;

    private readonly Dictionary<(int Broker, string Topic, int Partition), long> _replicaSizes = new();
    private readonly Dictionary<(int Broker, string Topic, int Partition), long> _futureSizes = new();
    private readonly HashSet<int> _offlineLogDirs = new();

    /// <summary>The log directory of broker <paramref name="brokerId"/>.</summary>
    public static string LogDirOf(int brokerId) => "/var/lib/kafka/data-" + brokerId;

    /// <summary>Sets the size of the replica of <paramref name="topic"/>-<paramref name="partition"/> on <paramref name="brokerId"/> (test setup).</summary>
    public void SetReplicaSize(string topic, int partition, int brokerId, long bytes)
    {
        lock (Gate)
        {
            _replicaSizes[(brokerId, topic, partition)] = bytes;
        }
    }

    /// <summary>Adds a future log (a move between log directories of one broker, AlterReplicaLogDirs) of that size (test setup).</summary>
    public void SetFutureReplicaSize(string topic, int partition, int brokerId, long bytes)
    {
        lock (Gate)
        {
            _futureSizes[(brokerId, topic, partition)] = bytes;
        }
    }

    /// <summary>Takes broker <paramref name="brokerId"/>'s log directory offline: DescribeLogDirs reports it with KAFKA_STORAGE_ERROR (56) and no replicas.</summary>
    public void SetLogDirOffline(int brokerId)
    {
        lock (Gate)
        {
            _offlineLogDirs.Add(brokerId);
        }
    }

    /// <summary>Whether broker <paramref name="brokerId"/>'s log directory is offline (call under <see cref="Gate"/>).</summary>
    public bool IsLogDirOfflineLocked(int brokerId) => _offlineLogDirs.Contains(brokerId);

    /// <summary>The size of a replica's current log, 0 unless set (call under <see cref="Gate"/>).</summary>
    public long ReplicaSizeLocked(int brokerId, string topic, int partition) => _replicaSizes.GetValueOrDefault((brokerId, topic, partition));

    /// <summary>The size of a replica's future log, or <see langword="null"/> when it has none (call under <see cref="Gate"/>).</summary>
    public long? FutureSizeLocked(int brokerId, string topic, int partition) =>
        _futureSizes.TryGetValue((brokerId, topic, partition), out long bytes) ? bytes : null;
}
