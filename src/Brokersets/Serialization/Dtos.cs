using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Brokersets.Serialization;

// The JSON shapes as written in the files. Every property is nullable so that a missing value is reported by the
// reader with its JSON path instead of by the serializer. Unknown properties are ignored.

/// <summary>One element of Orion's brokerset file.</summary>
internal sealed class OrionBrokersetDto
{
    public string? BrokersetAlias { get; set; }

    public int? Partitions { get; set; }

    public List<OrionEntryDto?>? Entries { get; set; }
}

/// <summary>One inclusive id range of an Orion brokerset.</summary>
internal sealed class OrionEntryDto
{
    public int? StartBrokerIdx { get; set; }

    public int? EndBrokerIdx { get; set; }
}

/// <summary>One element of Orion's topic file.</summary>
internal sealed class OrionTopicDto
{
    public string? TopicName { get; set; }

    public string? Brokerset { get; set; }

    public int? ReplicationFactor { get; set; }

    public int? Stride { get; set; }

    public int? Partitions { get; set; }
}

/// <summary>Orion's broker-override file.</summary>
internal sealed class OrionOverrideDto
{
    public int? StartBrokerIn { get; set; }

    public int? EndBrokerIn { get; set; }

    public int? StartBrokerOut { get; set; }

    public int? EndBrokerOut { get; set; }
}

/// <summary>The cluster file.</summary>
internal sealed class ClusterDto
{
    public List<ClusterBrokerDto?>? Brokers { get; set; }
}

/// <summary>One broker of the cluster file.</summary>
internal sealed class ClusterBrokerDto
{
    public int? Id { get; set; }

    public string? Rack { get; set; }
}

/// <summary>Kafka's reassignment JSON.</summary>
internal sealed class ReassignmentDto
{
    public int? Version { get; set; }

    public List<ReassignmentPartitionDto?>? Partitions { get; set; }
}

/// <summary>One partition of Kafka's reassignment JSON.</summary>
internal sealed class ReassignmentPartitionDto
{
    public string? Topic { get; set; }

    public int? Partition { get; set; }

    public List<int>? Replicas { get; set; }

    [JsonPropertyName("log_dirs")]
    public List<string?>? LogDirs { get; set; }
}

/// <summary>Kafka's topics-to-move JSON.</summary>
internal sealed class TopicsToMoveDto
{
    public int? Version { get; set; }

    public List<TopicToMoveDto?>? Topics { get; set; }
}

/// <summary>One topic of Kafka's topics-to-move JSON.</summary>
internal sealed class TopicToMoveDto
{
    public string? Topic { get; set; }
}

/// <summary>The broker-usage file.</summary>
internal sealed class UsageDto
{
    public List<UsageBrokerDto?>? Brokers { get; set; }
}

/// <summary>One broker of the broker-usage file, in the file's units (decimal MB/s and GB; converted to bytes by <see cref="BrokerUsageJson"/>).</summary>
internal sealed class UsageBrokerDto
{
    public int? Id { get; set; }

    [JsonPropertyName("inMBps")]
    public double? InMBps { get; set; }

    [JsonPropertyName("outMBps")]
    public double? OutMBps { get; set; }

    [JsonPropertyName("diskGB")]
    public double? DiskGB { get; set; }
}
