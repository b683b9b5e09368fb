using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// Reads the partition sizes file of <c>plan --sizes</c>: a JSON object mapping each topic to the size in bytes of
/// its partitions 0, 1, …, e.g. <c>{"orders": [1073741824, 1073741824], "payments": [52428800]}</c>. Partitions not
/// listed count as unknown.
/// </summary>
internal static class PartitionSizesFile
{
    /// <summary>The largest partition size read: 2^50 bytes (1 PiB).</summary>
    public const long MaxPartitionBytes = 1L << 50;

    /// <summary>Parses <paramref name="json"/>.</summary>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a value that is not an array of non-negative integers, or a topic twice.</exception>
    public static PartitionSizes Read(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new BrokersetsFormatException(sourceName, "$", "Malformed JSON: " + e.Message, e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BrokersetsFormatException(sourceName, "$", "Expected an object mapping each topic to the sizes in bytes of its partitions 0, 1, …");
            }

            var topics = new List<KeyValuePair<string, ImmutableArray<long>>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonProperty topic in document.RootElement.EnumerateObject())
            {
                string name;
                try
                {
                    name = topic.Name;
                }
                catch (InvalidOperationException)
                {
                    throw new BrokersetsFormatException(sourceName, "$", string.Create(CultureInfo.InvariantCulture,
                        $"key {index + 1} holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not text."));
                }

                index++;
                string at = "$." + name;
                if (InputLimits.TopicNameProblem(name) is { } problem)
                {
                    throw new BrokersetsFormatException(sourceName, "$", $"topic '{name}': {problem}.");
                }

                if (!seen.Add(name))
                {
                    throw new BrokersetsFormatException(sourceName, at, $"duplicate key '{name}': topic '{name}' is listed twice.");
                }

                if (topic.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new BrokersetsFormatException(sourceName, at, "Expected an array of partition sizes in bytes.");
                }

                var sizes = ImmutableArray.CreateBuilder<long>();
                foreach (JsonElement size in topic.Value.EnumerateArray())
                {
                    string item = string.Create(CultureInfo.InvariantCulture, $"{at}[{sizes.Count}]");
                    if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out long bytes) || bytes < 0 || bytes > MaxPartitionBytes)
                    {
                        throw new BrokersetsFormatException(sourceName, item, string.Create(CultureInfo.InvariantCulture,
                            $"Expected a size in bytes (an integer between 0 and {MaxPartitionBytes}, 1 PiB), got {size.GetRawText()}."));
                    }

                    sizes.Add(bytes);
                }

                topics.Add(new(name, sizes.ToImmutable()));
            }

            return PartitionSizes.Create(topics);
        }
    }

    /// <summary>Writes sizes in the format <see cref="Read"/> reads: one topic a line, topics in the order given.</summary>
    /// <param name="topics">Topic name → bytes of partitions 0, 1, … (no gaps: a partition not known ends its topic's list).</param>
    public static string Write(IEnumerable<KeyValuePair<string, IReadOnlyList<long>>> topics)
    {
        var lines = new List<string>();
        foreach ((string topic, IReadOnlyList<long> sizes) in topics)
        {
            lines.Add("  " + JsonSerializer.Serialize(topic) + ": [" + string.Join(", ", sizes.Select(b => b.ToString(CultureInfo.InvariantCulture))) + "]");
        }

        return lines.Count == 0 ? "{}" : "{\n" + string.Join(",\n", lines) + "\n}";
    }
}
