using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// A named, ordered subset of a cluster's brokers to which topics are pinned. The order is the order given
/// (ranges concatenated as written, never sorted): Orion's formula indexes it, and the rack-aware strategy
/// orders each rack's brokers by it.
/// </summary>
/// <remarks>
/// <para>Racks are optional: the Orion strategy ignores them (except for warnings), the rack-aware strategy
/// needs every broker's rack. Add them with <see cref="WithRacks(Cluster)"/>.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class Brokerset
{
    private readonly int[] _ids;
    private readonly Dictionary<int, int> _positionOf;

    private Brokerset(string name, ImmutableArray<Broker> brokers, int partitions, Dictionary<int, int> positionOf)
    {
        Name = name;
        Brokers = brokers;
        Partitions = partitions;
        _ids = brokers.Select(b => b.Id).ToArray();
        BrokerIds = ImmutableArray.Create(_ids);
        _positionOf = positionOf;
        Layout = RackLayout.TryCreate(brokers);
        Racks = Layout?.RackNames ?? brokers.Where(b => b.Rack is not null).Select(b => b.Rack!)
            .Distinct(StringComparer.Ordinal).ToImmutableArray();
        RackIndexOfPosition = Layout?.RackOf ?? brokers.Select(b => b.Rack is null ? -1 : Racks.IndexOf(b.Rack, StringComparer.Ordinal)).ToArray();
    }

    /// <summary>The brokerset's name (Orion's <c>brokersetAlias</c>), e.g. <c>Capacity_B120_P120_0</c>.</summary>
    public string Name { get; }

    /// <summary>The brokers in brokerset order (position 0 first).</summary>
    public ImmutableArray<Broker> Brokers { get; }

    /// <summary>The broker ids in brokerset order.</summary>
    public ImmutableArray<int> BrokerIds { get; }

    /// <summary>How many brokers the brokerset holds (n).</summary>
    public int Count => _ids.Length;

    /// <summary>
    /// The brokerset's default partition count, or 0 when it defines none. When it is set it wins over a topic's
    /// own count (Orion's rule).
    /// </summary>
    public int Partitions { get; }

    /// <summary>The distinct known racks in order of first appearance in the brokerset; rack index = position here.</summary>
    public ImmutableArray<string> Racks { get; }

    /// <summary>Whether every broker's rack is known (the rack-aware strategy requires it).</summary>
    public bool HasAllRacks => Layout is not null;

    /// <summary>Precomputed rack structure; null unless every broker has a rack.</summary>
    internal RackLayout? Layout { get; }

    internal ReadOnlySpan<int> IdSpan => _ids;

    /// <summary>Index into <see cref="Racks"/> of each position's rack, or -1 when unknown.</summary>
    internal int[] RackIndexOfPosition { get; }

    /// <summary>Creates a brokerset from brokers in the order given.</summary>
    /// <param name="name">The brokerset's name; not empty.</param>
    /// <param name="brokers">At least one broker; ids distinct and ≥ 0; racks optional.</param>
    /// <param name="partitions">The default partition count, or 0 for none.</param>
    /// <exception cref="ArgumentException">An empty name or brokerset, a negative or duplicate id, an empty rack name, or a negative partition count; the message names it.</exception>
    public static Brokerset Create(string name, IEnumerable<Broker> brokers, int partitions = 0)
    {
        CheckName(name);
        ImmutableArray<Broker> list = ImmutableArray.Create(ThrowHelper.Elements(brokers, nameof(brokers)));
        CheckSize(name, list.Length, nameof(brokers));
        var positions = new Dictionary<int, int>(list.Length);
        for (int i = 0; i < list.Length; i++)
        {
            Broker b = list[i];
            if (b.Id < 0)
            {
                ThrowHelper.Argument($"Brokerset '{name}': broker id {b.Id} is negative; broker ids are ≥ 0.", nameof(brokers));
            }

            if (b.Rack is not null && string.IsNullOrWhiteSpace(b.Rack))
            {
                ThrowHelper.Argument($"Brokerset '{name}': broker {b.Id} has an empty rack name; leave it null when unknown.", nameof(brokers));
            }

            if (!positions.TryAdd(b.Id, i))
            {
                ThrowHelper.Argument($"Brokerset '{name}': broker {b.Id} is listed twice (positions {positions[b.Id]} and {i}).", nameof(brokers));
            }
        }

        return Finish(name, list, partitions, positions);
    }

    /// <summary>Creates a brokerset from broker ids in the order given (racks unknown).</summary>
    /// <inheritdoc cref="Create(string, IEnumerable{Broker}, int)"/>
    public static Brokerset Create(string name, IEnumerable<int> brokerIds, int partitions = 0)
    {
        return Create(name, ThrowHelper.Elements(brokerIds, nameof(brokerIds)).Select(id => new Broker(id)), partitions);
    }

    /// <summary>
    /// Creates a brokerset from inclusive id ranges (single ids are ranges of one), concatenated in the order
    /// given; ranges need not be contiguous or sorted. Racks are unknown until <see cref="WithRacks(Cluster)"/>.
    /// </summary>
    /// <param name="name">The brokerset's name; not empty.</param>
    /// <param name="ranges">At least one range.</param>
    /// <param name="partitions">The default partition count, or 0 for none.</param>
    /// <exception cref="ArgumentException">No ranges, an id in two ranges (the message names both), or a negative partition count.</exception>
    public static Brokerset FromRanges(string name, IEnumerable<BrokerIdRange> ranges, int partitions = 0)
    {
        CheckName(name);
        BrokerIdRange[] list = ThrowHelper.Elements(ranges, nameof(ranges));
        long total = 0;
        foreach (BrokerIdRange range in list)
        {
            total += range.Count;
        }

        CheckSize(name, total, nameof(ranges));
        var positions = new Dictionary<int, int>();
        var rangeOf = new Dictionary<int, BrokerIdRange>();
        var builder = ImmutableArray.CreateBuilder<Broker>();
        foreach (BrokerIdRange range in list)
        {
            foreach (int id in range.Ids())
            {
                if (!positions.TryAdd(id, builder.Count))
                {
                    BrokerIdRange other = rangeOf[id];
                    ThrowHelper.Argument(other == range
                        ? $"Brokerset '{name}': broker {id} is listed twice (range {range})."
                        : $"Brokerset '{name}': broker {id} is in two ranges ({other} and {range}).", nameof(ranges));
                }

                rangeOf[id] = range;
                builder.Add(new Broker(id));
            }
        }

        return Finish(name, builder.ToImmutable(), partitions, positions);
    }

    /// <summary>Parses <paramref name="ranges"/> such as <c>"1-6,19-24,30"</c>; see <see cref="FromRanges(string, IEnumerable{BrokerIdRange}, int)"/>.</summary>
    /// <exception cref="FormatException">A range is malformed.</exception>
    /// <exception cref="ArgumentException">See <see cref="FromRanges(string, IEnumerable{BrokerIdRange}, int)"/>.</exception>
    public static Brokerset Parse(string name, string ranges, int partitions = 0) =>
        FromRanges(name, BrokerIdRange.ParseList(ranges), partitions);

    /// <summary>The position (0-based index in brokerset order) of <paramref name="brokerId"/>, or -1 when it is not a member.</summary>
    public int PositionOf(int brokerId) => _positionOf.TryGetValue(brokerId, out int p) ? p : -1;

    /// <summary>Whether <paramref name="brokerId"/> is a member.</summary>
    public bool Contains(int brokerId) => _positionOf.ContainsKey(brokerId);

    /// <summary>
    /// Returns this brokerset with each broker's rack taken from <paramref name="cluster"/> (brokers the cluster
    /// does not know keep an unknown rack). The order and ids are unchanged.
    /// </summary>
    public Brokerset WithRacks(Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new Brokerset(Name, Brokers.Select(b => new Broker(b.Id, cluster.RackOf(b.Id) ?? b.Rack)).ToImmutableArray(), Partitions, _positionOf);
    }

    /// <summary>
    /// Returns this brokerset with overridden brokers replaced in place (the new id takes the old id's position;
    /// its rack becomes unknown until <see cref="WithRacks(Cluster)"/>). Overrides of ids that are not members are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">An override maps a member onto an id that stays in the brokerset.</exception>
    public Brokerset WithOverrides(BrokerOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count == 0)
        {
            return this;
        }

        var builder = ImmutableArray.CreateBuilder<Broker>(Count);
        var positions = new Dictionary<int, int>(Count);
        for (int i = 0; i < _ids.Length; i++)
        {
            int from = _ids[i];
            int to = overrides.Map(from);
            if (to != from && _positionOf.ContainsKey(to) && !overrides.Overrides(to))
            {
                ThrowHelper.Argument($"Brokerset '{Name}': override {from} → {to} maps onto broker {to}, which is already in the brokerset.", nameof(overrides));
            }

            positions.Add(to, i);
            builder.Add(to == from ? Brokers[i] : new Broker(to));
        }

        return new Brokerset(Name, builder.MoveToImmutable(), Partitions, positions);
    }

    /// <summary>Returns this brokerset with another default partition count (0 for none).</summary>
    /// <exception cref="ArgumentException"><paramref name="partitions"/> is negative.</exception>
    public Brokerset WithPartitions(int partitions)
    {
        CheckPartitions(Name, partitions);
        return new Brokerset(Name, Brokers, partitions, _positionOf);
    }

    /// <summary>Renders the name, size, ranges and racks: <c>"B6: 6 brokers (1-6), 3 racks, 6 partitions"</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Name).Append(": ").Append(Count).Append(Count == 1 ? " broker (" : " brokers (").Append(DescribeRanges()).Append(')');
        if (!Racks.IsEmpty)
        {
            sb.Append(", ").Append(Racks.Length).Append(Racks.Length == 1 ? " rack" : " racks");
            if (!HasAllRacks)
            {
                sb.Append(" (some unknown)");
            }
        }

        if (Partitions > 0)
        {
            sb.Append(", ").Append(Partitions).Append(" partitions");
        }

        return sb.ToString();
    }

    /// <summary>The ids as compact ranges in brokerset order, e.g. <c>"1-6,19-24"</c>.</summary>
    public string DescribeRanges()
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < _ids.Length)
        {
            int j = i;
            while (j + 1 < _ids.Length && _ids[j + 1] == _ids[j] + 1)
            {
                j++;
            }

            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(new BrokerIdRange(_ids[i], _ids[j]).ToString());
            i = j + 1;
        }

        return sb.ToString();
    }

    private static Brokerset Finish(string name, ImmutableArray<Broker> brokers, int partitions, Dictionary<int, int> positions)
    {
        if (brokers.IsEmpty)
        {
            ThrowHelper.Argument($"Brokerset '{name}' is empty: it needs at least one broker.", nameof(brokers));
        }

        CheckPartitions(name, partitions);
        return new Brokerset(name, brokers, partitions, positions);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            ThrowHelper.Argument("A brokerset needs a name.", nameof(name));
        }
    }

    private static void CheckPartitions(string name, int partitions)
    {
        if (partitions < 0)
        {
            ThrowHelper.Argument($"Brokerset '{name}': partition count {partitions} is negative; use 0 for none.", nameof(partitions));
        }

        if (partitions > InputLimits.MaxPartitionsPerTopic)
        {
            ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Brokerset '{name}': partition count {partitions} exceeds the limit of {InputLimits.MaxPartitionsPerTopic} partitions per topic."), nameof(partitions));
        }
    }

    private static void CheckSize(string name, long brokers, string paramName)
    {
        if (brokers > InputLimits.MaxBrokersPerBrokerset)
        {
            ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Brokerset '{name}' has {brokers} brokers, more than the limit of {InputLimits.MaxBrokersPerBrokerset}."), paramName);
        }
    }
}
