using System.Globalization;

namespace Brokersets.Internals;

/// <summary>Invariant-culture number formatting for the reports' text tables.</summary>
internal static class Format
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Id(int brokerId) => brokerId < 0 ? "-" : brokerId.ToString(CultureInfo.InvariantCulture);
}
