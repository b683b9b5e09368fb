using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets.Admin.Protocol;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>
/// DescribeLogDirs v1–v4 (DescribeLogDirsRequest.json / DescribeLogDirsResponse.json; flexible from v2, top-level
/// ErrorCode from v3, TotalBytes/UsableBytes per directory from v4), answered as Kafka's ReplicaManager does: by the
/// broker asked, for its own log directories only; null topics = every replica it holds, otherwise only the listed
/// partitions it holds; an offline directory has KAFKA_STORAGE_ERROR, no topics, and sizes -1.
/// </summary>
internal static class TestLogDirsHandler
{
    private const short KafkaStorageError = 56;

    /// <summary>Handles one request (called under the cluster's lock).</summary>
    public static void Handle(TestKafkaCluster c, int brokerId, short v, KafkaReader r, KafkaWriter w, short injected)
    {
        bool f = v >= 2;
        List<(string Topic, List<int> Partitions)>? requested = r.Array(f, x =>
        {
            string topic = x.RequiredString(f);
            List<int> partitions = x.Int32Array(f) ?? new List<int>();
            x.SkipTags(f);
            return (topic, partitions);
        });
        r.SkipTags(f);

        w.Int32(0); // throttle_time_ms
        if (v >= 3)
        {
            w.Int16(injected);
        }

        if (injected != 0 && v >= 3)
        {
            w.ArrayLength(0, f);
            w.NoTags(f);
            return;
        }

        bool offline = c.IsLogDirOfflineLocked(brokerId);
        var replicas = new List<(string Topic, int Partition, long Bytes, bool Future)>();
        if (!offline)
        {
            foreach (TestTopic t in c.Topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                foreach (TestPartition p in t.Partitions.Where(p => p.Replicas.Contains(brokerId)))
                {
                    if (requested is not null && !requested.Any(q => q.Topic == t.Name && q.Partitions.Contains(p.Index)))
                    {
                        continue;
                    }

                    replicas.Add((t.Name, p.Index, c.ReplicaSizeLocked(brokerId, t.Name, p.Index), false));
                    if (c.FutureSizeLocked(brokerId, t.Name, p.Index) is long future)
                    {
                        replicas.Add((t.Name, p.Index, future, true));
                    }
                }
            }
        }

        w.ArrayLength(1, f); // one log directory per broker
        w.Int16(offline ? KafkaStorageError : v < 3 ? injected : (short)0);
        w.String(TestKafkaCluster.LogDirOf(brokerId), f);
        List<IGrouping<string, (string Topic, int Partition, long Bytes, bool Future)>> byTopic = replicas.GroupBy(x => x.Topic, StringComparer.Ordinal).ToList();
        w.Array(byTopic, f, (w, topic) =>
        {
            w.String(topic.Key, f);
            w.Array(topic.ToList(), f, (w, p) =>
            {
                w.Int32(p.Partition);
                w.Int64(p.Bytes);
                w.Int64(0); // OffsetLag
                w.Bool(p.Future);
                w.NoTags(f);
            });
            w.NoTags(f);
        });
        if (v >= 4)
        {
            long used = c.Topics.Values.SelectMany(t => t.Partitions.Where(p => p.Replicas.Contains(brokerId))
                .Select(p => c.ReplicaSizeLocked(brokerId, t.Name, p.Index) + (c.FutureSizeLocked(brokerId, t.Name, p.Index) ?? 0))).Sum();
            w.Int64(offline ? -1 : TestKafkaCluster.LogDirTotalBytes);
            w.Int64(offline ? -1 : Math.Max(0, TestKafkaCluster.LogDirTotalBytes - used));
        }

        w.NoTags(f);
        w.NoTags(f);
    }
}
