using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// An inclusive range of broker ids, such as <c>1-6</c>; a single id is a range of one (<c>7</c> = <c>7-7</c>).
/// Brokersets are written as one or more ranges, concatenated in the order given.
/// </summary>
/// <remarks>
/// <para><c>default(BrokerIdRange)</c> is the range <c>0-0</c>: broker 0 alone.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct BrokerIdRange
{
    /// <summary>Creates the inclusive range <paramref name="first"/>..<paramref name="last"/>.</summary>
    /// <param name="first">The first broker id (≥ 0).</param>
    /// <param name="last">The last broker id (≥ <paramref name="first"/>).</param>
    /// <exception cref="ArgumentException">An id is negative, the range is reversed, or it holds more than <see cref="InputLimits.MaxBrokersPerBrokerset"/> ids.</exception>
    public BrokerIdRange(int first, int last)
    {
        if (first < 0 || last < 0)
        {
            ThrowHelper.Argument($"Broker id range {first}-{last} has a negative broker id; broker ids are ≥ 0.", first < 0 ? nameof(first) : nameof(last));
        }

        if (first > last)
        {
            ThrowHelper.Argument($"Broker id range {first}-{last} is reversed: the first id must not exceed the last.", nameof(first));
        }

        if ((long)last - first + 1 > InputLimits.MaxBrokersPerBrokerset)
        {
            ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture,
                $"Broker id range {first}-{last} holds {(long)last - first + 1} ids, more than the {InputLimits.MaxBrokersPerBrokerset} a brokerset may hold."), nameof(last));
        }

        First = first;
        Last = last;
    }

    /// <summary>Creates the range holding the single broker id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is negative.</exception>
    public static BrokerIdRange Of(int id) => new(id, id);

    /// <summary>The first broker id of the range.</summary>
    public int First { get; }

    /// <summary>The last broker id of the range (inclusive).</summary>
    public int Last { get; }

    /// <summary>How many broker ids the range holds.</summary>
    public int Count => Last - First + 1;

    /// <summary>Whether <paramref name="brokerId"/> lies in the range.</summary>
    public bool Contains(int brokerId) => brokerId >= First && brokerId <= Last;

    /// <summary>Parses <c>"1-6"</c> or <c>"7"</c>.</summary>
    /// <exception cref="FormatException">The text is not a range.</exception>
    /// <exception cref="ArgumentException">The range is reversed or has a negative id.</exception>
    public static BrokerIdRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        int dash = s.Length > 1 ? s[1..].IndexOf('-') : -1; // a leading '-' is a sign, handled by int.TryParse
        dash = dash < 0 ? -1 : dash + 1;
        if (dash < 0)
        {
            return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id)
                ? Of(id)
                : throw new FormatException($"'{text}' is not a broker id or an id range such as '1-6'.");
        }

        if (int.TryParse(s[..dash].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int first) &&
            int.TryParse(s[(dash + 1)..].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int last))
        {
            return new BrokerIdRange(first, last);
        }

        throw new FormatException($"'{text}' is not a broker id or an id range such as '1-6'.");
    }

    /// <summary>Parses a comma-separated list such as <c>"1-6,19-24,30"</c>, keeping the order given.</summary>
    /// <exception cref="FormatException">An element is not a range.</exception>
    /// <exception cref="ArgumentException">A range is reversed or has a negative id.</exception>
    public static ImmutableArray<BrokerIdRange> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = ImmutableArray.CreateBuilder<BrokerIdRange>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Add(Parse(part));
        }

        return builder.ToImmutable();
    }

    /// <summary>Enumerates the ids of the range in ascending order.</summary>
    public IEnumerable<int> Ids()
    {
        for (int id = First; id <= Last; id++)
        {
            yield return id;
            if (id == int.MaxValue)
            {
                yield break;
            }
        }
    }

    /// <summary>Renders <c>"1-6"</c>, or <c>"7"</c> for a single id.</summary>
    public override string ToString() =>
        First == Last ? First.ToString(CultureInfo.InvariantCulture) : $"{First}-{Last}";
}
