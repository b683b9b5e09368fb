using System;
using System.Collections.Generic;

namespace Brokersets.Internals;

/// <summary>
/// Repairs a topic's current assignment onto a brokerset with few copies, as an alternative to matching the strategy's
/// layout: replicas outside the brokerset are replaced (by a broker of a rack the partition lacks: where the partition
/// is to be led by its new replica, the leader the flow below chose, else the least-loaded), replica counts within each
/// rack are evened by moving single replicas from the fullest to the emptiest broker of the rack (a partition never
/// changes racks, so rack diversity stays), and leaders are then chosen among each partition's replicas (reordering, no
/// data) to meet per-broker and per-rack leader quotas, by a min-cost flow that keeps the most current leaders (by
/// augmenting paths above <see cref="MinCostLeaderLimit"/> partitions). The caller checks the result with
/// <see cref="BalanceGuarantees"/>.
/// </summary>
internal static class PlacementRepair
{
    /// <summary>
    /// The repaired assignment (same P and RF), or <see langword="null"/> when the repair cannot meet the quotas. When
    /// replicas must be replaced (vacancies) and P is at most <see cref="MinCostLeaderLimit"/>, the new replicas' brokers
    /// are chosen with the leaders in mind: a min-cost flow over each partition's surviving replicas and the brokers its
    /// new replica may go to gives the fewest leader changes any such fill allows (ignoring the replica spread, so a
    /// lower bound for repairs that place each new replica in a rack the partition lacks); new replicas the flow makes
    /// leaders go to their leader, the others as before. Three fills are tried (the plain one, the leader-aware one, and
    /// the leader-aware one with new leaders only on a rack's least-loaded brokers); the first that keeps every guarantee
    /// and reaches that bound wins, else the one of those keeping the guarantees that copies least, then changes fewest
    /// leaders.
    /// </summary>
    public static TopicAssignment? Repair(TopicAssignment current, Brokerset set) => Repair(current, set, null);

