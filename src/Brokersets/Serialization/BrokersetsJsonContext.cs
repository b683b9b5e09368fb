using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Brokersets.Serialization;

/// <summary>The source-generated (reflection-free, trimming- and AOT-safe) serializer metadata for the file DTOs.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<OrionBrokersetDto>))]
[JsonSerializable(typeof(List<OrionTopicDto>))]
[JsonSerializable(typeof(OrionOverrideDto))]
[JsonSerializable(typeof(ClusterDto))]
[JsonSerializable(typeof(ReassignmentDto))]
[JsonSerializable(typeof(TopicsToMoveDto))]
[JsonSerializable(typeof(UsageDto))]
internal sealed partial class BrokersetsJsonContext : JsonSerializerContext
{
}
