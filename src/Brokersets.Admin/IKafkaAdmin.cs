using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Brokersets.Admin;

/// <summary>
/// The Kafka admin calls Brokersets needs, and nothing more. <see cref="ConfluentKafkaAdmin"/> implements it over
/// Confluent.Kafka's <c>IAdminClient</c> plus a built-in KIP-455 client; tests and tools may supply their own.
/// </summary>
/// <remarks>
/// Implementations throw <see cref="KafkaAdminException"/> (with Kafka's error code, topic and partition) for
/// request-level failures and for per-item failures of the create and config calls; the reassignment and
/// election calls return their per-partition errors instead, because callers treat some of them as success.
/// </remarks>
public interface IKafkaAdmin : IDisposable
{
    /// <summary>DescribeCluster: the brokers with racks and the controller.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<KafkaClusterDescription> DescribeClusterAsync(CancellationToken cancellationToken);

    /// <summary>The names of the cluster's topics, in ordinal order.</summary>
    /// <param name="includeInternal">Whether to include internal topics such as <c>__consumer_offsets</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<ImmutableArray<string>> ListTopicsAsync(bool includeInternal, CancellationToken cancellationToken);

    /// <summary>DescribeTopics: every partition of the given topics with leader, replicas and ISR.</summary>
    /// <param name="topics">The topics; an unknown topic fails with <c>UnknownTopicOrPart</c> (3).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<ImmutableArray<ObservedPartition>> DescribeTopicsAsync(IReadOnlyCollection<string> topics, CancellationToken cancellationToken);

    /// <summary>CreateTopics with explicit replica assignments.</summary>
    /// <param name="topics">The topics and their assignments.</param>
    /// <param name="validateOnly">Whether the cluster should only validate the request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task CreateTopicsAsync(IReadOnlyList<TopicAssignment> topics, bool validateOnly, CancellationToken cancellationToken);

    /// <summary>CreatePartitions with explicit replica assignments for the new partitions only.</summary>
    /// <param name="increases">One increase per topic.</param>
    /// <param name="validateOnly">Whether the cluster should only validate the request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task CreatePartitionsAsync(IReadOnlyList<PartitionIncrease> increases, bool validateOnly, CancellationToken cancellationToken);

    /// <summary>DescribeConfigs: the values of the named configs set at run time on topics and brokers.</summary>
    /// <remarks>
    /// Only dynamic values are reported, one per resource and config: a topic's own value (Kafka's config source
    /// DYNAMIC_TOPIC_CONFIG); a broker's own value (DYNAMIC_BROKER_CONFIG) or, when it has none, the cluster-wide dynamic
    /// default of all brokers (DYNAMIC_DEFAULT_BROKER_CONFIG, flagged <see cref="ConfigValue.IsClusterDefault"/>). Values
    /// from <c>server.properties</c> and Kafka's defaults are left out, so a config missing from the result has no
    /// dynamic value. A broker resource is described by that broker, as Kafka requires.
    /// </remarks>
    /// <param name="resources">The topics (by name) and brokers (by id as a string); an unknown topic fails with <c>UnknownTopicOrPart</c> (3).</param>
    /// <param name="configNames">The configs wanted, e.g. <c>leader.replication.throttled.rate</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The values, in the order of <paramref name="resources"/>, then by config name.</returns>
    Task<ImmutableArray<ConfigValue>> DescribeConfigsAsync(IReadOnlyList<(ConfigResourceKind Kind, string Name)> resources, IReadOnlyCollection<string> configNames, CancellationToken cancellationToken);

    /// <summary>IncrementalAlterConfigs: sets or deletes topic and broker configs.</summary>
    /// <param name="alterations">The operations.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task IncrementalAlterConfigsAsync(IReadOnlyList<ConfigAlteration> alterations, CancellationToken cancellationToken);

    /// <summary>ElectLeaders (preferred) for explicit partitions; returns the per-partition errors, ElectionNotNeeded (84) included.</summary>
    /// <param name="partitions">The partitions.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<ImmutableArray<KafkaPartitionError>> ElectPreferredLeadersAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken);

    /// <summary>AlterPartitionReassignments (KIP-455): starts moving the partitions to their targets; returns the per-partition errors.</summary>
    /// <param name="targets">The targets.</param>
    /// <param name="cancellationToken">Cancels the wait (the request may still have reached the cluster).</param>
    Task<ImmutableArray<KafkaPartitionError>> AlterPartitionReassignmentsAsync(IReadOnlyList<PartitionTarget> targets, CancellationToken cancellationToken);

    /// <summary>AlterPartitionReassignments with null replicas: cancels the moves in flight of these partitions; returns the per-partition errors.</summary>
    /// <param name="partitions">The partitions.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<ImmutableArray<KafkaPartitionError>> CancelPartitionReassignmentsAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken);

    /// <summary>ListPartitionReassignments (KIP-455): the moves in flight.</summary>
    /// <param name="partitions">Only these partitions, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<ImmutableArray<InFlightReassignment>> ListPartitionReassignmentsAsync(IReadOnlyCollection<PartitionId>? partitions, CancellationToken cancellationToken);

    /// <summary>
    /// DescribeLogDirs, asked of every live broker (Kafka answers it per broker, for that broker's own log directories):
    /// the size of each replica's log.
    /// </summary>
    /// <remarks>
    /// A replica being moved between log directories of one broker (AlterReplicaLogDirs) is reported once, by its
    /// current log: the future log is left out. A log directory the broker reports with an error (an offline directory,
    /// KAFKA_STORAGE_ERROR) is left out, so its replicas have no size. A broker that cannot be asked fails the call
    /// with a <see cref="KafkaAdminException"/> naming it.
    /// </remarks>
    /// <param name="partitions">Only these partitions, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The replicas' sizes, by broker id, then topic (ordinal), then partition.</returns>
    Task<ImmutableArray<ReplicaLogSize>> DescribeLogDirsAsync(IReadOnlyCollection<PartitionId>? partitions, CancellationToken cancellationToken);
}
