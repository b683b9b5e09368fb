using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;

namespace Brokersets.Serialization;

/// <summary>
/// Reads and writes Kafka's topics-to-move JSON (<c>kafka-reassign-partitions --topics-to-move-json-file</c>):
/// <c>{"version":1,"topics":[{"topic":"orders"},{"topic":"payments"}]}</c>. <c>version</c> is optional (1 is the
/// only one); only each entry's <c>topic</c> is read.
/// </summary>
public static class TopicsToMoveJson
{
    /// <summary>Writes <c>{"version":1,"topics":[{"topic":"a"}, …]}</c> compactly, topics in the order given.</summary>
    /// <param name="topics">The topic names.</param>
    /// <returns>The JSON text, without a trailing newline.</returns>
    public static string Write(IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return KafkaJson.WriteVersioned("topics", writer =>
        {
            foreach (string topic in topics)
            {
                writer.WriteStartObject();
                writer.WriteString("topic", topic);
                writer.WriteEndObject();
            }
        });
    }

    /// <summary>Reads the topic names from JSON text.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The topic names in file order.</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing field, an unsupported version, or a topic listed twice; the message names <paramref name="sourceName"/> and the JSON path.</exception>
    public static ImmutableArray<string> Read(string json, string sourceName) =>
        Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.TopicsToMoveDto, sourceName, "an object"), sourceName);

    /// <summary>Reads the topic names from UTF-8 bytes.</summary>
    /// <inheritdoc cref="Read(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static ImmutableArray<string> Read(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        Map(JsonInput.Deserialize(utf8Json, BrokersetsJsonContext.Default.TopicsToMoveDto, sourceName, "an object"), sourceName);

    private static ImmutableArray<string> Map(TopicsToMoveDto dto, string source)
    {
        KafkaJson.CheckVersion(dto.Version, source);
        List<TopicToMoveDto?> list = JsonInput.Required(dto.Topics, source, "$.topics");
        var topics = ImmutableArray.CreateBuilder<string>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            string at = JsonInput.Index("$.topics", i);
            topics.Add(JsonInput.Required(JsonInput.Required(list[i], source, at).Topic, source, at + ".topic"));
        }

        string[] duplicates = topics.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            throw JsonInput.Fail(source, "$.topics", $"List of topics to reassign contains duplicate entries: [{string.Join(", ", duplicates)}]");
        }

        return topics.MoveToImmutable();
    }
}
