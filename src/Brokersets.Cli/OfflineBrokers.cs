using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;

namespace Brokersets.Cli;

/// <summary>
/// The <c>--offline IDS</c> option of <c>plan</c> and <c>apply</c> (brokers that are down), and the warnings about the
/// brokers that replace them.
/// </summary>
internal static class OfflineBrokers
{
    /// <summary>Creates the <c>--offline</c> option.</summary>
    public static Option<string> CreateOption(string live = "") => new("--offline")
    {
        Description = "Brokers that are down, comma-separated (e.g. 5 or 5,6): each copy is served by a live in-sync replica, and no throttle or election names them" + live,
        HelpName = "IDS",
    };

    /// <summary>The broker ids of an <c>--offline</c> value (none when <see langword="null"/>).</summary>
    /// <exception cref="UsageException">A value that is not a list of broker ids.</exception>
    public static int[] Parse(string? value)
    {
        if (value is null)
        {
            return [];
        }

        var ids = new List<int>();
        foreach (string part in value.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                throw new UsageException($"--offline '{value}': '{part.Trim()}' is not a broker id; give broker ids separated by commas, e.g. --offline 5 or --offline 5,6.");
            }

            ids.Add(id);
        }

        return ids.Distinct().Order().ToArray();
    }

    /// <summary>
    /// One warning per (offline broker, replacement) pair whose racks differ or are unknown: a partition's k-th new
    /// replica replaces its k-th removed offline replica (current order), so the rack spread it had may be lost.
    /// </summary>
    public static IEnumerable<string> ReplacementWarnings(ReassignmentDiff diff, IReadOnlyCollection<int> offline, Cluster? cluster)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(offline);
        if (offline.Count == 0)
        {
            return [];
        }

        var pairs = new SortedDictionary<(int Dead, int Replacement), List<string>>();
        foreach (PartitionChange change in diff.Changes)
        {
            int[] dead = change.Removed.Where(offline.Contains).ToArray();
            for (int k = 0; k < Math.Min(dead.Length, change.Added.Length); k++)
            {
                string? was = cluster?.RackOf(dead[k]);
                string? now = cluster?.RackOf(change.Added[k]);
                if (was is null || now is null || !string.Equals(was, now, StringComparison.Ordinal))
                {
                    (int, int) key = (dead[k], change.Added[k]);
                    if (!pairs.TryGetValue(key, out List<string>? partitions))
                    {
                        pairs.Add(key, partitions = []);
                    }

                    partitions.Add($"{change.Topic}-{change.Partition.ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }

        return pairs.Select(p =>
        {
            string? was = cluster?.RackOf(p.Key.Dead);
            string? now = cluster?.RackOf(p.Key.Replacement);
            string why = was is null || now is null
                ? $"the rack of {(was is null ? "offline broker " + Str(p.Key.Dead) : "broker " + Str(p.Key.Replacement))} is unknown (give it in --cluster), so the rack spread is not checked"
                : $"it is in rack {now}, offline broker {Str(p.Key.Dead)} was in {was}";
            string list = string.Join(", ", p.Value.Take(5)) + (p.Value.Count > 5 ? $", … ({p.Value.Count.ToString(CultureInfo.InvariantCulture)} partitions)" : string.Empty);
            return $"warning: broker {Str(p.Key.Replacement)} replaces offline broker {Str(p.Key.Dead)} in {list}, but {why}";
        }).ToArray();
    }

    private static string Str(int id) => id.ToString(CultureInfo.InvariantCulture);
}
