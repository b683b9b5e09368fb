using System;
using System.Buffers;
using System.Diagnostics;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// The rack-aware stride strategy, the library's default. It reads every broker's rack and guarantees, for any
/// rack layout (uneven racks, ids in any order, non-contiguous ranges):
/// every partition has RF distinct brokers in distinct racks (spread as evenly as the racks allow when RF
/// exceeds the rack count); leaders per broker differ by at most 1 and every rack leads its proportional share
/// within ±1 for every partition count; replicas within a rack are balanced; the result is deterministic; and
/// growing a topic leaves its existing partitions unchanged. On equal racks, topics with different strides give
/// each broker distinct failover successors, and R − 1 consecutive strides split a failed rack's leadership
/// equally over the other racks.
/// </summary>
/// <remarks>
/// <para>How it works (see <c>docs/algorithms.md</c>): leaders follow a fixed interleaving of the racks with
/// period n (each broker leads once per period). On equal racks follower j of the leader at period position p is
/// the leader at position p + δ, where δ's rack offset (1 … R−1) cycles with the stride and the round, and its
/// slot offset grows with the stride; each δ is a bijection on brokers. On uneven racks follower racks are
/// chosen lap by lap (every other rack once, then the leader's own rack, …), preferring the rack with the fewest
/// follower replicas per broker so far, and each rack hands out its brokers round-robin.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("rack-aware")]
public sealed class RackAwareStridePlacement : PlacementStrategy
{
    internal RackAwareStridePlacement()
    {
    }

    /// <inheritdoc/>
    public override string Name => "rack-aware";

    private protected override void CheckStrategy(Brokerset brokerset, TopicSpec topic, int partitions)
    {
        if (brokerset.Layout is null)
        {
            for (int p = 0; p < brokerset.Count; p++)
            {
                if (brokerset.Brokers[p].Rack is null)
                {
                    ThrowHelper.Argument(
                        $"Topic '{topic.Topic}': the rack-aware strategy needs every broker's rack, but broker {brokerset.Brokers[p].Id} " +
                        $"(position {p} of brokerset '{brokerset.Name}') has none; add it to the cluster file or use the Orion strategy.",
                        nameof(brokerset));
                }
            }
        }
    }

    private protected override void PlaceCore(Brokerset brokerset, TopicSpec topic, int partitions, Span<int> destination)
    {
        RackLayout layout = brokerset.Layout!;
        if (layout.EqualRacks)
        {
            PlaceEqualRacks(layout, brokerset.IdSpan, partitions, topic.ReplicationFactor, topic.Stride, destination);
        }
        else
        {
            PlaceUnevenRacks(layout, brokerset.IdSpan, partitions, topic.ReplicationFactor, topic.Stride, destination);
        }
    }

    /// <summary>
    /// Equal racks (R racks of m brokers; R = 1 included). The leader order puts rack p mod R, slot ⌊p/R⌋ at period
    /// position p, so position p + δ is in rack (p + δ) mod R: δ ≢ 0 (mod R) reaches another rack, δ ≡ 0 the own rack.
    /// Follower j ≥ 1 walks laps of R: the R − 1 other racks (rack offset o = 1 + ((q + s + c) mod (R − 1)) for the
    /// c-th, slot offset (e + lap) mod m with e = ⌊s/(R − 1)⌋), then the own rack (slot offset
    /// 1 + ((e + lap) mod (m − 1))). Each δ is a shift of the period, hence a bijection on brokers.
    /// </summary>
    private static void PlaceEqualRacks(RackLayout layout, ReadOnlySpan<int> ids, int partitions, int rf, int stride, Span<int> destination)
    {
        int n = ids.Length;
        int racks = layout.RackCount;
        int m = n / racks;
        ReadOnlySpan<int> order = layout.LeaderOrder;

        // δ depends on the round, the stride and the replica index only: compute it once per round.
        int[]? rented = null;
        Span<int> delta = rf <= 256 ? stackalloc int[rf] : (rented = ArrayPool<int>.Shared.Rent(rf)).AsSpan(0, rf);
        int o = 0;
        for (int first = 0, q = 0; first < partitions; first += n, q++)
        {
            FillDeltas(delta, racks, m, q, stride);
            int count = Math.Min(n, partitions - first);
            for (int p = 0; p < count; p++)
            {
                destination[o++] = ids[order[p]];
                for (int j = 1; j < delta.Length; j++)
                {
                    int at = p + delta[j];
                    destination[o++] = ids[order[at >= n ? at - n : at]];
                }
            }
        }

        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }

        static void FillDeltas(Span<int> delta, int racks, int m, int q, int stride)
        {
            int others = racks - 1;
            if (others == 0)
            {
                // one rack: every follower is in the leader's rack, 1 + ((s + j − 1) mod (m − 1)) places on
                int e1 = m > 1 ? stride % (m - 1) : 0;
                for (int j = 1; j < delta.Length; j++)
                {
                    delta[j] = 1 + ((e1 + j - 1) % (m - 1));
                }

                return;
            }

            int rot = ((q % others) + (stride % others)) % others;
            int e = (stride / others) % m;
            for (int j = 1; j < delta.Length; j++)
            {
                int c = (j - 1) % racks;
                int lap = (j - 1) / racks;
                delta[j] = c < others
                    ? 1 + ((rot + c) % others) + (racks * ((e + lap) % m))
                    : racks * (1 + ((e + lap) % (m - 1)));
            }
        }
    }

    /// <summary>
    /// Uneven racks (R ≥ 2). Follower racks come lap by lap: lap ℓ takes every other rack with more than ℓ brokers
    /// (fewest follower replicas per broker first, ties in rotated rack order), then the leader's own rack when it has
    /// more than ℓ + 1 brokers; so rack counts in a partition differ by at most one wherever a rack is not full, and
    /// the own rack's count depends only on the leader's rack. Another rack hands out its brokers round-robin
    /// (a counter per rack, offset by the stride); the own rack takes slot t + 1 + ((e + ℓ) mod (m − 1)) after the
    /// leader's slot t, a bijection. Counters depend only on earlier partitions, so growing a topic leaves its
    /// existing partitions unchanged.
    /// </summary>
    private static void PlaceUnevenRacks(RackLayout layout, ReadOnlySpan<int> ids, int partitions, int rf, int stride, Span<int> destination)
    {
        int n = ids.Length;
        int racks = layout.RackCount;
        int others = racks - 1;
        int[]? rented = null;
        Span<int> scratch = racks <= 128
            ? stackalloc int[2 * racks]
            : (rented = ArrayPool<int>.Shared.Rent(2 * racks)).AsSpan(0, 2 * racks);
        try
        {
            scratch.Clear();
            Span<int> hits = scratch[..racks];
            Span<int> stamp = scratch[racks..];
            int stampValue = 0;
            int strideRot = stride % others;
            int slotShift = stride / others;
            ReadOnlySpan<int> order = layout.LeaderOrder;
            ReadOnlySpan<int> rackOf = layout.RackOf;
            ReadOnlySpan<int> slotOf = layout.SlotOf;
            int o = 0;
            for (int i = 0; i < partitions; i++)
            {
                int q = i / n;
                int leader = order[i - (q * n)];
                int r = rackOf[leader];
                int t = slotOf[leader];
                int mr = layout.RackSize(r);
                destination[o++] = ids[leader];
                int rot = ((q % others) + strideRot) % others;
                int k = 1;
                for (int lap = 0; k < rf; lap++)
                {
                    stampValue++;
                    while (k < rf)
                    {
                        int best = -1;
                        int bestKey = 0;
                        for (int c = 0; c < racks; c++)
                        {
                            if (c == r || stamp[c] == stampValue || layout.RackSize(c) <= lap)
                            {
                                continue;
                            }

                            int key = ((c - r - 1 - rot) % racks + (2 * racks)) % racks;
                            if (best < 0 || Less(hits[c], layout.RackSize(c), key, hits[best], layout.RackSize(best), bestKey))
                            {
                                best = c;
                                bestKey = key;
                            }
                        }

                        if (best < 0)
                        {
                            break; // every other rack with room has had its turn in this lap
                        }

                        stamp[best] = stampValue;
                        int mb = layout.RackSize(best);
                        int slot = (int)((hits[best] + (long)slotShift) % mb);
                        hits[best]++;
                        destination[o++] = ids[layout.Member(best, slot)];
                        k++;
                    }

                    if (k < rf && mr > lap + 1)
                    {
                        int slot = (t + 1 + (int)((slotShift + (long)lap) % (mr - 1))) % mr;
                        destination[o++] = ids[layout.Member(r, slot)];
                        k++;
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether rack a (hits ha, size ma, tie key ka) comes before rack b: fewer follower replicas per broker after one more, then the lower tie key.</summary>
    private static bool Less(int ha, int ma, int ka, int hb, int mb, int kb)
    {
        long left = (ha + 1L) * mb;
        long right = (hb + 1L) * ma;
        return left != right ? left < right : ka < kb;
    }
}
