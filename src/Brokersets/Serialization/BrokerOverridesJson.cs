using System;

namespace Brokersets.Serialization;

/// <summary>
/// Reads Orion's broker-override file unchanged: one object
/// <c>{"startBrokerIn": 1, "endBrokerIn": 3, "startBrokerOut": 7, "endBrokerOut": 9}</c>. The ids of the in-range
/// are replaced, position by position, by the ids of the out-range (1→7, 2→8, 3→9), which must have the same length.
/// </summary>
public static class BrokerOverridesJson
{
    /// <summary>Reads a broker-override file from JSON text.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The overrides (see <see cref="BrokerOverrides.FromRanges(BrokerIdRange, BrokerIdRange)"/>).</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing field, a reversed or negative range, or ranges of different lengths; the message names <paramref name="sourceName"/> and the JSON path.</exception>
    public static BrokerOverrides Read(string json, string sourceName) =>
        Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.OrionOverrideDto, sourceName, "an object"), sourceName);

    /// <summary>Reads a broker-override file from UTF-8 bytes.</summary>
    /// <inheritdoc cref="Read(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static BrokerOverrides Read(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        Map(JsonInput.Deserialize(utf8Json, BrokersetsJsonContext.Default.OrionOverrideDto, sourceName, "an object"), sourceName);

    private static BrokerOverrides Map(OrionOverrideDto dto, string source)
    {
        BrokerIdRange from = Range(dto.StartBrokerIn, dto.EndBrokerIn, "In", source);
        BrokerIdRange to = Range(dto.StartBrokerOut, dto.EndBrokerOut, "Out", source);
        return JsonInput.Model(() => BrokerOverrides.FromRanges(from, to), source, "$");
    }

    private static BrokerIdRange Range(int? start, int? end, string side, string source)
    {
        int first = JsonInput.Required(start, source, "$.startBroker" + side);
        int last = JsonInput.Required(end, source, "$.endBroker" + side);
        string field = first < 0 ? "$.startBroker" + side : "$.endBroker" + side;
        return JsonInput.Model(() => new BrokerIdRange(first, last), source, field);
    }
}
