using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Brokersets.Admin;

/// <summary>
/// <see cref="IKafkaAdmin"/> over Confluent.Kafka's <see cref="IAdminClient"/>, plus Brokersets' own KIP-455 client
/// for AlterPartitionReassignments and ListPartitionReassignments (which Confluent.Kafka lacks), connected with the
/// same <see cref="AdminClientConfig"/>: PLAINTEXT, SSL, SASL PLAIN or SCRAM-SHA-256/512.
/// </summary>
/// <remarks>
/// Hides <c>CreateTopicsAsync</c>'s quirks: explicit assignments are sent with <c>NumPartitions</c> = their count,
/// <c>ReplicationFactor</c> = -1 and keys 0..n-1 in order. Every call sets its request and operation timeouts.
/// </remarks>
public sealed class ConfluentKafkaAdmin : IKafkaAdmin
{
    private readonly IAdminClient _client;
    private readonly PartitionReassignmentClient _reassignments;
    private readonly KafkaConnectionSettings _settings;
    private readonly TimeSpan _timeout;
    private readonly bool _ownsClient;
    private volatile string? _lastClientError;

    private ConfluentKafkaAdmin(IAdminClient client, KafkaConnectionSettings settings, TimeSpan timeout, bool ownsClient)
    {
        _client = client;
        _timeout = timeout;
        _ownsClient = ownsClient;
        _settings = settings;
        _reassignments = new PartitionReassignmentClient(settings, LocateControllerAsync);
    }

    /// <summary>Connects to the cluster described by <paramref name="config"/>.</summary>
    /// <remarks>
    /// The client's last connection-level error (a refused connection, a failed TLS handshake or SASL authentication) is
    /// kept and added to the message of a call that then times out, so "timed out" says why.
    /// </remarks>
    /// <param name="config">The connection settings (bootstrap servers, security protocol, SASL, SSL).</param>
    /// <param name="operationTimeout">Request and operation timeout of every call; default 30 s.</param>
    /// <param name="logHandler">Receives librdkafka's log lines; <see langword="null"/> keeps Confluent's default (stderr).</param>
    /// <exception cref="NotSupportedException">SASL GSSAPI or OAUTHBEARER, which the KIP-455 client does not speak; the message says what to do instead.</exception>
    /// <exception cref="ArgumentException">A setting librdkafka rejects (unknown property, invalid value); the message names the property.</exception>
    public static ConfluentKafkaAdmin Create(AdminClientConfig config, TimeSpan? operationTimeout = null, Action<LogMessage>? logHandler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        KafkaConnectionSettings settings = KafkaConnectionSettings.FromConfig(config);
        ConfluentKafkaAdmin? admin = null;
        var builder = new AdminClientBuilder(config).SetErrorHandler((_, error) =>
        {
            if (admin is not null && error.Code != ErrorCode.Local_AllBrokersDown)
            {
                admin._lastClientError = error.Reason;
            }
        });
        if (logHandler is not null)
        {
            builder.SetLogHandler((_, message) => logHandler(message));
        }

        IAdminClient client;
        try
        {
            client = builder.Build();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message, nameof(config), e);
        }

