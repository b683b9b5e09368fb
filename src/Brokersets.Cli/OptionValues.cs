using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Brokersets.Cli;

/// <summary>
/// Parses every numeric option of the command tree the same way: invariant culture, <c>.</c> as the only decimal
/// separator (<c>1,5</c> is refused, not read as 15), finite values within the limits below, and an error that names
/// the option and the value without .NET type names. File options refuse an empty value.
/// </summary>
internal static class OptionValues
{
    /// <summary>The most layouts <c>analyze --draws</c> summarises.</summary>
    public const int MaxDraws = 10_000;

    /// <summary>The largest value of a decimal option (MB/s, hours, GB …): 10^9; none may be negative.</summary>
    public const double MaxDecimal = 1e9;

    /// <summary>The smallest non-zero value of a decimal option: 10^-6 (1 byte/s as a throttle in MB/s); smaller ones overflow the figures divided by them.</summary>
    public const double MinDecimal = 1e-6;

    /// <summary>Installs the parsers and validators on <paramref name="command"/> and its subcommands.</summary>
    public static void Install(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in command.Options)
        {
            Install(option);
        }

        foreach (Command sub in command.Subcommands)
        {
            Install(sub);
        }
    }

    private static void Install(Option option)
    {
        switch (option)
        {
            case Option<int> o when o.CustomParser is null:
                o.CustomParser = r => ParseInt(r, o.Name) ?? 0;
                break;
            case Option<int?> o when o.CustomParser is null:
                o.CustomParser = r => ParseInt(r, o.Name);
                break;
            case Option<long?> o when o.CustomParser is null:
                o.CustomParser = r => ParseLong(r, o.Name);
                break;
            case Option<double> o when o.CustomParser is null:
                o.CustomParser = r => ParseDouble(r, o.Name) ?? 0;
                break;
            case Option<double?> o when o.CustomParser is null:
                o.CustomParser = r => ParseDouble(r, o.Name);
                break;
            case Option<string> o when o.HelpName is "FILE" or "KAFKA_JSON" or "DIR":
                o.Validators.Add(r =>
                {
                    if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(r.Tokens[0].Value))
                    {
                        r.AddError($"{o.Name}: the {(o.HelpName == "DIR" ? "directory" : "file")} name is empty.");
                    }
                });
                break;
        }
    }

    private static string? Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : null;

    /// <summary>Parses an integer option value; null (with an error added) when it is not one or is out of range.</summary>
    internal static int? ParseInt(ArgumentResult result, string option)
    {
        string? text = Token(result);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError($"{option}: '{text}' is not an integer.");
            return null;
        }

        (long min, long max) = option switch
        {
            "--draws" => (0L, MaxDraws),
            "--start-partition" => (0L, int.MaxValue),
            _ => (int.MinValue, int.MaxValue),
        };
        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option}: {text} is out of range; the value must lie between {min} and {max}."));
            return null;
        }

        return (int)value;
    }

    /// <summary>Parses a 64-bit integer option value.</summary>
    internal static long? ParseLong(ArgumentResult result, string option)
    {
        string? text = Token(result);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option}: '{text}' is not an integer between {long.MinValue} and {long.MaxValue}."));
            return null;
        }

        return value;
    }

    /// <summary>Parses a decimal option value: invariant, '.' as the decimal point, no thousands separators, finite, 0 ≤ x ≤ <see cref="MaxDecimal"/>.</summary>
    internal static double? ParseDouble(ArgumentResult result, string option)
    {
        string? text = Token(result);
        if (text is null)
        {
            return null;
        }

        if (text.Contains(',', StringComparison.Ordinal))
        {
            result.AddError($"{option}: '{text}' is not a number; use '.' as the decimal point (e.g. 1.5), without thousands separators.");
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            result.AddError($"{option}: '{text}' is not a finite number (e.g. 1.5).");
            return null;
        }

        double max = option == "--max-utilization" ? 1 : MaxDecimal;
        if (value < 0 || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option}: {text} is out of range; the value must lie between 0 and {max:0}."));
            return null;
        }

        if (value > 0 && value < MinDecimal)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option}: {text} is too small; give 0 or at least {MinDecimal:0.######}."));
            return null;
        }

        return value;
    }
}
