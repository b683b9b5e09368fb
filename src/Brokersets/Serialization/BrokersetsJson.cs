using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Brokersets.Serialization;

/// <summary>
/// Reads Orion's brokerset file unchanged: a JSON array of
/// <c>{"brokersetAlias": "B6", "partitions": 12, "entries": [{"startBrokerIdx": 1, "endBrokerIdx": 6}]}</c>.
/// Each brokerset's entries are inclusive id ranges, concatenated in the order given; <c>partitions</c> is
/// optional (missing or 0 = none). Unknown properties are ignored.
/// </summary>
public static class BrokersetsJson
{
    /// <summary>Reads a brokerset file from JSON text.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The brokersets in file order (racks unknown until <see cref="Brokerset.WithRacks(Cluster)"/>).</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing field, or an invalid brokerset; the message names <paramref name="sourceName"/> and the JSON path.</exception>
    public static ImmutableArray<Brokerset> Read(string json, string sourceName) =>
        Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.ListOrionBrokersetDto, sourceName, "an array of brokersets"), sourceName);

    /// <summary>Reads a brokerset file from UTF-8 bytes.</summary>
    /// <inheritdoc cref="Read(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static ImmutableArray<Brokerset> Read(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        Map(JsonInput.Deserialize(utf8Json, BrokersetsJsonContext.Default.ListOrionBrokersetDto, sourceName, "an array of brokersets"), sourceName);

    private static ImmutableArray<Brokerset> Map(List<OrionBrokersetDto> dtos, string source)
    {
        var result = ImmutableArray.CreateBuilder<Brokerset>(dtos.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < dtos.Count; i++)
        {
            string at = JsonInput.Index("$", i);
            OrionBrokersetDto dto = JsonInput.Required((OrionBrokersetDto?)dtos[i], source, at);
            string name = JsonInput.Required(dto.BrokersetAlias, source, at + ".brokersetAlias");
            if (!seen.TryAdd(name, i))
            {
                throw JsonInput.Fail(source, at + ".brokersetAlias", $"brokerset '{name}' is defined twice (also at {JsonInput.Index("$", seen[name])}).");
            }

            int partitions = dto.Partitions ?? 0;
            if (partitions < 0)
            {
                throw JsonInput.Fail(source, at + ".partitions", string.Create(CultureInfo.InvariantCulture, $"brokerset '{name}': partition count {partitions} is negative; leave it out or use 0 for none."));
            }

            if (partitions > InputLimits.MaxPartitionsPerTopic)
            {
                throw JsonInput.Fail(source, at + ".partitions", string.Create(CultureInfo.InvariantCulture, $"brokerset '{name}': partition count {partitions} exceeds the limit of {InputLimits.MaxPartitionsPerTopic} partitions per topic."));
            }

            List<OrionEntryDto?> entries = JsonInput.Required(dto.Entries, source, at + ".entries");
            if (entries.Count == 0)
            {
                throw JsonInput.Fail(source, at + ".entries", $"brokerset '{name}' has no entries; it needs at least one broker id range.");
            }

            var ranges = new BrokerIdRange[entries.Count];
            for (int j = 0; j < entries.Count; j++)
            {
                string entryAt = JsonInput.Index(at + ".entries", j);
                OrionEntryDto entry = JsonInput.Required(entries[j], source, entryAt);
                int first = JsonInput.Required(entry.StartBrokerIdx, source, entryAt + ".startBrokerIdx");
                int last = JsonInput.Required(entry.EndBrokerIdx, source, entryAt + ".endBrokerIdx");
                string field = first < 0 ? ".startBrokerIdx" : ".endBrokerIdx";
                ranges[j] = JsonInput.Model(() => new BrokerIdRange(first, last), source, entryAt + field);
            }

            result.Add(JsonInput.Model(() => Brokerset.FromRanges(name, ranges, partitions), source, at + ".entries"));
        }

        return result.MoveToImmutable();
    }
}