    /// <summary>
    /// <see cref="Repair(TopicAssignment, Brokerset)"/>, finding the replicas to move within a rack through a
    /// <see cref="ReplicaIndex"/> when <paramref name="indexed"/> is true and by scanning the rows when false; null
    /// chooses (the index above <see cref="ScanLimit"/> partitions). Both find the same replicas, so tests compare them.
    /// </summary>
    public static TopicAssignment? Repair(TopicAssignment current, Brokerset set, bool? indexed)
    {
        RackLayout? layout = set.Layout;
        int rf = current.ReplicationFactor;
        if (layout is null || rf > set.Count)
        {
            return null;
        }

        int n = set.Count;
        int partitions = current.PartitionCount;
        int[] initial = new int[partitions * rf]; // positions in the brokerset, -1 = vacant
        ReadOnlySpan<int> all = current.AsSpan();
        bool vacant = false;
        for (int i = 0; i < initial.Length; i++)
        {
            initial[i] = set.PositionOf(all[i]);
            vacant |= initial[i] < 0;
        }

        bool index = indexed ?? partitions > ScanLimit;
        TopicAssignment? plain = Repair(current, set, layout, initial, null, index);
        if (!vacant || partitions > MinCostLeaderLimit || LeaderAwareFill(layout, n, partitions, rf, initial, restrict: false, out int bound) is not { } leaders)
        {
            return plain;
        }

        TopicAssignment? best = null;
        (int Moved, int Changes) bestScore = (int.MaxValue, int.MaxValue);
        for (int variant = 0; variant < 3; variant++)
        {
            TopicAssignment? candidate = variant switch
            {
                0 => plain,
                1 => Repair(current, set, layout, initial, leaders, index),
                _ => LeaderAwareFill(layout, n, partitions, rf, initial, restrict: true, out _) is { } restricted ? Repair(current, set, layout, initial, restricted, index) : null,
            };

            if (candidate is null || BalanceGuarantees.Violation(candidate, set) is not null)
            {
                continue;
            }

            (int Moved, int Changes) score = Score(current, candidate);
            if (score.Changes <= bound && (best is null || score.Moved <= bestScore.Moved))
            {
                return candidate;
            }

            if (best is null || score.Moved < bestScore.Moved || (score.Moved == bestScore.Moved && score.Changes < bestScore.Changes))
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best ?? plain;
    }

    /// <summary>Replicas copied and leaders changed from <paramref name="current"/> to <paramref name="target"/>.</summary>
    private static (int Moved, int Changes) Score(TopicAssignment current, TopicAssignment target)
    {
        int moved = 0;
        int changes = 0;
        for (int p = 0; p < current.PartitionCount; p++)
        {
            moved += target.ReplicationFactor - Ids.Overlap(target[p], current[p]);
            changes += target[p][0] != current[p][0] ? 1 : 0;
        }

        return (moved, changes);
    }

    /// <summary>
    /// One repair from <paramref name="initial"/> (positions, −1 vacant); <paramref name="newLeaders"/>, when given, pins
    /// per partition the broker (or −1) one vacancy is filled with first; <paramref name="indexed"/>: replicas to move
    /// found through a <see cref="ReplicaIndex"/>, else by scanning.
    /// </summary>
    private static TopicAssignment? Repair(TopicAssignment current, Brokerset set, RackLayout layout, int[] initial, int[]? newLeaders, bool indexed)
    {
        int rf = current.ReplicationFactor;
        int n = set.Count;
        int partitions = current.PartitionCount;
        int racks = layout.RackCount;
        int[] rows = (int[])initial.Clone();
        int[] load = new int[n];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] >= 0)
            {
                load[rows[i]]++;
            }
        }

        int[] currentLeaders = new int[partitions];
        for (int p = 0; p < partitions; p++)
        {
            currentLeaders[p] = rows[p * rf];
        }

        // 0. New replicas the leader-aware fill makes leaders go to their leader.
        for (int p = 0; newLeaders is not null && p < partitions; p++)
        {
            int at = newLeaders[p] >= 0 ? rows.AsSpan(p * rf, rf).IndexOf(-1) : -1;
            if (at >= 0)
            {
                rows[(p * rf) + at] = newLeaders[p];
                load[newLeaders[p]]++;
            }
        }

        // 1. Fill vacancies: a rack the partition lacks (fewest replicas of the partition), then the least-loaded broker.
        int[] inRack = new int[racks];
        for (int p = 0; p < partitions; p++)
        {
            Span<int> row = rows.AsSpan(p * rf, rf);
            for (int j = 0; j < rf; j++)
            {
                if (row[j] >= 0)
                {
                    continue;
                }

                Array.Clear(inRack);
                foreach (int pos in row)
                {
                    if (pos >= 0)
                    {
                        inRack[layout.RackOf[pos]]++;
                    }
                }

                int best = -1;
                for (int pos = 0; pos < n; pos++)
                {
                    if (row.Contains(pos))
                    {
                        continue;
                    }

                    int r = layout.RackOf[pos];
                    int br = best < 0 ? 0 : layout.RackOf[best];
                    if (best < 0 || inRack[r] < inRack[br] || (inRack[r] == inRack[br] && load[pos] < load[best]))
                    {
                        best = pos;
                    }
                }

                if (best < 0)
                {
                    return null;
                }

                row[j] = best;
                load[best]++;
            }
        }

        // 2. Even replica counts within each rack (the guarantee's spread: 1 when n divides P, else RF; aim for 1 when cheap is not needed).
        int allowed = partitions % n == 0 ? 1 : rf;
        ReplicaIndex? index = null;
        for (int r = 0; r < racks; r++)
        {
            for (int guard = 0; guard < rows.Length; guard++)
            {
                int hi = -1;
                int lo = -1;
                for (int k = layout.RackStart[r]; k < layout.RackStart[r + 1]; k++)
                {
                    int pos = layout.Members[k];
                    hi = hi < 0 || load[pos] > load[hi] ? pos : hi;
                    lo = lo < 0 || load[pos] < load[lo] ? pos : lo;
                }

                if (load[hi] - load[lo] <= allowed)
                {
                    break;
                }

                int at = indexed ? (index ??= new ReplicaIndex(rows, rf, n)).Find(hi, lo) : FindMovable(rows, rf, hi, lo);
                if (at < 0)
                {
                    return null;
                }

                rows[at] = lo;
                index?.Moved(at, lo);
                load[hi]--;
                load[lo]++;
            }
        }

        // 3. Leaders: each partition led by one of its replicas, every broker leading ⌊P/n⌋ or ⌈P/n⌉, every rack within
        //    ±1 of its share, keeping as many current leaders as possible (a min-cost flow, exact; up to
        //    MinCostLeaderLimit partitions). Above that, or should it fail: quotas per broker with the extra ones spread
        //    over racks by share, then a capacitated matching by shortest augmenting paths, keeping current leaders first.
        int[]? flowLeaders = partitions <= MinCostLeaderLimit ? MinCostLeaders(layout, n, partitions, rows, rf, currentLeaders) : null;
        if (flowLeaders is not null)
        {
            return Write(current, set, rows, rf, partitions, flowLeaders);
        }

        int[] cap = LeaderQuotas(layout, n, partitions, rows, rf, currentLeaders);
        var matching = new LeaderMatching(rows, rf, cap, partitions);
        for (int p = 0; p < partitions; p++)
        {
            int pos = currentLeaders[p];
            if (pos >= 0 && rows[p * rf] == pos && matching.Led[pos] < cap[pos])
            {
                matching.Assign(p, pos);
            }
        }

        for (int p = 0; p < partitions; p++)
        {
            if (matching.LeaderOf[p] < 0 && !matching.Augment(p))
            {
                return null;
            }
        }

        int[] leaderOf = matching.LeaderOf;
        return Write(current, set, rows, rf, partitions, leaderOf);
    }

    /// <summary>Partitions up to which leaders are chosen by the exact min-cost flow (<see cref="MinCostLeaders"/>).</summary>
    private const int MinCostLeaderLimit = 2000;

    /// <summary>The ids: each partition's chosen leader first, its other replicas in their current order.</summary>
    private static TopicAssignment Write(TopicAssignment current, Brokerset set, int[] rows, int rf, int partitions, int[] leaderOf)
    {
        int[] ids = new int[rows.Length];
        ReadOnlySpan<int> setIds = set.IdSpan;
        for (int p = 0; p < partitions; p++)
        {
            Span<int> row = rows.AsSpan(p * rf, rf);
            int o = p * rf;
            ids[o++] = setIds[leaderOf[p]];
            foreach (int pos in row)
            {
                if (pos != leaderOf[p])
                {
                    ids[o++] = setIds[pos];
                }
            }
        }

        return new TopicAssignment(current.Topic, rf, ids, set, default);
    }

    /// <summary>
    /// Leaders by a min-cost flow (<see cref="LeaderFlow"/>) among each partition's replicas: cost 1 for a replica
    /// that does not lead the partition now, so the fewest leader changes. Returns the leader position per partition,
    /// or <see langword="null"/> when the bounds cannot all be met.
    /// </summary>
    private static int[]? MinCostLeaders(RackLayout layout, int n, int partitions, int[] rows, int rf, int[] currentLeaders)
    {
        int[] start = new int[partitions + 1];
        long[] cost = new long[partitions * rf];
        for (int p = 0; p < partitions; p++)
        {
            start[p + 1] = (p + 1) * rf;
            for (int j = 0; j < rf; j++)
            {
                cost[(p * rf) + j] = rows[(p * rf) + j] == currentLeaders[p] ? 0 : 1;
            }
        }

        if (LeaderFlow(layout, n, partitions, start, rows, cost) is not { } chosen)
        {
            return null;
        }

        int[] leaderOf = new int[partitions];
        for (int p = 0; p < partitions; p++)
        {
            leaderOf[p] = rows[chosen[p]];
        }

        return leaderOf;
    }

    /// <summary>
    /// The leader-aware fill of vacancies: each partition is led by a surviving replica (cost 0 if it leads now, else a
    /// leader change) or, if it has a vacancy, by its new replica on any broker outside it of a rack with the fewest of
    /// its replicas (the brokers step 1 may choose; with <paramref name="restrict"/> only the least-loaded of them per
    /// rack), a leader change plus a small cost growing with the broker's load, so that among the fills with the fewest
    /// leader changes new leaders go where replicas are few. Returns per partition the broker its new replica must go to
    /// (or −1), and in <paramref name="changes"/> the fewest leader changes (the flow ignores the replica spread within
    /// racks, so this bounds every repair that fills each vacancy in a rack the partition lacks).
    /// </summary>
    private static int[]? LeaderAwareFill(RackLayout layout, int n, int partitions, int rf, int[] initial, bool restrict, out int changes)
    {
        changes = 0;
        int[] load = new int[n];
        foreach (int pos in initial)
        {
            if (pos >= 0)
            {
                load[pos]++;
            }
        }

        long weight = 1 + ((long)partitions * (rf + 2)); // a leader change outweighs every load cost together
        var start = new int[partitions + 1];
        var positions = new List<int>();
        var costs = new List<long>();
        var isNew = new List<bool>();
        int racks = layout.RackCount;
        int[] inRack = new int[racks];
        int[] least = new int[racks];
        for (int p = 0; p < partitions; p++)
        {
            ReadOnlySpan<int> row = initial.AsSpan(p * rf, rf);
            foreach (int pos in row)
            {
                if (pos >= 0)
                {
                    positions.Add(pos);
                    costs.Add(pos == row[0] ? 0 : weight);
                    isNew.Add(false);
                }
            }

            if (row.Contains(-1))
            {
                Array.Clear(inRack);
                foreach (int pos in row)
                {
                    if (pos >= 0)
                    {
                        inRack[layout.RackOf[pos]]++;
                    }
                }

                int fewest = int.MaxValue;
                Array.Fill(least, int.MaxValue);
                for (int pos = 0; pos < n; pos++)
                {
                    if (!row.Contains(pos))
                    {
                        int r = layout.RackOf[pos];
                        fewest = Math.Min(fewest, inRack[r]);
                        least[r] = Math.Min(least[r], load[pos]);
                    }
                }

                for (int pos = 0; pos < n; pos++)
                {
                    int r = layout.RackOf[pos];
                    if (!row.Contains(pos) && inRack[r] == fewest && (!restrict || load[pos] == least[r]))
                    {
                        positions.Add(pos);
                        costs.Add(weight + 1 + Math.Min(load[pos] - least[r], rf));
                        isNew.Add(true);
                    }
                }
            }

            start[p + 1] = positions.Count;
        }

        int[] optionPos = positions.ToArray();
        if (LeaderFlow(layout, n, partitions, start, optionPos, costs.ToArray()) is not { } chosen)
        {
            return null;
        }

        int[] newLeaders = new int[partitions];
        for (int p = 0; p < partitions; p++)
        {
            int k = chosen[p];
            newLeaders[p] = isNew[k] ? optionPos[k] : -1;
            changes += costs[k] >= weight ? 1 : 0;
        }

        return newLeaders;
    }

    /// <summary>
    /// Leaders by a min-cost flow (<see cref="BoundedLeaderFlow"/>): each partition picks one of its options
    /// (<paramref name="optionPos"/> from <paramref name="optionStart"/>[p] to <paramref name="optionStart"/>[p + 1], at
    /// <paramref name="optionCost"/>), each broker leading ⌊P/n⌋ or, where P is not a multiple of n, one more, each rack
    /// within ±1 of its share; the least option cost among the choices meeting those bounds. Returns the chosen option
    /// per partition, or <see langword="null"/> when the bounds cannot all be met.
    /// </summary>
    private static int[]? LeaderFlow(RackLayout layout, int n, int partitions, int[] optionStart, int[] optionPos, long[] optionCost)
    {
        int racks = layout.RackCount;
        int lo = partitions / n;
        int hi = lo + (partitions % n == 0 ? 0 : 1);
        int[] brokerLo = new int[n];
        int[] brokerHi = new int[n];
        Array.Fill(brokerLo, lo);
        Array.Fill(brokerHi, hi);
        int[] rackLo = new int[racks];
        int[] rackHi = new int[racks];
        for (int r = 0; r < racks; r++)
        {
            long share = (long)partitions * layout.RackSize(r);
            rackLo[r] = -1;
            for (int x = 0; x <= partitions; x++)
            {
                if (Math.Abs(((long)x * n) - share) < n)
                {
                    rackLo[r] = rackLo[r] < 0 ? x : rackLo[r];
                    rackHi[r] = x;
                }
            }

            if (rackLo[r] < 0)
            {
                return null;
            }
        }

        return BoundedLeaderFlow.Solve(partitions, optionStart, optionPos, optionCost, layout.RackOf, brokerLo, brokerHi, rackLo, rackHi);
    }

    /// <summary>Partitions up to which the replicas to move within a rack are found by scanning the rows (<see cref="FindMovable"/>).</summary>
    private const int ScanLimit = 1000;

    /// <summary>
    /// The first replica, by partition, on broker <paramref name="from"/> that can move to <paramref name="to"/> (its
    /// partition has no replica there): a follower if any, else a leader; −1 when none. O(P) per call, so the moves
    /// that even a rack cost O(P²) together: above <see cref="ScanLimit"/> partitions <see cref="ReplicaIndex"/> finds the same.
    /// </summary>
    private static int FindMovable(int[] rows, int rf, int from, int to)
    {
        int fallback = -1;
        for (int p = 0; p < rows.Length / rf; p++)
        {
            ReadOnlySpan<int> row = rows.AsSpan(p * rf, rf);
            int at = row.IndexOf(from);
            if (at < 0 || row.Contains(to))
            {
                continue;
            }

            if (at > 0)
            {
                return (p * rf) + at; // prefer a follower: the leader stays
            }

            fallback = fallback < 0 ? p * rf : fallback;
        }

        return fallback;
    }

    private static int[] LeaderQuotas(RackLayout layout, int n, int partitions, int[] rows, int rf, int[] currentLeaders)
    {
        int baseQuota = partitions / n;
        int extra = partitions % n;
        int racks = layout.RackCount;
        int[] extraOf = new int[racks];
        long[] remainder = new long[racks];
        int given = 0;
        for (int r = 0; r < racks; r++)
        {
            long exact = (long)extra * layout.RackSize(r);
            extraOf[r] = (int)(exact / n);
            remainder[r] = exact % n;
            given += extraOf[r];
        }

        while (given < extra)
        {
            int best = -1;
            for (int r = 0; r < racks; r++)
            {
                if (extraOf[r] < layout.RackSize(r) && (best < 0 || remainder[r] > remainder[best]))
                {
                    best = r;
                }
            }

            extraOf[best]++;
            remainder[best] = -1;
            given++;
        }

        // Within a rack the extra leaders go to the brokers that lead most now, then to those holding the most
        // partitions whose leader must change (short augmenting paths: fewer elections), ties by position.
        int[] leadsNow = new int[n];
        int[] orphans = new int[n];
        for (int p = 0; p < partitions; p++)
        {
            if (currentLeaders[p] >= 0)
            {
                leadsNow[currentLeaders[p]]++;
                continue;
            }

            for (int j = 0; j < rf; j++)
            {
                orphans[rows[(p * rf) + j]]++;
            }
        }

        int[] cap = new int[n];
        for (int r = 0; r < racks; r++)
        {
            var members = new List<int>();
            for (int k = layout.RackStart[r]; k < layout.RackStart[r + 1]; k++)
            {
                members.Add(layout.Members[k]);
            }

            members.Sort((a, b) => leadsNow[a] != leadsNow[b] ? leadsNow[b].CompareTo(leadsNow[a]) : orphans[a] != orphans[b] ? orphans[b].CompareTo(orphans[a]) : a.CompareTo(b));
            for (int i = 0; i < members.Count; i++)
            {
                cap[members[i]] = baseQuota + (i < extraOf[r] ? 1 : 0);
            }
        }

        return cap;
    }

    /// <summary>
    /// The replicas on each broker, as two min-heaps of partitions per broker: those it follows and those it leads (row
    /// slot 0). An entry is checked when read (the broker may have left that row or that slot, and is then dropped) and
    /// a move pushes the partition onto the receiving broker's heap, so <see cref="Find"/> returns what
    /// <see cref="FindMovable"/> returns, reading the entries before the answer instead of every row.
    /// </summary>
    private sealed class ReplicaIndex
    {
        private readonly int[] _rows;
        private readonly int _rf;
        private readonly PriorityQueue<int, int>[] _follows;
        private readonly PriorityQueue<int, int>[] _leads;
        private readonly List<int> _setAside = new();

        public ReplicaIndex(int[] rows, int rf, int n)
        {
            _rows = rows;
            _rf = rf;
            _follows = new PriorityQueue<int, int>[n];
            _leads = new PriorityQueue<int, int>[n];
            for (int b = 0; b < n; b++)
            {
                _follows[b] = new PriorityQueue<int, int>();
                _leads[b] = new PriorityQueue<int, int>();
            }

            for (int i = 0; i < rows.Length; i++)
            {
                int p = i / rf;
                (i % rf == 0 ? _leads : _follows)[rows[i]].Enqueue(p, p);
            }
        }

        /// <summary>The index in the rows of the replica <see cref="FindMovable"/> finds for the move <paramref name="from"/> → <paramref name="to"/>.</summary>
        public int Find(int from, int to)
        {
            int at = First(_follows[from], from, to, leader: false);
            return at >= 0 ? at : First(_leads[from], from, to, leader: true);
        }

        /// <summary>The replica at <paramref name="at"/> in the rows now sits on broker <paramref name="to"/>.</summary>
        public void Moved(int at, int to)
        {
            int p = at / _rf;
            (at % _rf == 0 ? _leads : _follows)[to].Enqueue(p, p);
        }

        // The smallest partition of the heap still holding `from` in that slot and no replica on `to`; the partitions
        // holding `to` as well are set aside and put back (they may move to another broker later).
        private int First(PriorityQueue<int, int> heap, int from, int to, bool leader)
        {
            int found = -1;
            while (heap.TryPeek(out int p, out _))
            {
                ReadOnlySpan<int> row = _rows.AsSpan(p * _rf, _rf);
                int at = row.IndexOf(from);
                if (at < 0 || (at == 0) != leader)
                {
                    heap.Dequeue();
                }
                else if (row.Contains(to))
                {
                    _setAside.Add(heap.Dequeue());
                }
                else
                {
                    found = (p * _rf) + at;
                    break;
                }
            }

            foreach (int p in _setAside)
            {
                heap.Enqueue(p, p);
            }

            _setAside.Clear();
            return found;
        }
    }

    /// <summary>
    /// Leaders under per-broker caps by shortest augmenting paths (above <see cref="MinCostLeaderLimit"/> partitions):
    /// which broker leads each partition, and the partitions each broker leads in the order it took them.
    /// </summary>
    private sealed class LeaderMatching
    {
        private readonly int[] _rows;
        private readonly int _rf;
        private readonly int[] _cap;

        // The partitions each broker took, in that order, with the stamp of the taking: an entry whose partition has
        // since been taken again (another stamp) is gone, skipped when read and dropped once they outnumber the rest.
        private readonly List<(int Partition, int Stamp)>[] _byBroker;
        private readonly int[] _stamp;
        private readonly int[] _gone;
        private readonly int[] _head; // per broker, its entries before this one are all gone
        private readonly bool[] _visited;
        private readonly int[] _parentBroker;
        private readonly int[] _parentPartition;
        private readonly Queue<int> _queue = new();
        private int _clock;

        public LeaderMatching(int[] rows, int rf, int[] cap, int partitions)
        {
            int n = cap.Length;
            _rows = rows;
            _rf = rf;
            _cap = cap;
            _byBroker = new List<(int Partition, int Stamp)>[n];
            for (int b = 0; b < n; b++)
            {
                _byBroker[b] = new List<(int Partition, int Stamp)>();
            }

            _stamp = new int[partitions];
            _gone = new int[n];
            _head = new int[n];
            _visited = new bool[n];
            _parentBroker = new int[n];
            _parentPartition = new int[n];
            Led = new int[n];
            LeaderOf = new int[partitions];
            Array.Fill(LeaderOf, -1);
        }

        /// <summary>How many partitions each broker (position) leads.</summary>
        public int[] Led { get; }

        /// <summary>Each partition's leader (position), −1 while it has none.</summary>
        public int[] LeaderOf { get; }

        /// <summary>Broker <paramref name="b"/> leads partition <paramref name="p"/> (which has no leader).</summary>
        public void Assign(int p, int b)
        {
            LeaderOf[p] = b;
            Led[b]++;
            _stamp[p] = ++_clock;
            _byBroker[b].Add((p, _clock));
        }

        /// <summary>
        /// Gives partition <paramref name="p"/> a leader by the shortest augmenting path (breadth first over brokers):
        /// each step hands one partition's leadership to another of its replicas, and every step is a leader change, so
        /// the shortest path changes the fewest leaders. The search ends at the first broker found with room (brokers
        /// leave the queue in the order they are found, so it is the one the first dequeued with room would be), and a
        /// broker's partitions are read only until then or until every broker is reached, as no later one could reach
        /// another: a few entries per search instead of a broker's whole list.
        /// </summary>
        public bool Augment(int p)
        {
            int n = _cap.Length;
            int reached = 0;
            Array.Clear(_visited);
            _queue.Clear();
            foreach (int b in _rows.AsSpan(p * _rf, _rf))
            {
                if (!_visited[b])
                {
                    _visited[b] = true;
                    reached++;
                    _parentBroker[b] = -1;
                    _parentPartition[b] = p;
                    if (Led[b] < _cap[b])
                    {
                        TakeAlongPath(b);
                        return true;
                    }

                    _queue.Enqueue(b);
                }
            }

            while (reached < n && _queue.TryDequeue(out int b))
            {
                List<(int Partition, int Stamp)> taken = _byBroker[b];
                while (_head[b] < taken.Count && _stamp[taken[_head[b]].Partition] != taken[_head[b]].Stamp)
                {
                    _head[b]++; // gone for good: the first taken are the first handed on, so they pile up at the front
                }

                for (int k = _head[b]; k < taken.Count; k++)
                {
                    (int q, int stamp) = taken[k];
                    if (_stamp[q] != stamp)
                    {
                        continue;
                    }

                    foreach (int next in _rows.AsSpan(q * _rf, _rf))
                    {
                        if (!_visited[next])
                        {
                            _visited[next] = true;
                            reached++;
                            _parentBroker[next] = b;
                            _parentPartition[next] = q;
                            if (Led[next] < _cap[next])
                            {
                                TakeAlongPath(next);
                                return true;
                            }

                            _queue.Enqueue(next);
                        }
                    }

                    if (reached == n)
                    {
                        break;
                    }
                }
            }

            return false;
        }

        // Broker b takes parentPartition[b]; the broker it came from gives that partition up, and so on back to the start.
        private void TakeAlongPath(int b)
        {
            int at = b;
            while (at >= 0)
            {
                int q = _parentPartition[at];
                int from = _parentBroker[at];
                if (from >= 0)
                {
                    Release(from);
                }

                Assign(q, at);
                at = from;
            }
        }

        // Broker b gives up one of its partitions (about to be taken again, under a new stamp).
        private void Release(int b)
        {
            Led[b]--;
            if (++_gone[b] > Led[b] + 16)
            {
                _byBroker[b].RemoveAll(entry => LeaderOf[entry.Partition] != b || _stamp[entry.Partition] != entry.Stamp);
                _gone[b] = 0;
                _head[b] = 0;
            }
        }
    }
}
