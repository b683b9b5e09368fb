using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Brokersets.Serialization;

/// <summary>
/// Reads Orion's topic file unchanged: a JSON array of
/// <c>{"topicName": "clicks", "brokerset": "B6", "replicationFactor": 3, "stride": 1, "partitions": 6}</c>.
/// A missing <c>replicationFactor</c> means 3, a missing <c>stride</c> 0, a missing <c>partitions</c> "take the
/// brokerset's"; unknown properties (Orion's configs and the like) are ignored.
/// </summary>
public static class TopicsJson
{
    /// <summary>Reads a topic file from JSON text.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The topics in file order.</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing name or brokerset, a topic defined twice, or a negative count; the message names <paramref name="sourceName"/> and the JSON path.</exception>
    public static ImmutableArray<TopicSpec> Read(string json, string sourceName) =>
        Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.ListOrionTopicDto, sourceName, "an array of topics"), sourceName);

    /// <summary>Reads a topic file from UTF-8 bytes.</summary>
    /// <inheritdoc cref="Read(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static ImmutableArray<TopicSpec> Read(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        Map(JsonInput.Deserialize(utf8Json, BrokersetsJsonContext.Default.ListOrionTopicDto, sourceName, "an array of topics"), sourceName);

    private static ImmutableArray<TopicSpec> Map(List<OrionTopicDto> dtos, string source)
    {
        var result = ImmutableArray.CreateBuilder<TopicSpec>(dtos.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < dtos.Count; i++)
        {
            string at = JsonInput.Index("$", i);
            OrionTopicDto dto = JsonInput.Required((OrionTopicDto?)dtos[i], source, at);
            string topic = JsonInput.Required(dto.TopicName, source, at + ".topicName");
            if (string.IsNullOrWhiteSpace(topic))
            {
                throw JsonInput.Fail(source, at + ".topicName", "a topic needs a name.");
            }

            if (InputLimits.TopicNameProblem(topic) is { } problem)
            {
                throw JsonInput.Fail(source, at + ".topicName", $"topic {JsonInput.Quote(topic)}: {problem}.");
            }

            if (!seen.TryAdd(topic, i))
            {
                throw JsonInput.Fail(source, at + ".topicName", $"topic '{topic}' is defined twice (also at {JsonInput.Index("$", seen[topic])}).");
            }

            string brokerset = JsonInput.Required(dto.Brokerset, source, at + ".brokerset");
            int rf = dto.ReplicationFactor ?? 3;
            int stride = dto.Stride ?? 0;
            int partitions = dto.Partitions ?? 0;
            Check(rf < 1, source, at + ".replicationFactor", $"topic '{topic}': replication factor {rf} is less than 1.");
            Check(stride < 0, source, at + ".stride", $"topic '{topic}': stride {stride} is negative.");
            Check(partitions < 0, source, at + ".partitions", $"topic '{topic}': partition count {partitions} is negative; leave it out or use 0 to take the brokerset's.");
            Check(partitions > InputLimits.MaxPartitionsPerTopic, source, at + ".partitions", $"topic '{topic}': partition count {partitions} exceeds the limit of {InputLimits.MaxPartitionsPerTopic} partitions per topic.");
            result.Add(new TopicSpec(topic, brokerset, partitions, rf, stride));
        }

        return result.MoveToImmutable();
    }

    private static void Check(bool failed, string source, string path, FormattableString detail)
    {
        if (failed)
        {
            throw JsonInput.Fail(source, path, FormattableString.Invariant(detail));
        }
    }
}
