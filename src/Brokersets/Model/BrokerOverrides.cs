using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Broker overrides: a mapping of broker ids in → ids out, applied to brokersets when hosts are replaced
/// by brokers with new ids (Orion's broker-override file). A brokerset's order is preserved: the new id takes
/// the old id's position, so only the replaced broker's replicas move.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BrokerOverrides
{
    private readonly FrozenDictionary<int, int> _map;

    private BrokerOverrides(ImmutableArray<KeyValuePair<int, int>> pairs)
    {
        Pairs = pairs;
        _map = pairs.ToFrozenDictionary();
    }

    /// <summary>No overrides.</summary>
    public static BrokerOverrides None { get; } = new(ImmutableArray<KeyValuePair<int, int>>.Empty);

    /// <summary>The (in → out) pairs, in the order given.</summary>
    public ImmutableArray<KeyValuePair<int, int>> Pairs { get; }

    /// <summary>How many ids are overridden.</summary>
    public int Count => Pairs.Length;

    /// <summary>Creates overrides from (in → out) pairs.</summary>
    /// <exception cref="ArgumentException">A negative id, an id overridden twice, or two ids overridden onto the same id.</exception>
    public static BrokerOverrides Create(IEnumerable<KeyValuePair<int, int>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ImmutableArray<KeyValuePair<int, int>> list = pairs.ToImmutableArray();
        var ins = new Dictionary<int, int>();
        var outs = new Dictionary<int, int>();
        foreach ((int from, int to) in list)
        {
            if (from < 0 || to < 0)
            {
                ThrowHelper.Argument($"Broker override {from} → {to} has a negative broker id; broker ids are ≥ 0.", nameof(pairs));
            }

            if (!ins.TryAdd(from, to))
            {
                ThrowHelper.Argument($"Broker {from} is overridden twice (→ {ins[from]} and → {to}).", nameof(pairs));
            }

            if (!outs.TryAdd(to, from))
            {
                ThrowHelper.Argument($"Brokers {outs[to]} and {from} are both overridden onto broker {to}.", nameof(pairs));
            }
        }

        return new BrokerOverrides(list);
    }

    /// <summary>
    /// Creates Orion-style overrides: the ids of <paramref name="from"/> are replaced, position by position,
    /// by the ids of <paramref name="to"/> (<c>1-3 → 4-6</c> maps 1→4, 2→5, 3→6).
    /// </summary>
    /// <exception cref="ArgumentException">The ranges differ in length.</exception>
    public static BrokerOverrides FromRanges(BrokerIdRange from, BrokerIdRange to)
    {
        if (from.Count != to.Count)
        {
            ThrowHelper.Argument($"Broker override {from} → {to}: the in-range has {from.Count} ids but the out-range has {to.Count}; they must have the same length.", nameof(to));
        }

        return Create(Enumerable.Range(0, from.Count).Select(i => new KeyValuePair<int, int>(from.First + i, to.First + i)));
    }

    /// <summary>The id that replaces <paramref name="brokerId"/>, or <paramref name="brokerId"/> itself when it is not overridden.</summary>
    public int Map(int brokerId) => _map.TryGetValue(brokerId, out int to) ? to : brokerId;

    /// <summary>Whether <paramref name="brokerId"/> is overridden.</summary>
    public bool Overrides(int brokerId) => _map.ContainsKey(brokerId);

    /// <summary>Renders <c>"1→4, 2→5"</c>.</summary>
    public override string ToString() =>
        Pairs.IsEmpty ? "(no overrides)" : string.Join(", ", Pairs.Select(p => $"{p.Key}→{p.Value}"));
}