        admin = new ConfluentKafkaAdmin(client, settings, operationTimeout ?? TimeSpan.FromSeconds(30), ownsClient: true);
        return admin;
    }

    /// <summary>Wraps an existing admin client (which must be Confluent's own <c>AdminClient</c>, as its extension methods require); not disposed with this object.</summary>
    /// <param name="client">The admin client.</param>
    /// <param name="config">The same connection settings the client was built from, for the KIP-455 connection.</param>
    /// <param name="operationTimeout">Request and operation timeout of every call; default 30 s.</param>
    /// <exception cref="NotSupportedException">SASL GSSAPI or OAUTHBEARER.</exception>
    public static ConfluentKafkaAdmin Wrap(IAdminClient client, ClientConfig config, TimeSpan? operationTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        return new ConfluentKafkaAdmin(client, KafkaConnectionSettings.FromConfig(config), operationTimeout ?? TimeSpan.FromSeconds(30), ownsClient: false);
    }

    /// <inheritdoc/>
    public async Task<KafkaClusterDescription> DescribeClusterAsync(CancellationToken cancellationToken)
    {
        DescribeClusterResult result = await Call("DescribeCluster", () => _client.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = _timeout }), cancellationToken).ConfigureAwait(false);
        return new KafkaClusterDescription(
            result.ClusterId,
            result.Controller?.Id ?? -1,
            result.Nodes.Select(n => new KafkaNode(n.Id, n.Host, n.Port, string.IsNullOrEmpty(n.Rack) ? null : n.Rack)).OrderBy(n => n.Id).ToImmutableArray());
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<string>> ListTopicsAsync(bool includeInternal, CancellationToken cancellationToken)
    {
        Metadata metadata = await Call("Metadata", () => Task.Run(() => _client.GetMetadata(_timeout), cancellationToken), cancellationToken).ConfigureAwait(false);
        IEnumerable<string> names = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic);
        if (!includeInternal)
        {
            names = names.Where(n => !n.StartsWith("__", StringComparison.Ordinal));
        }

        return names.Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<ObservedPartition>> DescribeTopicsAsync(IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            return ImmutableArray<ObservedPartition>.Empty;
        }

        DescribeTopicsResult result;
        try
        {
            result = await Call("DescribeTopics", () => _client.DescribeTopicsAsync(TopicCollection.OfTopicNames(topics), new DescribeTopicsOptions { RequestTimeout = _timeout }), cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaAdminException e) when (e.InnerException is DescribeTopicsException dte)
        {
            throw new KafkaAdminException("DescribeTopics", dte.Results.TopicDescriptions
                .Where(t => t.Error.IsError).Select(t => new KafkaPartitionError(t.Name, null, t.Error.Code, t.Error.Reason)));
        }

        return result.TopicDescriptions
            .SelectMany(t => t.Partitions.Select(p => new ObservedPartition(
                t.Name, p.Partition, p.Leader?.Id ?? -1,
                p.Replicas.Select(n => n.Id).ToImmutableArray(),
                p.ISR.Select(n => n.Id).ToImmutableArray())))
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)
            .ToImmutableArray();
    }

    /// <inheritdoc/>
    public async Task CreateTopicsAsync(IReadOnlyList<TopicAssignment> topics, bool validateOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var specs = topics.Select(t =>
        {
            // librdkafka rejects explicit assignments unless NumPartitions is their count, ReplicationFactor is -1
            // and the keys are inserted in order 0..n-1.
            var assignments = new Dictionary<int, List<int>>(t.PartitionCount);
            for (int p = 0; p < t.PartitionCount; p++)
            {
                assignments.Add(p, t[p].ToArray().ToList());
            }

            return new TopicSpecification { Name = t.Topic, NumPartitions = t.PartitionCount, ReplicationFactor = -1, ReplicasAssignments = assignments };
        }).ToList();
        var options = new CreateTopicsOptions { ValidateOnly = validateOnly, RequestTimeout = _timeout, OperationTimeout = _timeout };
        try
        {
            await Call("CreateTopics", () => _client.CreateTopicsAsync(specs, options), cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaAdminException e) when (e.InnerException is CreateTopicsException cte)
        {
            throw new KafkaAdminException("CreateTopics", cte.Results.Where(r => r.Error.IsError).Select(r => new KafkaPartitionError(r.Topic, null, r.Error.Code, r.Error.Reason)));
        }
    }

    /// <inheritdoc/>
    public async Task CreatePartitionsAsync(IReadOnlyList<PartitionIncrease> increases, bool validateOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(increases);
        var specs = increases.Select(i => new PartitionsSpecification
        {
            Topic = i.Topic,
            IncreaseTo = i.IncreaseTo,
            ReplicaAssignments = i.NewPartitions.Select(p => p.ToList()).ToList(),
        }).ToList();
        var options = new CreatePartitionsOptions { ValidateOnly = validateOnly, RequestTimeout = _timeout, OperationTimeout = _timeout };
        try
        {
            await Call("CreatePartitions", () => _client.CreatePartitionsAsync(specs, options), cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaAdminException e) when (e.InnerException is CreatePartitionsException cpe)
        {
            throw new KafkaAdminException("CreatePartitions", cpe.Results.Where(r => r.Error.IsError).Select(r => new KafkaPartitionError(r.Topic, null, r.Error.Code, r.Error.Reason)));
        }
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<ConfigValue>> DescribeConfigsAsync(IReadOnlyList<(ConfigResourceKind Kind, string Name)> resources, IReadOnlyCollection<string> configNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(configNames);
        if (resources.Count == 0 || configNames.Count == 0)
        {
            return ImmutableArray<ConfigValue>.Empty;
        }

        // As for IncrementalAlterConfigs, librdkafka sends a broker resource to that broker (the only one Kafka answers
        // it on) and accepts one broker resource per call: all topics go in one call, each broker in its own.
        var wanted = configNames.ToHashSet(StringComparer.Ordinal);
        var order = new Dictionary<(ConfigResourceKind, string), int>();
        foreach ((ConfigResourceKind Kind, string Name) r in resources)
        {
            order.TryAdd(r, order.Count);
        }

        var calls = new List<List<ConfigResource>>();
        List<ConfigResource> topics = order.Keys.Where(r => r.Item1 == ConfigResourceKind.Topic).Select(r => new ConfigResource { Type = ResourceType.Topic, Name = r.Item2 }).ToList();
        if (topics.Count > 0)
        {
            calls.Add(topics);
        }

        calls.AddRange(order.Keys.Where(r => r.Item1 == ConfigResourceKind.Broker).Select(r => new List<ConfigResource> { new() { Type = ResourceType.Broker, Name = r.Item2 } }));
        var values = new List<ConfigValue>();
        var errors = new List<KafkaPartitionError>();
        foreach (List<ConfigResource> call in calls)
        {
            List<DescribeConfigsResult> results;
            try
            {
                results = await Call("DescribeConfigs", () => _client.DescribeConfigsAsync(call, new DescribeConfigsOptions { RequestTimeout = _timeout }), cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaAdminException e) when (e.InnerException is DescribeConfigsException dce)
            {
                errors.AddRange(dce.Results.Where(r => r.Error.IsError).Select(r => new KafkaPartitionError(
                    r.ConfigResource.Type == ResourceType.Topic ? r.ConfigResource.Name : "broker " + r.ConfigResource.Name, null, r.Error.Code, r.Error.Reason)));
                continue;
            }

            foreach (DescribeConfigsResult result in results)
            {
                ConfigResourceKind kind = result.ConfigResource.Type == ResourceType.Broker ? ConfigResourceKind.Broker : ConfigResourceKind.Topic;
                foreach (ConfigEntryResult entry in result.Entries.Values.Where(e => wanted.Contains(e.Name)))
                {
                    bool own = entry.Source == (kind == ConfigResourceKind.Topic ? ConfigSource.DynamicTopicConfig : ConfigSource.DynamicBrokerConfig);
                    bool clusterDefault = kind == ConfigResourceKind.Broker && entry.Source == ConfigSource.DynamicDefaultBrokerConfig;
                    if (own || clusterDefault)
                    {
                        values.Add(new ConfigValue(kind, result.ConfigResource.Name, entry.Name, entry.Value, clusterDefault));
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new KafkaAdminException("DescribeConfigs", errors);
        }

        return values.OrderBy(v => order.GetValueOrDefault((v.Kind, v.ResourceName), int.MaxValue)).ThenBy(v => v.Name, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <inheritdoc/>
    public async Task IncrementalAlterConfigsAsync(IReadOnlyList<ConfigAlteration> alterations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alterations);
        if (alterations.Count == 0)
        {
            return;
        }

        // librdkafka sends a broker resource to that broker and accepts only one broker resource per call:
        // all topic resources go in one call, each broker resource in its own.
        var resources = alterations.GroupBy(a => (a.Kind, a.ResourceName)).ToList();
        var calls = new List<List<IGrouping<(ConfigResourceKind Kind, string ResourceName), ConfigAlteration>>>();
        calls.Add(resources.Where(g => g.Key.Kind == ConfigResourceKind.Topic).ToList());
        calls.AddRange(resources.Where(g => g.Key.Kind == ConfigResourceKind.Broker).Select(g => new List<IGrouping<(ConfigResourceKind, string), ConfigAlteration>> { g }));
        var errors = new List<KafkaPartitionError>();
        foreach (var call in calls.Where(c => c.Count > 0))
        {
            var configs = call.ToDictionary(
                g => new ConfigResource { Type = g.Key.Kind == ConfigResourceKind.Broker ? ResourceType.Broker : ResourceType.Topic, Name = g.Key.ResourceName },
                g => g.Select(a => new ConfigEntry { Name = a.Name, Value = a.Value, IncrementalOperation = a.IsDelete ? AlterConfigOpType.Delete : AlterConfigOpType.Set }).ToList());
            try
            {
                await Call("IncrementalAlterConfigs", () => _client.IncrementalAlterConfigsAsync(configs, new IncrementalAlterConfigsOptions { RequestTimeout = _timeout }), cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaAdminException e) when (e.InnerException is IncrementalAlterConfigsException iace)
            {
                errors.AddRange(iace.Results.Where(r => r.Error.IsError)
                    .Select(r => new KafkaPartitionError(r.ConfigResource.Type == ResourceType.Topic ? r.ConfigResource.Name : "broker " + r.ConfigResource.Name, null, r.Error.Code, r.Error.Reason)));
            }
        }

        if (errors.Count > 0)
        {
            throw new KafkaAdminException("IncrementalAlterConfigs", errors);
        }
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<KafkaPartitionError>> ElectPreferredLeadersAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0)
        {
            return ImmutableArray<KafkaPartitionError>.Empty;
        }

        var list = partitions.Select(p => new TopicPartition(p.Topic, new Partition(p.Partition))).ToList();
        var options = new ElectLeadersOptions { RequestTimeout = _timeout, OperationTimeout = _timeout };
        List<TopicPartitionError> results;
        try
        {
            results = (await Call("ElectLeaders", () => _client.ElectLeadersAsync(ElectionType.Preferred, list, options), cancellationToken).ConfigureAwait(false)).TopicPartitions;
        }
        catch (KafkaAdminException e) when (e.InnerException is ElectLeadersException ele)
        {
            results = ele.Results.TopicPartitions;
        }

        return results.Where(r => r.Error.IsError).Select(r => new KafkaPartitionError(r.Topic, r.Partition.Value, r.Error.Code, r.Error.Reason)).ToImmutableArray();
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<KafkaPartitionError>> AlterPartitionReassignmentsAsync(IReadOnlyList<PartitionTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return _reassignments.AlterAsync(targets.Select(t => (t.Topic, t.Partition, (IReadOnlyList<int>?)t.Replicas)).ToList(), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<KafkaPartitionError>> CancelPartitionReassignmentsAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return _reassignments.AlterAsync(partitions.Select(p => (p.Topic, p.Partition, (IReadOnlyList<int>?)null)).ToList(), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<InFlightReassignment>> ListPartitionReassignmentsAsync(IReadOnlyCollection<PartitionId>? partitions, CancellationToken cancellationToken) =>
        _reassignments.ListAsync(partitions, cancellationToken);

    /// <inheritdoc/>
    public async Task<ImmutableArray<ReplicaLogSize>> DescribeLogDirsAsync(IReadOnlyCollection<PartitionId>? partitions, CancellationToken cancellationToken)
    {
        if (partitions is { Count: 0 })
        {
            return ImmutableArray<ReplicaLogSize>.Empty;
        }

        // Own client (Confluent.Kafka has no DescribeLogDirs), one connection per broker, all brokers at once.
        KafkaClusterDescription cluster = await DescribeClusterAsync(cancellationToken).ConfigureAwait(false);
        ImmutableArray<LogDirsClient.Directory>[] answers = await Task.WhenAll(cluster.Nodes.Select(async b =>
        {
            try
            {
                return await LogDirsClient.DescribeAsync(_settings, b.Host, b.Port, partitions, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaAdminException e)
            {
                throw new KafkaAdminException(e.Code, $"DescribeLogDirs to broker {b.Id} ({b.Host}:{b.Port}) failed: {e.Message}", innerException: e);
            }
        })).ConfigureAwait(false);

        return cluster.Nodes.Zip(answers)
            .SelectMany(x => x.Second.Where(d => d.ErrorCode == 0)
                .SelectMany(d => d.Replicas.Where(e => !e.IsFuture))
                .Select(e => new ReplicaLogSize(x.First.Id, e.Topic, e.Partition, e.Bytes, e.LogDir)))
            .OrderBy(s => s.BrokerId).ThenBy(s => s.Topic, StringComparer.Ordinal).ThenBy(s => s.Partition)
            .ToImmutableArray();
    }

    /// <summary>Closes the KIP-455 connection and, when this object created it, the admin client.</summary>
    public void Dispose()
    {
        _reassignments.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<(string Host, int Port)?> LocateControllerAsync(CancellationToken cancellationToken)
    {
        KafkaNode? controller = (await DescribeClusterAsync(cancellationToken).ConfigureAwait(false)).Controller;
        return controller is null ? null : (controller.Host, controller.Port);
    }

    private async Task<T> Call<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            string? cause = e.Error.Code == ErrorCode.Local_TimedOut ? _lastClientError : null;
            throw new KafkaAdminException(e.Error.Code, $"{operation} failed: {e.Error.Reason}{(cause is null ? "" : $" (last connection error: {cause})")}", innerException: e);
        }
    }

    private async Task Call(string operation, Func<Task> call, CancellationToken cancellationToken) =>
        await Call(operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
}
