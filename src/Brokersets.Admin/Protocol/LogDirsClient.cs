using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin.Protocol;

/// <summary>
/// DescribeLogDirs (key 35, v1–v4; DescribeLogDirsRequest.json / DescribeLogDirsResponse.json): the log directories of
/// ONE broker and the size of every replica in them. Kafka answers it per broker, for that broker's own directories
/// only, so the caller asks every live broker. Confluent.Kafka and librdkafka 2.16 have no DescribeLogDirs.
/// </summary>
/// <remarks>
/// The request is the same in every version (v2+ flexible: compact strings and arrays, tagged fields); the response
/// gains a top-level error code in v3 and each directory's TotalBytes and UsableBytes in v4. v0 (identical to v1) is
/// deprecated and gone from Kafka 4.0, so it is not asked for.
/// </remarks>
internal static class LogDirsClient
{
    public const short MinVersion = 1;
    public const short MaxVersion = 4;

    /// <summary>One replica's log as a broker reports it.</summary>
    public readonly record struct Entry(string LogDir, string Topic, int Partition, long Bytes, bool IsFuture);

    /// <summary>One log directory: Kafka's per-directory error code (e.g. KAFKA_STORAGE_ERROR 56 for an offline directory) and its replicas.</summary>
    public sealed record Directory(string LogDir, short ErrorCode, ImmutableArray<Entry> Replicas);

    /// <summary>Asks the broker at <paramref name="host"/>:<paramref name="port"/> for its log directories.</summary>
    /// <param name="settings">Connection settings (TLS, SASL, timeouts).</param>
    /// <param name="host">The broker's host.</param>
    /// <param name="port">The broker's port.</param>
    /// <param name="partitions">Only these partitions, or <see langword="null"/> for all (Kafka's null topics array).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<ImmutableArray<Directory>> DescribeAsync(KafkaConnectionSettings settings, string host, int port, IReadOnlyCollection<PartitionId>? partitions, CancellationToken cancellationToken)
    {
        await using KafkaConnection connection = await KafkaConnection.OpenAsync(host, port, settings, cancellationToken).ConfigureAwait(false);
        short version = connection.Negotiate(ApiKeys.DescribeLogDirs, MinVersion, MaxVersion);
        if (version < 0)
        {
            throw new KafkaAdminException(ErrorCode.Local_UnsupportedFeature,
                $"{connection.Endpoint} does not serve DescribeLogDirs v{MinVersion}-v{MaxVersion} (Kafka 2.0 or later); run export without --sizes, or give plan a sizes file written by hand.");
        }

        bool f = version >= 2;
        KafkaReader r = await connection.SendAsync(ApiKeys.DescribeLogDirs, version, f, w => WriteRequest(w, f, partitions), cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadResponse(r, version, connection.Endpoint);
        }
        catch (KafkaProtocolException e)
        {
            throw new KafkaAdminException(ErrorCode.Local_BadMsg, $"Malformed DescribeLogDirs v{version} response from {connection.Endpoint}: {e.Message}", innerException: e);
        }
    }

    /// <summary>The request body: topics (nullable array) of name and partition indexes, grouped by topic in first-seen order.</summary>
    internal static void WriteRequest(KafkaWriter w, bool flexible, IReadOnlyCollection<PartitionId>? partitions)
    {
        List<IGrouping<string, PartitionId>>? byTopic = partitions?.GroupBy(p => p.Topic, StringComparer.Ordinal).ToList();
        w.Array(byTopic, flexible, (w, topic) =>
        {
            w.String(topic.Key, flexible);
            w.Int32Array(topic.Select(p => p.Partition).Distinct().ToList(), flexible);
            w.NoTags(flexible);
        });
        w.NoTags(flexible);
    }

    /// <summary>The response body of <paramref name="version"/>; a top-level error (v3+) becomes a <see cref="KafkaAdminException"/>.</summary>
    internal static ImmutableArray<Directory> ReadResponse(KafkaReader r, short version, string endpoint)
    {
        bool f = version >= 2;
        _ = r.Int32(); // throttle_time_ms
        if (version >= 3)
        {
            short error = r.Int16();
            if (error != 0)
            {
                string hint = error == (short)ErrorCode.ClusterAuthorizationFailed ? " (DescribeLogDirs needs DESCRIBE on the CLUSTER resource)" : string.Empty;
                throw new KafkaAdminException((ErrorCode)error, $"DescribeLogDirs failed at {endpoint}: {(ErrorCode)error} ({error}){hint}.");
            }
        }

        var directories = ImmutableArray.CreateBuilder<Directory>();
        int count = r.ArrayLength(f);
        for (int d = 0; d < count; d++)
        {
            short error = r.Int16();
            string logDir = r.RequiredString(f);
            var replicas = ImmutableArray.CreateBuilder<Entry>();
            int topics = r.ArrayLength(f);
            for (int t = 0; t < topics; t++)
            {
                string name = r.RequiredString(f);
                int partitions = r.ArrayLength(f);
                for (int p = 0; p < partitions; p++)
                {
                    int index = r.Int32();
                    long size = r.Int64();
                    _ = r.Int64(); // OffsetLag
                    bool future = r.Bool();
                    r.SkipTags(f);
                    replicas.Add(new Entry(logDir, name, index, size, future));
                }

                r.SkipTags(f);
            }

            if (version >= 4)
            {
                _ = r.Int64(); // TotalBytes
                _ = r.Int64(); // UsableBytes
            }

            r.SkipTags(f);
            directories.Add(new Directory(logDir, error, replicas.ToImmutable()));
        }

        r.SkipTags(f);
        return directories.ToImmutable();
    }
}
