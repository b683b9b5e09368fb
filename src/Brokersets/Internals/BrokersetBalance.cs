using System;
using System.Collections.Generic;
using System.Linq;

namespace Brokersets.Internals;

/// <summary>
/// The brokerset-wide improvement pass of minimal-movement targets: after each topic of a brokerset has its per-topic
/// target, replicas (and, separately, leadership) are moved from the most loaded brokers to the least loaded ones,
/// counting every topic of the brokerset, while every per-topic guarantee of algorithms.md §2 keeps holding.
/// </summary>
/// <remarks>
/// <para><b>Replicas.</b> Within each rack, while the rack's most and least loaded brokers (replicas summed over the
/// topics) differ by 2 or more, one replica moves from a broker of the rack to a less loaded one of the same rack
/// (pairs tried most loaded source, least loaded destination first; at least 2 apart). A move is legal when the
/// destination is not already in the partition and, for the replica's topic, the replicas per broker within the rack
/// stay within the topic's allowed spread (1 when P is a multiple of the brokerset's size, else RF) and, when the
/// replica leads, the topic's leaders per broker stay within 1. The rack is unchanged, so rack diversity and the rack
/// leader share are kept. Among the legal moves of a pair the one copying least (a move back to a broker that holds the
/// partition now copies nothing) wins, then one that carries leadership to where it is short, then one of the topic
/// whose own counts on the two brokers differ most (so the topics even out too), then the first in topic, partition
/// order.</para>
/// <para><b>Leaders.</b> Then leadership moves by reordering a partition (its leader swaps places with a follower; no
/// data moves) from a broker with at least 2 more leaders, summed over the topics, to a less loaded one: of the same
/// rack, or of another rack when that neither widens either rack's spread nor takes the topic's leaders per rack
/// outside ±1 of its share; the topic's leaders per broker must stay within 1. When the two brokers of a rack share no
/// partition (RF at most the rack count), leadership goes round through a broker x of another rack: a partition led by
/// the source with follower x is led by x, and one led by x with follower the destination is led by it (x's count is
/// unchanged), when both topics keep their leader guarantees.</para>
/// <para>Each move lowers the sum of squared counts, so the pass ends; it stops when the spreads are at most 1 or no
/// move is legal. It is deterministic. Topics failing the guarantee check before the pass are counted but never
/// touched, and each touched topic is checked again after it (and left as it was should the check fail).</para>
/// </remarks>
internal static class BrokersetBalance
{
    /// <summary>Balances <paramref name="targets"/> (the topics of <paramref name="set"/>) across topics; <paramref name="current"/> (same topics, same partition counts) scores copies and leader changes.</summary>
    /// <param name="targets">The per-topic targets.</param>
    /// <param name="current">The current assignments of the same topics.</param>
    /// <param name="set">The brokerset.</param>
    /// <param name="free">Only moves that copy nothing more and change no more leaders than the targets do (a replica
    /// already being copied goes to another new broker; a leadership already changing goes to another broker, or back to
    /// the current leader).</param>
    public static TopicAssignment[] Balance(IReadOnlyList<TopicAssignment> targets, IReadOnlyList<TopicAssignment> current, Brokerset set, bool free = false)
    {
        var result = targets.ToArray();
        RackLayout? layout = set.Layout;
        if (layout is null || targets.Count == 0)
        {
            return result;
        }

        int n = set.Count;
        int k = targets.Count;
        int racks = layout.RackCount;
        int[][] pos = new int[k][];
        int[] rf = new int[k];
        int[] parts = new int[k];
        bool[] movable = new bool[k];
        int[][] cnt = new int[k][];
        int[][] ld = new int[k][];
        int[][] rackLd = new int[k][];
        int[] g = new int[n];
        int[] gl = new int[n];
        for (int t = 0; t < k; t++)
        {
            TopicAssignment ta = targets[t];
            rf[t] = ta.ReplicationFactor;
            parts[t] = ta.PartitionCount;
            cnt[t] = new int[n];
            ld[t] = new int[n];
            rackLd[t] = new int[racks];
            pos[t] = new int[ta.AsSpan().Length];
            movable[t] = BalanceGuarantees.Violation(ta, set) is null && rf[t] > 0;
            ReadOnlySpan<int> ids = ta.AsSpan();
            for (int i = 0; i < ids.Length; i++)
            {
                int p = set.PositionOf(ids[i]);
                pos[t][i] = p;
                if (p < 0)
                {
                    movable[t] = false;
                    continue;
                }

                cnt[t][p]++;
                g[p]++;
                if (i % rf[t] == 0)
                {
                    ld[t][p]++;
                    gl[p]++;
                    rackLd[t][layout.RackOf[p]]++;
                }
            }
        }

        // at[t][b]: the slots (indexes into pos[t]) that hold broker position b, ascending, so that scanning a broker's
        // replicas costs its replica count instead of the whole topic (same order as a full ascending scan).
        var at = new List<int>[k][];
        for (int t = 0; t < k; t++)
        {
            at[t] = new List<int>[n];
            for (int b = 0; b < n; b++)
            {
                at[t][b] = new List<int>();
            }

            for (int i = 0; i < pos[t].Length; i++)
            {
                if (pos[t][i] >= 0)
                {
                    at[t][pos[t][i]].Add(i);
                }
            }
        }

        bool InCurrent(int t, int partition, int position) => current[t][partition].Contains(set.BrokerIds[position]);

        // How the leader changes (partitions whose first replica differs from now) change when partition's leadership
        // goes from position from to position to: −1, 0 or +1.
        int LeaderImpact(int t, int partition, int from, int to)
        {
            int now = current[t][partition][0];
            return (set.BrokerIds[to] != now ? 1 : 0) - (set.BrokerIds[from] != now ? 1 : 0);
        }

        // fresh[t][b]: replicas of t on b whose partition does not hold b now (a move of one copies nothing more);
        // curOn[t][b]: some partition of t holds b now. They bound the copies of a replica move (TryReplicaMove).
        int[][] fresh = new int[k][];
        bool[][] curOn = new bool[k][];
        for (int t = 0; t < k; t++)
        {
            fresh[t] = new int[n];
            curOn[t] = new bool[n];
            foreach (int id in current[t].AsSpan())
            {
                int p = set.PositionOf(id);
                if (p >= 0)
                {
                    curOn[t][p] = true;
                }
            }

            for (int i = 0; i < pos[t].Length; i++)
            {
                if (pos[t][i] >= 0 && !InCurrent(t, i / rf[t], pos[t][i]))
                {
                    fresh[t][pos[t][i]]++;
                }
            }
        }

        void Relocate(int t, int slot, int from, int to)
        {
            List<int> source = at[t][from];
            source.RemoveAt(source.BinarySearch(slot));
            List<int> target = at[t][to];
            int index = target.BinarySearch(slot);
            target.Insert(~index, slot);
        }

        bool changed = false;
        for (int r = 0; r < racks; r++)
        {
            int[] members = layout.Members[layout.RackStart[r]..layout.RackStart[r + 1]];
            while (TryReplicaMove(members))
            {
                changed = true;
            }
        }

        int[] all = Enumerable.Range(0, n).ToArray();
        int[]? firstLed = null;
        sbyte[]? fromSrc = null;
        sbyte[]? toDst = null;
        sbyte[]? direct = null;
        // First the reorders that add no leader change, then (unless only free moves are allowed) any.
        while (TryLeaderMove(keepLeaders: true))
        {
            changed = true;
        }

        while (!free && TryLeaderMove(keepLeaders: false))
        {
            changed = true;
        }

        if (!changed)
        {
            return result;
        }

        for (int t = 0; t < k; t++)
        {
            if (!movable[t])
            {
                continue;
            }

            int[] ids = pos[t].Select(p => set.BrokerIds[p]).ToArray();
            if (ids.AsSpan().SequenceEqual(targets[t].AsSpan()))
            {
                continue;
            }

            var balanced = new TopicAssignment(targets[t].Topic, rf[t], ids, targets[t].Brokerset, targets[t].Warnings);
            if (BalanceGuarantees.Violation(balanced, set) is null)
            {
                result[t] = balanced;
            }
        }

        return result;

        bool TryReplicaMove(int[] members)
        {
            int[] sources = members.OrderByDescending(b => g[b]).ThenBy(b => b).ToArray();
            int[] destinations = members.OrderBy(b => g[b]).ThenBy(b => b).ToArray();
            foreach (int src in sources)
            {
                if (g[src] - g[destinations[0]] < 2)
                {
                    return false;
                }

                foreach (int dst in destinations)
                {
                    if (g[src] - g[dst] < 2)
                    {
                        break;
                    }

                    int bestT = -1;
                    int bestI = -1;
                    long bestScore = long.MaxValue;
                    int pairPenalty = gl[src] - gl[dst] >= 2 ? 0 : gl[src] - gl[dst] == 1 ? 1 : 2;
                    for (int t = 0; t < k; t++)
                    {
                        if (!movable[t] || cnt[t][src] == 0)
                        {
                            continue;
                        }

                        // No move of t scores below this (its copies are at least "some replica of t on src is not
                        // current there" ? 0 : 1, less 1 when dst holds a current replica of t); only a strictly lower
                        // score replaces the best, so t cannot win when this is not below it.
                        int leastCopies = (fresh[t][src] > 0 ? 0 : 1) - (curOn[t][dst] ? 1 : 0);
                        int leastPenalty = ld[t][src] > 0 ? Math.Min(1, pairPenalty) : 1;
                        long least = ((((leastCopies + 1) * 4) + leastPenalty) * 2 * (long)int.MaxValue) - (cnt[t][src] - cnt[t][dst]);
                        if (least >= bestScore || !ReplicaSpreadOk(t, members, src, dst))
                        {
                            continue;
                        }

                        int[] row = pos[t];
                        foreach (int i in at[t][src])
                        {
                            int partition = i / rf[t];
                            int start = partition * rf[t];
                            if (Array.IndexOf(row, dst, start, rf[t]) >= 0)
                            {
                                continue;
                            }

                            bool leads = i == start;
                            if (leads && !LeaderSpreadOk(t, src, dst))
                            {
                                continue;
                            }

                            int copies = (InCurrent(t, partition, src) ? 1 : 0) - (InCurrent(t, partition, dst) ? 1 : 0);
                            int impact = leads ? LeaderImpact(t, partition, src, dst) : 0;
                            if (free && (copies > 0 || impact > 0))
                            {
                                continue;
                            }

                            int leaderPenalty = !leads ? 1 : pairPenalty;
                            // A move that adds a leader change ranks after one that does not, among equal copies and leader penalty.
                            long score = ((((((copies + 1) * 4) + leaderPenalty) * 2) + (impact > 0 ? 1 : 0)) * (long)int.MaxValue) - (cnt[t][src] - cnt[t][dst]);
                            if (score < bestScore)
                            {
                                (bestT, bestI, bestScore) = (t, i, score);
                                if (score == least)
                                {
                                    break; // no later slot of t scores lower
                                }
                            }
                        }
                    }

                    if (bestT >= 0)
                    {
                        int moved = bestI / rf[bestT];
                        fresh[bestT][src] -= InCurrent(bestT, moved, src) ? 0 : 1;
                        fresh[bestT][dst] += InCurrent(bestT, moved, dst) ? 0 : 1;
                        pos[bestT][bestI] = dst;
                        Relocate(bestT, bestI, src, dst);
                        cnt[bestT][src]--;
                        cnt[bestT][dst]++;
                        g[src]--;
                        g[dst]++;
                        if (bestI % rf[bestT] == 0)
                        {
                            ld[bestT][src]--;
                            ld[bestT][dst]++;
                            gl[src]--;
                            gl[dst]++;
                        }

                        return true;
                    }
                }
            }

            return false;
        }

        // keepLeaders: only reorders that do not add a leader change (see LeaderImpact); chains are tried only without it.
        bool TryLeaderMove(bool keepLeaders)
        {
            int[] sources = all.OrderByDescending(b => gl[b]).ThenBy(b => b).ToArray();
            int[] destinations = all.OrderBy(b => gl[b]).ThenBy(b => b).ToArray();
            foreach (int src in sources)
            {
                if (gl[src] - gl[destinations[0]] < 2)
                {
                    return false;
                }

                foreach (int dst in destinations)
                {
                    if (gl[src] - gl[dst] < 2)
                    {
                        break;
                    }

                    int rs = layout.RackOf[src];
                    int rd = layout.RackOf[dst];
                    if (rs != rd && (gl[src] <= RackLeaders(rs, min: true) || gl[dst] >= RackLeaders(rd, min: false)))
                    {
                        continue;
                    }

                    for (int t = 0; t < k; t++)
                    {
                        if (!movable[t] || ld[t][src] == 0 || !LeaderSpreadOk(t, src, dst) || (rs != rd && !RackShareOk(t, rs, rd)))
                        {
                            continue;
                        }

                        int[] row = pos[t];
                        foreach (int start in at[t][src])
                        {
                            if (start % rf[t] != 0)
                            {
                                continue;
                            }

                            int j = Array.IndexOf(row, dst, start + 1, rf[t] - 1);
                            if (j < 0 || (keepLeaders && LeaderImpact(t, start / rf[t], src, dst) > 0))
                            {
                                continue;
                            }

                            (row[start], row[j]) = (row[j], row[start]);
                            Relocate(t, start, src, dst);
                            Relocate(t, j, dst, src);
                            ld[t][src]--;
                            ld[t][dst]++;
                            rackLd[t][rs]--;
                            rackLd[t][rd]++;
                            gl[src]--;
                            gl[dst]++;
                            return true;
                        }
                    }

                    if (!keepLeaders && rs == rd && TryLeaderChain(src, dst))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // Two reorders through a broker x of another rack: a partition led by src with follower x hands leadership to
        // x, and a partition led by x with follower dst hands it to dst; x's count (and its rack's) is unchanged.
        // Candidates are met in (topic t, partition, follower x; then topic t2, partition of t2 led by x with follower
        // dst) order and the first whose two topics keep their leader guarantees wins. Nothing changes until then, so
        // whether a candidate passes depends only on (t, x, t2), worked out once per search: for t ≠ t2 it is "t keeps
        // its guarantees with one leader moved src → x" and "t2 keeps them with one moved x → dst"; for t = t2 it is "t
        // keeps them with one moved src → dst" (x's count and, src and dst sharing a rack, every rack's unchanged). So
        // of each (x, t2) only its first partition can win.
        bool TryLeaderChain(int src, int dst)
        {
            firstLed ??= new int[n * k];
            fromSrc ??= new sbyte[k * n];
            toDst ??= new sbyte[k * n];
            direct ??= new sbyte[k];
            Array.Fill(firstLed, -1);
            Array.Clear(fromSrc);
            Array.Clear(toDst);
            Array.Clear(direct);

            // firstLed[x * k + t2]: the slot of dst in the first partition of t2 led by x with dst as a follower.
            bool any = false;
            for (int t2 = 0; t2 < k; t2++)
            {
                if (!movable[t2])
                {
                    continue;
                }

                foreach (int slot in at[t2][dst])
                {
                    int start2 = slot - (slot % rf[t2]);
                    if (start2 == slot)
                    {
                        continue; // dst leads here
                    }

                    int index = (pos[t2][start2] * k) + t2;
                    if (firstLed[index] < 0)
                    {
                        firstLed[index] = slot;
                        any = true;
                    }
                }
            }

            if (!any)
            {
                return false;
            }

            for (int t = 0; t < k; t++)
            {
                if (!movable[t] || ld[t][src] == 0)
                {
                    continue;
                }

                int[] row = pos[t];
                foreach (int start in at[t][src])
                {
                    if (start % rf[t] != 0)
                    {
                        continue;
                    }

                    for (int j = start + 1; j < start + rf[t]; j++)
                    {
                        int x = row[j];
                        if (x == dst)
                        {
                            continue;
                        }

                        int t2 = -1;
                        if (Passes(fromSrc, (t * n) + x, t, src, x))
                        {
                            for (int u = 0; u < k; u++)
                            {
                                if (firstLed[(x * k) + u] >= 0 && (u == t ? Passes(direct, t, t, src, dst) : Passes(toDst, (u * n) + x, u, x, dst)))
                                {
                                    t2 = u;
                                    break;
                                }
                            }
                        }
                        else if (firstLed[(x * k) + t] >= 0 && Passes(direct, t, t, src, dst))
                        {
                            t2 = t;
                        }

                        if (t2 < 0)
                        {
                            continue;
                        }

                        int j2 = firstLed[(x * k) + t2];
                        int start2 = j2 - (j2 % rf[t2]);
                        int[] row2 = pos[t2];
                        ShiftLeader(t, src, x);
                        ShiftLeader(t2, x, dst);
                        (row[start], row[j]) = (row[j], row[start]);
                        (row2[start2], row2[j2]) = (row2[j2], row2[start2]);
                        Relocate(t, start, src, x);
                        Relocate(t, j, x, src);
                        Relocate(t2, start2, x, dst);
                        Relocate(t2, j2, dst, x);
                        gl[src]--;
                        gl[dst]++;
                        return true;
                    }
                }
            }

            return false;
        }

        // Whether the topic keeps its leader guarantees with one leader moved from → to, memoised in memo[index] for
        // the current search: 0 not yet known, 1 yes, -1 no.
        bool Passes(sbyte[] memo, int index, int topic, int from, int to)
        {
            if (memo[index] == 0)
            {
                ShiftLeader(topic, from, to);
                memo[index] = TopicLeadersOk(topic) ? (sbyte)1 : (sbyte)-1;
                ShiftLeader(topic, to, from);
            }

            return memo[index] > 0;
        }

        void ShiftLeader(int t, int from, int to)
        {
            ld[t][from]--;
            ld[t][to]++;
            rackLd[t][layout.RackOf[from]]--;
            rackLd[t][layout.RackOf[to]]++;
        }

        bool TopicLeadersOk(int t)
        {
            int max = int.MinValue;
            int min = int.MaxValue;
            foreach (int c in ld[t])
            {
                max = Math.Max(max, c);
                min = Math.Min(min, c);
            }

            if (max - min > 1)
            {
                return false;
            }

            for (int r = 0; r < racks; r++)
            {
                if (Math.Abs(((long)rackLd[t][r] * n) - ((long)parts[t] * layout.RackSize(r))) >= n)
                {
                    return false;
                }
            }

            return true;
        }

        int RackLeaders(int rack, bool min)
        {
            int best = min ? int.MaxValue : int.MinValue;
            for (int i = layout.RackStart[rack]; i < layout.RackStart[rack + 1]; i++)
            {
                int c = gl[layout.Members[i]];
                best = min ? Math.Min(best, c) : Math.Max(best, c);
            }

            return best;
        }

        bool ReplicaSpreadOk(int t, int[] members, int src, int dst)
        {
            int allowed = parts[t] % n == 0 ? 1 : rf[t];
            int max = int.MinValue;
            int min = int.MaxValue;
            foreach (int b in members)
            {
                int c = cnt[t][b] - (b == src ? 1 : 0) + (b == dst ? 1 : 0);
                max = Math.Max(max, c);
                min = Math.Min(min, c);
            }

            return max - min <= allowed;
        }

        bool LeaderSpreadOk(int t, int src, int dst)
        {
            int max = int.MinValue;
            int min = int.MaxValue;
            for (int b = 0; b < n; b++)
            {
                int c = ld[t][b] - (b == src ? 1 : 0) + (b == dst ? 1 : 0);
                max = Math.Max(max, c);
                min = Math.Min(min, c);
            }

            return max - min <= 1;
        }

        bool RackShareOk(int t, int rs, int rd)
        {
            long from = ((long)(rackLd[t][rs] - 1) * n) - ((long)parts[t] * layout.RackSize(rs));
            long to = ((long)(rackLd[t][rd] + 1) * n) - ((long)parts[t] * layout.RackSize(rd));
            return Math.Abs(from) < n && Math.Abs(to) < n;
        }
    }

    /// <summary>
    /// Spreads failover over successors without moving data or leaders: in partitions whose list changes anyway (it
    /// differs from <paramref name="current"/>), the first follower (who inherits the leadership when the leader fails)
    /// swaps places with another follower when that lowers the leader's largest gain to one successor: while some
    /// (leader a, successor s) pair counted over all <paramref name="targets"/> has a partition led by a with first
    /// follower s and another follower t where a's gain to t plus 1 is below its gain to s, the two swap (each swap
    /// lowers the sum of squared gains, so it ends). Deterministic; topic, partition, follower order.
    /// </summary>
    public static TopicAssignment[] SpreadFailover(IReadOnlyList<TopicAssignment> targets, IReadOnlyList<TopicAssignment> current)
    {
        var result = targets.ToArray();
        var gain = new Dictionary<(int Leader, int Successor), int>();
        int[]?[] rows = new int[targets.Count][];
        for (int t = 0; t < targets.Count; t++)
        {
            ReadOnlySpan<int> ids = targets[t].AsSpan();
            int rf = targets[t].ReplicationFactor;
            for (int p = 0; rf >= 2 && p < targets[t].PartitionCount; p++)
            {
                var key = (ids[p * rf], ids[(p * rf) + 1]);
                gain[key] = gain.GetValueOrDefault(key) + 1;
            }
        }

        bool[] changed = new bool[targets.Count];
        bool any = true;
        while (any)
        {
            any = false;
            for (int t = 0; t < targets.Count; t++)
            {
                int rf = targets[t].ReplicationFactor;
                for (int p = 0; rf >= 3 && p < targets[t].PartitionCount; p++)
                {
                    int o = p * rf;
                    if (current[t][p].SequenceEqual(targets[t][p]))
                    {
                        continue;
                    }

                    ReadOnlySpan<int> row = rows[t] is { } copy ? copy : targets[t].AsSpan();
                    int a = row[o];
                    int s = row[o + 1];
                    for (int j = o + 2; j < o + rf; j++)
                    {
                        int f = row[j];
                        if (gain.GetValueOrDefault((a, f)) + 1 < gain[(a, s)])
                        {
                            gain[(a, s)]--;
                            gain[(a, f)] = gain.GetValueOrDefault((a, f)) + 1;
                            int[] w = rows[t] ??= targets[t].AsSpan().ToArray();
                            (w[o + 1], w[j]) = (f, s);
                            changed[t] = any = true;
                            break;
                        }
                    }
                }
            }
        }

        for (int t = 0; t < targets.Count; t++)
        {
            if (changed[t])
            {
                result[t] = new TopicAssignment(targets[t].Topic, targets[t].ReplicationFactor, rows[t]!, targets[t].Brokerset, targets[t].Warnings);
            }
        }

        return result;
    }

    /// <summary>
    /// The brokerset-wide part of the lower bound: for each rack whose replica total T_r is the same for every target
    /// keeping rack diversity (every topic's RF a multiple of the rack count R, every rack holding at least RF/R
    /// brokers) and where <paramref name="targets"/> reaches a spread of at most 1, every broker b of the rack must end
    /// with at least ⌊T_r / m_r⌋ replicas and can keep at most c_b (its replicas of these topics now), so it must receive
    /// max(0, ⌊T_r / m_r⌋ − c_b) copies; the sum over such brokers (for brokers new to the brokerset, c_b = 0).
    /// </summary>
    public static int SpreadBound(IReadOnlyList<TopicAssignment> targets, IReadOnlyList<TopicAssignment> current, Brokerset set)
    {
        RackLayout? layout = set.Layout;
        if (layout is null)
        {
            return 0;
        }

        int racks = layout.RackCount;
        for (int r = 0; r < racks; r++)
        {
            foreach (TopicAssignment t in targets)
            {
                if (t.ReplicationFactor % racks != 0 || layout.RackSize(r) < t.ReplicationFactor / racks)
                {
                    return 0;
                }
            }
        }

        int[] g = Counts(targets, set);
        int[] c = Counts(current, set);
        int bound = 0;
        for (int r = 0; r < racks; r++)
        {
            int m = layout.RackSize(r);
            long total = 0;
            int max = int.MinValue;
            int min = int.MaxValue;
            for (int i = layout.RackStart[r]; i < layout.RackStart[r + 1]; i++)
            {
                int b = layout.Members[i];
                total += g[b];
                max = Math.Max(max, g[b]);
                min = Math.Min(min, g[b]);
            }

            if (max - min > 1)
            {
                continue;
            }

            long floor = total / m;
            for (int i = layout.RackStart[r]; i < layout.RackStart[r + 1]; i++)
            {
                bound += (int)Math.Max(0, floor - c[layout.Members[i]]);
            }
        }

        return bound;
    }

    /// <summary>Replicas per broker position of <paramref name="set"/>, summed over <paramref name="topics"/>.</summary>
    public static int[] Counts(IEnumerable<TopicAssignment> topics, Brokerset set)
    {
        int[] counts = new int[set.Count];
        foreach (TopicAssignment t in topics)
        {
            foreach (int id in t.AsSpan())
            {
                int p = set.PositionOf(id);
                if (p >= 0)
                {
                    counts[p]++;
                }
            }
        }

        return counts;
    }
}
