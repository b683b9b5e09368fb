using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets;

/// <summary>
/// A brokerset's rack structure, computed once per brokerset (internal): racks in order of first appearance,
/// each rack's brokers in brokerset order (slot 0, 1, …), and the leader order of one period of n partitions.
/// </summary>
internal sealed class RackLayout
{
    private int[]? _derived;

    private RackLayout(ImmutableArray<string> rackNames, int[] rackOf, int[] slotOf, int[] rackStart, int[] members, int[] leaderOrder)
    {
        RackNames = rackNames;
        RackOf = rackOf;
        SlotOf = slotOf;
        RackStart = rackStart;
        Members = members;
        LeaderOrder = leaderOrder;
        int m = rackStart[1] - rackStart[0];
        bool equal = true;
        for (int r = 1; r < rackNames.Length; r++)
        {
            equal &= rackStart[r + 1] - rackStart[r] == m;
        }

        EqualRacks = equal;
    }

    public ImmutableArray<string> RackNames { get; }

    public int RackCount => RackNames.Length;

    /// <summary>Rack index of each position.</summary>
    public int[] RackOf { get; }

    /// <summary>Slot (index within its rack, in brokerset order) of each position.</summary>
    public int[] SlotOf { get; }

    /// <summary>Rack r's members are Members[RackStart[r] .. RackStart[r+1]).</summary>
    public int[] RackStart { get; }

    /// <summary>Positions grouped by rack, each rack in brokerset order.</summary>
    public int[] Members { get; }

    /// <summary>
    /// Positions of the leaders of partitions 0..n-1 (and, periodically, of every later period). Every broker
    /// appears once; every prefix gives each rack its proportional share within ±1 (see <see cref="BuildLeaderOrder"/>).
    /// </summary>
    public int[] LeaderOrder { get; }

    /// <summary>Whether every rack has the same number of brokers.</summary>
    public bool EqualRacks { get; }

    public int RackSize(int rack) => RackStart[rack + 1] - RackStart[rack];

    public int Member(int rack, int slot) => Members[RackStart[rack] + slot];

    /// <summary>
    /// A table derived from this layout and its brokerset's ids (Kafka's rack-alternated list), built by
    /// <paramref name="build"/> from <paramref name="state"/> on first use and kept: a layout belongs to one brokerset,
    /// whose ids never change. Racing first uses build equal tables and one wins.
    /// </summary>
    public int[] Derived<TState>(TState state, Func<TState, int[]> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_derived is { } table)
        {
            return table;
        }

        int[] built = build(state);
        return System.Threading.Interlocked.CompareExchange(ref _derived, built, null) ?? built;
    }

    public static RackLayout? TryCreate(ImmutableArray<Broker> brokers)
    {
        int n = brokers.Length;
        if (n == 0)
        {
            return null;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = ImmutableArray.CreateBuilder<string>();
        int[] rackOf = new int[n];
        for (int p = 0; p < n; p++)
        {
            string? rack = brokers[p].Rack;
            if (rack is null)
            {
                return null;
            }

            if (!index.TryGetValue(rack, out int r))
            {
                r = names.Count;
                index.Add(rack, r);
                names.Add(rack);
            }

            rackOf[p] = r;
        }

        int racks = names.Count;
        int[] rackStart = new int[racks + 1];
        foreach (int r in rackOf)
        {
            rackStart[r + 1]++;
        }

        for (int r = 0; r < racks; r++)
        {
            rackStart[r + 1] += rackStart[r];
        }

        int[] fill = new int[racks];
        int[] members = new int[n];
        int[] slotOf = new int[n];
        for (int p = 0; p < n; p++)
        {
            int r = rackOf[p];
            slotOf[p] = fill[r];
            members[rackStart[r] + fill[r]++] = p;
        }

        int[] leaderOrder = BuildLeaderOrder(rackStart, members, n);
        return new RackLayout(names.ToImmutable(), rackOf, slotOf, rackStart, members, leaderOrder);
    }

    /// <summary>
    /// Interleaves racks so that every prefix of length t gives rack r between ⌊t·m_r/n⌋ and ⌈t·m_r/n⌉ leaders
    /// (a quota sequence). Rack r's k-th leader (k = 1..m_r) must come at step t with
    /// ⌊(k−1)·n/m_r⌋ + 1 ≤ t ≤ ⌈k·n/m_r⌉; earliest-deadline-first on these unit jobs is optimal, and a
    /// sequence meeting all the windows exists (Tijdeman's theorem on the chairman assignment problem), so EDF
    /// always finds one. Ties go to the lower rack index, which for equal racks gives the plain rotation
    /// 0, 1, …, R−1, 0, 1, …. A rack's k-th leader is its slot k−1, so every broker leads once per period.
    /// </summary>
    private static int[] BuildLeaderOrder(int[] rackStart, int[] members, int n)
    {
        int racks = rackStart.Length - 1;
        int[] used = new int[racks];
        int[] order = new int[n];
        for (int t = 1; t <= n; t++)
        {
            int best = -1;
            long bestDeadline = long.MaxValue;
            for (int r = 0; r < racks; r++)
            {
                int m = rackStart[r + 1] - rackStart[r];
                int k = used[r] + 1;
                if (k > m)
                {
                    continue;
                }

                long release = ((long)(k - 1) * n / m) + 1;
                if (release > t)
                {
                    continue;
                }

                long deadline = (((long)k * n) + m - 1) / m;
                if (deadline < bestDeadline)
                {
                    best = r;
                    bestDeadline = deadline;
                }
            }

            if (best < 0 || bestDeadline < t)
            {
                throw new UnreachableException($"Leader interleaving found no rack for step {t} of {n}.");
            }

            order[t - 1] = members[rackStart[best] + used[best]];
            used[best]++;
        }

        return order;
    }
}
