using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin.Protocol;

/// <summary>
/// The KIP-455 client: AlterPartitionReassignments (key 45, v0–v1) and ListPartitionReassignments (key 46, v0),
/// sent to the controller (or, when it is unknown, to the first reachable bootstrap server). Confluent.Kafka and
/// librdkafka have neither call.
/// </summary>
/// <remarks>
/// It never retries an AlterPartitionReassignments on its own: after a lost connection the caller cannot know
/// whether the cluster took the request, so it must re-read the cluster first (the wave applier does).
/// </remarks>
internal sealed class PartitionReassignmentClient : IAsyncDisposable
{
    private readonly KafkaConnectionSettings _settings;
    private readonly Func<CancellationToken, Task<(string Host, int Port)?>>? _locateController;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KafkaConnection? _connection;

    public PartitionReassignmentClient(KafkaConnectionSettings settings, Func<CancellationToken, Task<(string Host, int Port)?>>? locateController = null)
    {
        _settings = settings;
        _locateController = locateController;
    }

    /// <summary>Submits targets (replicas) or cancellations (replicas <see langword="null"/>); returns the per-partition errors.</summary>
    public Task<ImmutableArray<KafkaPartitionError>> AlterAsync(IReadOnlyList<(string Topic, int Partition, IReadOnlyList<int>? Replicas)> moves, CancellationToken cancellationToken)
    {
        var byTopic = moves.GroupBy(m => m.Topic, StringComparer.Ordinal).ToList();
        return ExchangeAsync(ApiKeys.AlterPartitionReassignments, 1, "AlterPartitionReassignments", (w, version) =>
        {
            w.Int32((int)_settings.RequestTimeout.TotalMilliseconds);
            if (version >= 1)
            {
                w.Bool(true); // AllowReplicationFactorChange
            }

            w.Array(byTopic, true, static (w, topic) =>
            {
                w.String(topic.Key, true);
                w.Array(topic.ToList(), true, static (w, p) =>
                {
                    w.Int32(p.Partition);
                    w.Int32Array(p.Replicas?.ToList(), true);
                    w.NoTags(true);
                });
                w.NoTags(true);
            });
            w.NoTags(true);
        }, static (r, name) =>
        {
            int index = r.Int32();
            short code = r.Int16();
            string? text = r.String(true);
            r.SkipTags(true);
            return code == 0 ? null : new KafkaPartitionError(name, index, (ErrorCode)code, text);
        }, cancellationToken);
    }

    /// <summary>The reassignments in flight, of the given partitions or of all.</summary>
    public Task<ImmutableArray<InFlightReassignment>> ListAsync(IReadOnlyCollection<PartitionId>? partitions, CancellationToken cancellationToken)
    {
        List<IGrouping<string, PartitionId>>? byTopic = partitions?.GroupBy(p => p.Topic, StringComparer.Ordinal).ToList();
        return ExchangeAsync(ApiKeys.ListPartitionReassignments, 0, "ListPartitionReassignments", (w, _) =>
        {
            w.Int32((int)_settings.RequestTimeout.TotalMilliseconds);
            w.Array(byTopic, true, static (w, topic) =>
            {
                w.String(topic.Key, true);
                w.Int32Array(topic.Select(p => p.Partition).ToList(), true);
                w.NoTags(true);
            });
            w.NoTags(true);
        }, static (r, name) =>
        {
            int index = r.Int32();
            ImmutableArray<int> replicas = (r.Int32Array(true) ?? new List<int>()).ToImmutableArray();
            ImmutableArray<int> adding = (r.Int32Array(true) ?? new List<int>()).ToImmutableArray();
            ImmutableArray<int> removing = (r.Int32Array(true) ?? new List<int>()).ToImmutableArray();
            r.SkipTags(true);
            return new InFlightReassignment(name, index, replicas, adding, removing);
        }, cancellationToken);
    }

    /// <summary>
    /// One KIP-455 exchange: negotiates the version, sends, re-routes once on NotController, turns a top-level error
    /// into an exception, and reads the per-topic, per-partition items (both responses share that shape).
    /// </summary>
    private async Task<ImmutableArray<T>> ExchangeAsync<T>(short apiKey, short clientMax, string api, Action<KafkaWriter, short> writeBody, Func<KafkaReader, string, T?> readPartition, CancellationToken cancellationToken)
        where T : class
    {
        for (int attempt = 0; ; attempt++)
        {
            KafkaConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            short version = connection.Negotiate(apiKey, 0, clientMax);
            RequireSupported(version, api, connection);
            KafkaReader r = await SendAsync(connection, apiKey, version, w => writeBody(w, version), cancellationToken).ConfigureAwait(false);
            _ = r.Int32(); // throttle
            if (apiKey == ApiKeys.AlterPartitionReassignments && version >= 1)
            {
                _ = r.Bool(); // AllowReplicationFactorChange
            }

            short error = r.Int16();
            string? message = r.String(true);
            if (error == (short)ErrorCode.NotController && attempt == 0)
            {
                await ResetAsync().ConfigureAwait(false);
                continue;
            }

            if (error != 0)
            {
                throw new KafkaAdminException((ErrorCode)error, $"{api} failed at {connection.Endpoint}: {message ?? ((ErrorCode)error).ToString()}.");
            }

            var items = ImmutableArray.CreateBuilder<T>();
            int topics = r.ArrayLength(true);
            for (int t = 0; t < topics; t++)
            {
                string name = r.RequiredString(true);
                int count = r.ArrayLength(true);
                for (int p = 0; p < count; p++)
                {
                    if (readPartition(r, name) is T item)
                    {
                        items.Add(item);
                    }
                }

                r.SkipTags(true);
            }

            return items.ToImmutable();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private static void RequireSupported(short version, string api, KafkaConnection connection)
    {
        if (version < 0)
        {
            throw new KafkaAdminException(ErrorCode.Local_UnsupportedFeature,
                $"{connection.Endpoint} does not support {api} (KIP-455, Kafka 2.4 or later). Export the plan as Kafka's reassignment JSON and apply it with kafka-reassign-partitions.sh instead.");
        }
    }

    private async Task<KafkaReader> SendAsync(KafkaConnection connection, short apiKey, short version, Action<KafkaWriter> body, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.SendAsync(apiKey, version, flexible: true, body, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (connection.IsBroken)
            {
                await ResetAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<KafkaConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsBroken: false })
            {
                return _connection;
            }

            var endpoints = new List<(string Host, int Port)>();
            if (_locateController is not null)
            {
                try
                {
                    if (await _locateController(cancellationToken).ConfigureAwait(false) is (string, int) controller)
                    {
                        endpoints.Add(controller);
                    }
                }
                catch (KafkaAdminException)
                {
                    // fall back to the bootstrap servers
                }
            }

            endpoints.AddRange(_settings.BootstrapServers.Where(b => !endpoints.Contains(b)));
            KafkaAdminException? last = null;
            foreach ((string host, int port) in endpoints)
            {
                try
                {
                    _connection = await KafkaConnection.OpenAsync(host, port, _settings, cancellationToken).ConfigureAwait(false);
                    return _connection;
                }
                catch (KafkaAdminException e) when (e.IsTransient)
                {
                    last = e;
                }
            }

            throw new KafkaAdminException(ErrorCode.Local_AllBrokersDown,
                $"No broker reachable for KIP-455 requests (tried {string.Join(", ", endpoints.Select(e => $"{e.Host}:{e.Port}"))}): {last?.Message}", innerException: last);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ResetAsync()
    {
        KafkaConnection? old = Interlocked.Exchange(ref _connection, null);
        if (old is not null)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }
    }
}
