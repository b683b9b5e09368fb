using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Brokersets.Internals;

/// <summary>Small helpers over broker-id lists (spans, immutable arrays) shared by the reassignment types.</summary>
internal static class Ids
{
    public static string Join(ImmutableArray<int> ids) => ids.IsDefault ? string.Empty : Join(ids.AsSpan());

    public static string Join(ReadOnlySpan<int> ids)
    {
        var sb = new StringBuilder(ids.Length * 4);
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public static bool Contains(ReadOnlySpan<int> ids, int id) => ids.IndexOf(id) >= 0;

    /// <summary>How many ids of <paramref name="a"/> are also in <paramref name="b"/> (lists are short: RF).</summary>
    public static int Overlap(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = 0;
        foreach (int id in a)
        {
            if (b.IndexOf(id) >= 0)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The ids of <paramref name="a"/> not in <paramref name="b"/>, in <paramref name="a"/>'s order.</summary>
    public static ImmutableArray<int> Except(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var builder = ImmutableArray.CreateBuilder<int>(a.Length);
        foreach (int id in a)
        {
            if (b.IndexOf(id) < 0)
            {
                builder.Add(id);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The ids of <paramref name="a"/> also in <paramref name="b"/>, in <paramref name="a"/>'s order.</summary>
    public static ImmutableArray<int> Intersect(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var builder = ImmutableArray.CreateBuilder<int>(a.Length);
        foreach (int id in a)
        {
            if (b.IndexOf(id) >= 0)
            {
                builder.Add(id);
            }
        }

        return builder.ToImmutable();
    }

    public static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static void Increment(Dictionary<int, int> counts, int id) =>
        counts[id] = counts.TryGetValue(id, out int c) ? c + 1 : 1;
}
