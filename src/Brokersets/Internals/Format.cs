using System.Globalization;

namespace Brokersets.Internals;

/// <summary>Invariant-culture number formatting for the reports' text tables.</summary>
internal static class Format
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Bytes per second as decimal MB/s (1 MB = 10^6 bytes), without the unit: <c>250000000</c> → <c>250</c>.</summary>
    public static string MBps(double bytesPerSecond) => Rate(bytesPerSecond / BytesPerMB);

    /// <summary>Bytes as decimal GB (1 GB = 10^9 bytes), without the unit: <c>4000000000000</c> → <c>4000</c>.</summary>
    public static string GB(double bytes) => Rate(bytes / BytesPerGB);

    /// <summary>Bytes in a decimal MB.</summary>
    public const double BytesPerMB = 1e6;

    /// <summary>Bytes in a decimal GB.</summary>
    public const double BytesPerGB = 1e9;

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Id(int brokerId) => brokerId < 0 ? "-" : brokerId.ToString(CultureInfo.InvariantCulture);
}
