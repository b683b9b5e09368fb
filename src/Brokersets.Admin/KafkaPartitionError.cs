using System.Diagnostics;
using Confluent.Kafka;

namespace Brokersets.Admin;

/// <summary>An error Kafka reported for one topic or partition, with its numeric code kept.</summary>
/// <param name="Topic">The topic, or <see langword="null"/> for a broker-level or request-level error.</param>
/// <param name="Partition">The partition, or <see langword="null"/> when the error concerns the whole topic or resource.</param>
/// <param name="Code">Kafka's error code (numeric values outside <see cref="ErrorCode"/>'s names are kept as they are).</param>
/// <param name="Message">Kafka's error message, or a description of the code.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record KafkaPartitionError(string? Topic, int? Partition, ErrorCode Code, string? Message)
{
    /// <summary>Renders <c>orders-3: InvalidReplicaAssignment (39): message</c>.</summary>
    public override string ToString()
    {
        string where = Topic is null ? "" : Partition is int p ? $"{Topic}-{p}: " : $"{Topic}: ";
        return $"{where}{Code} ({(int)Code})" + (string.IsNullOrEmpty(Message) ? "" : ": " + Message);
    }
}
