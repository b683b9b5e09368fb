using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Confluent.Kafka;

namespace Brokersets.Admin;

/// <summary>
/// A Kafka admin operation failed. Keeps Kafka's error code and the topic and partition it concerns; never
/// carries credentials.
/// </summary>
public sealed class KafkaAdminException : Exception
{
    /// <summary>Creates an exception for one error.</summary>
    /// <param name="code">Kafka's (or librdkafka's local) error code.</param>
    /// <param name="message">What failed.</param>
    /// <param name="topic">The topic concerned, if any.</param>
    /// <param name="partition">The partition concerned, if any.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public KafkaAdminException(ErrorCode code, string message, string? topic = null, int? partition = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Topic = topic;
        Partition = partition;
        Errors = ImmutableArray.Create(new KafkaPartitionError(topic, partition, code, message));
    }

    /// <summary>Creates an exception for several per-topic or per-partition errors; the first one gives <see cref="Code"/>.</summary>
    /// <param name="operation">What failed, e.g. <c>AlterPartitionReassignments</c>.</param>
    /// <param name="errors">The errors; at least one.</param>
    public KafkaAdminException(string operation, IEnumerable<KafkaPartitionError> errors)
        : this(operation, (errors ?? throw new ArgumentNullException(nameof(errors))).ToImmutableArray())
    {
    }

    /// <summary>Creates an exception with no details (for serializers and tests).</summary>
    public KafkaAdminException()
        : this(ErrorCode.Unknown, "A Kafka admin operation failed.")
    {
    }

    /// <summary>Creates an exception with a message and an unknown code.</summary>
    /// <param name="message">What failed.</param>
    public KafkaAdminException(string message)
        : this(ErrorCode.Unknown, message)
    {
    }

    /// <summary>Creates an exception with a message, an unknown code and an inner exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying exception.</param>
    public KafkaAdminException(string message, Exception innerException)
        : this(ErrorCode.Unknown, message, null, null, innerException)
    {
    }

    private KafkaAdminException(string operation, ImmutableArray<KafkaPartitionError> errors)
        : base(errors.IsEmpty ? $"{operation} failed." : $"{operation} failed for {errors.Length} item(s): {string.Join("; ", errors.Take(10))}" + (errors.Length > 10 ? "; …" : ""))
    {
        Errors = errors;
        KafkaPartitionError? first = errors.FirstOrDefault();
        Code = first?.Code ?? ErrorCode.Unknown;
        Topic = first?.Topic;
        Partition = first?.Partition;
    }

    /// <summary>Kafka's error code (the first one's when there are several).</summary>
    public ErrorCode Code { get; }

    /// <summary>The topic concerned, if any (the first error's).</summary>
    public string? Topic { get; }

    /// <summary>The partition concerned, if any (the first error's).</summary>
    public int? Partition { get; }

    /// <summary>Every error reported, one per topic or partition.</summary>
    public ImmutableArray<KafkaPartitionError> Errors { get; }

    /// <summary>
    /// Whether retrying may succeed: a lost connection, a timeout, a controller that moved, a broker not available.
    /// Checked by the wave applier before it re-reads the cluster and retries.
    /// </summary>
    public bool IsTransient => Errors.All(e => IsTransientCode(e.Code));

    internal static bool IsTransientCode(ErrorCode code) => code is
        ErrorCode.Local_Transport or ErrorCode.Local_TimedOut or ErrorCode.Local_AllBrokersDown or
        ErrorCode.RequestTimedOut or ErrorCode.NetworkException or ErrorCode.NotController or
        ErrorCode.BrokerNotAvailable or ErrorCode.LeaderNotAvailable or ErrorCode.NotLeaderForPartition;
}
