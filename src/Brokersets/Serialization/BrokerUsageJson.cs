using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Brokersets.Serialization;

/// <summary>
/// Reads a broker-usage file, each broker's current load for the <see cref="SizingAdvisor"/>:
/// <c>{"brokers": [{"id": 1, "inMBps": 40, "outMBps": 95, "diskGB": 1200}, …]}</c>. A missing figure is 0;
/// brokers not listed are idle. Unknown properties are ignored.
/// </summary>
/// <remarks>
/// The file gives rates in decimal MB/s and disk in decimal GB (1 MB = 10⁶ bytes, 1 GB = 10⁹ bytes); the
/// <see cref="BrokerUsage"/> read holds bytes per second and bytes: <c>"inMBps": 100</c> reads as
/// <see cref="BrokerUsage.NetworkInBytesPerSecond"/> = 100,000,000, <c>"diskGB": 1.5</c> as
/// <see cref="BrokerUsage.DiskBytes"/> = 1,500,000,000 (rounded to a whole byte).
/// </remarks>
public static class BrokerUsageJson
{
    /// <summary>Reads a broker-usage file from JSON text.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The usage per broker, in file order.</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing or negative id, a duplicate broker, or a negative figure; the message names <paramref name="sourceName"/> and the JSON path.</exception>
    public static ImmutableArray<BrokerUsage> Read(string json, string sourceName) =>
        Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.UsageDto, sourceName, "an object"), sourceName);

    private static ImmutableArray<BrokerUsage> Map(UsageDto dto, string source)
    {
        List<UsageBrokerDto?> brokers = JsonInput.Required(dto.Brokers, source, "$.brokers");
        var list = ImmutableArray.CreateBuilder<BrokerUsage>(brokers.Count);
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < brokers.Count; i++)
        {
            string at = JsonInput.Index("$.brokers", i);
            UsageBrokerDto b = JsonInput.Required(brokers[i], source, at);
            int id = JsonInput.BrokerId(b.Id, seen, i, source, "$.brokers");
            list.Add(new BrokerUsage(id,
                Figure(b.InMBps, source, at + ".inMBps") * Internals.Format.BytesPerMB,
                Figure(b.OutMBps, source, at + ".outMBps") * Internals.Format.BytesPerMB,
                (long)Math.Round(Figure(b.DiskGB, source, at + ".diskGB") * Internals.Format.BytesPerGB)));
        }

        return list.MoveToImmutable();
    }

    /// <summary>The largest usage figure read (MB/s or GB): 10^9, as for the command line's decimal options.</summary>
    private const double MaxFigure = 1e9;

    private static double Figure(double? value, string source, string path) =>
        value switch
        {
            null => 0,
            < 0 => throw JsonInput.Fail(source, path, string.Create(CultureInfo.InvariantCulture, $"{value} is negative; usage figures are ≥ 0.")),
            > MaxFigure => throw JsonInput.Fail(source, path, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range; usage figures are at most {MaxFigure:0}.")),
            _ => value.Value,
        };
}
