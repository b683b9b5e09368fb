using System;
using System.Collections.Generic;
using System.Globalization;

namespace Brokersets.Serialization;

/// <summary>
/// Reads a cluster file: <c>{"brokers": [{"id": 1, "rack": "us-east-1a"}, …]}</c>. A missing or null
/// <c>rack</c> means unknown. Unknown properties are ignored.
/// </summary>
public static class ClusterJson
{
    /// <summary>Reads a cluster file from JSON text.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The cluster, brokers in file order.</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing id, a negative or duplicate id, or an empty rack name; the message names <paramref name="sourceName"/> and the JSON path.</exception>
    public static Cluster Read(string json, string sourceName) =>
        Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.ClusterDto, sourceName, "an object"), sourceName);

    /// <summary>Reads a cluster file from UTF-8 bytes.</summary>
    /// <inheritdoc cref="Read(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static Cluster Read(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        Map(JsonInput.Deserialize(utf8Json, BrokersetsJsonContext.Default.ClusterDto, sourceName, "an object"), sourceName);

    private static Cluster Map(ClusterDto dto, string source)
    {
        List<ClusterBrokerDto?> brokers = JsonInput.Required(dto.Brokers, source, "$.brokers");
        var list = new List<Broker>(brokers.Count);
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < brokers.Count; i++)
        {
            string at = JsonInput.Index("$.brokers", i);
            ClusterBrokerDto b = JsonInput.Required(brokers[i], source, at);
            int id = JsonInput.BrokerId(b.Id, seen, i, source, "$.brokers");
            if (b.Rack is not null && string.IsNullOrWhiteSpace(b.Rack))
            {
                throw JsonInput.Fail(source, at + ".rack", string.Create(CultureInfo.InvariantCulture, $"broker {id} has an empty rack name; leave the rack out when it is unknown."));
            }

            list.Add(new Broker(id, b.Rack));
        }

        return JsonInput.Model(() => Cluster.Create(list), source, "$.brokers");
    }
}
