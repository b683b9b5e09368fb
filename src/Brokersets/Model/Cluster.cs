using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// The brokers of one Kafka cluster with their racks (availability zones): where racks come from when a
/// brokerset is written as id ranges.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("Cluster: {Brokers.Length} brokers, {Racks.Length} racks")]
public sealed class Cluster
{
    private readonly FrozenDictionary<int, Broker> _byId;

    private Cluster(ImmutableArray<Broker> brokers, FrozenDictionary<int, Broker> byId)
    {
        Brokers = brokers;
        _byId = byId;
        Racks = brokers.Where(b => b.Rack is not null).Select(b => b.Rack!).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>The brokers, in the order given.</summary>
    public ImmutableArray<Broker> Brokers { get; }

    /// <summary>The distinct known racks, in ordinal order.</summary>
    public ImmutableArray<string> Racks { get; }

    /// <summary>Creates a cluster from its brokers.</summary>
    /// <param name="brokers">Brokers with distinct, non-negative ids; racks may be unknown (<see langword="null"/>) but not empty.</param>
    /// <exception cref="ArgumentException">A negative or duplicate id, or an empty rack name; the message names the broker.</exception>
    public static Cluster Create(IEnumerable<Broker> brokers)
    {
        ImmutableArray<Broker> list = ImmutableArray.Create(ThrowHelper.Elements(brokers, nameof(brokers)));
        var byId = new Dictionary<int, Broker>(list.Length);
        foreach (Broker b in list)
        {
            if (b.Id < 0)
            {
                ThrowHelper.Argument($"Cluster: broker id {b.Id} is negative; broker ids are ≥ 0.", nameof(brokers));
            }

            if (b.Rack is { Length: 0 } || (b.Rack is not null && string.IsNullOrWhiteSpace(b.Rack)))
            {
                ThrowHelper.Argument($"Cluster: broker {b.Id} has an empty rack name; leave the rack out (null) when it is unknown.", nameof(brokers));
            }

            if (!byId.TryAdd(b.Id, b))
            {
                ThrowHelper.Argument($"Cluster: broker {b.Id} is listed twice.", nameof(brokers));
            }
        }

        return new Cluster(list, byId.ToFrozenDictionary());
    }

    /// <summary>Whether the cluster has a broker with this id.</summary>
    public bool Contains(int brokerId) => _byId.ContainsKey(brokerId);

    /// <summary>The rack of broker <paramref name="brokerId"/>, or <see langword="null"/> when the broker is unknown or has no rack.</summary>
    public string? RackOf(int brokerId) => _byId.TryGetValue(brokerId, out Broker b) ? b.Rack : null;

    /// <summary>Renders one line per rack with its broker ids.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Cluster: ").Append(Brokers.Length).Append(" brokers, ").Append(Racks.Length).Append(" racks\n");
        var table = new TextTable("rack", "brokers");
        foreach (IGrouping<string, Broker> g in Brokers.GroupBy(b => b.Rack ?? "(unknown)").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.Add(g.Key, string.Join(",", g.Select(b => b.Id)));
        }

        table.AppendTo(sb, "  ");
        return sb.ToString();
    }
}
