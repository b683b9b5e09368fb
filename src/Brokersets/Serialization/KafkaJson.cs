using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Brokersets.Serialization;

/// <summary>What Kafka's two JSON formats share: the <c>version</c> field (1 only) and the compact envelope.</summary>
internal static class KafkaJson
{
    /// <summary>The only version of Kafka's reassignment and topics-to-move JSON.</summary>
    public const int Version = 1;

    /// <summary>Writes <c>{"version":1,"{arrayName}":[…]}</c> compactly; <paramref name="writeItems"/> writes the array's elements.</summary>
    public static string WriteVersioned(string arrayName, Action<Utf8JsonWriter> writeItems)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteStartArray(arrayName);
            writeItems(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Accepts a missing version or 1, as Kafka does, else fails with Kafka's message at <c>$.version</c>.</summary>
    public static void CheckVersion(int? version, string sourceName)
    {
        if (version is { } v && v != Version)
        {
            throw JsonInput.Fail(sourceName, "$.version", string.Create(CultureInfo.InvariantCulture, $"Not supported version field value {v}"));
        }
    }
}
