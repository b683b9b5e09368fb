using System;
using System.Collections.Generic;

namespace Brokersets.Internals;

/// <summary>
/// Repairs a topic's current assignment onto a brokerset with few copies, as an alternative to matching the strategy's
/// layout: replicas outside the brokerset are replaced (by the least-loaded broker of a rack the partition lacks),
/// replica counts within each rack are evened by moving single replicas from the fullest to the emptiest broker of the
/// rack (a partition never changes racks, so rack diversity stays), and leaders are then chosen among each partition's
/// replicas (reordering, no data) to meet per-broker and per-rack leader quotas, by augmenting paths that keep current
/// leaders where they can. The caller checks the result with <see cref="BalanceGuarantees"/>.
/// </summary>
internal static class PlacementRepair
{
    /// <summary>The repaired assignment (same P and RF), or <see langword="null"/> when the repair cannot meet the quotas.</summary>
    public static TopicAssignment? Repair(TopicAssignment current, Brokerset set)
    {
        RackLayout? layout = set.Layout;
        int rf = current.ReplicationFactor;
        if (layout is null || rf > set.Count)
        {
            return null;
        }

        int n = set.Count;
        int partitions = current.PartitionCount;
        int racks = layout.RackCount;
        int[] rows = new int[partitions * rf]; // positions in the brokerset, -1 = vacant
        int[] load = new int[n];
        ReadOnlySpan<int> all = current.AsSpan();
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = set.PositionOf(all[i]);
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

                int at = FindMovable(rows, rf, hi, lo);
                if (at < 0)
                {
                    return null;
                }

                rows[at] = lo;
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
        int[] leaderOf = new int[partitions];
        int[] led = new int[n];
        var byBroker = new List<int>[n];
        for (int b = 0; b < n; b++)
        {
            byBroker[b] = new List<int>();
        }

        for (int p = 0; p < partitions; p++)
        {
            int pos = currentLeaders[p];
            leaderOf[p] = -1;
            if (pos >= 0 && rows[p * rf] == pos && led[pos] < cap[pos])
            {
                leaderOf[p] = pos;
                led[pos]++;
                byBroker[pos].Add(p);
            }
        }

        bool[] visited = new bool[n];
        for (int p = 0; p < partitions; p++)
        {
            if (leaderOf[p] >= 0)
            {
                continue;
            }

            Array.Clear(visited);
            if (!Augment(p, rows, rf, cap, led, leaderOf, byBroker, visited))
            {
                return null;
            }
        }

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
    /// Leaders by a min-cost flow: source → partition (1) → each of its replicas (cost 1 unless it leads the partition
    /// now) → broker's rack → sink, each broker taking ⌊P/n⌋ at a large negative cost (a lower bound) and one more where
    /// P is not a multiple of n, each rack its least allowed total at a large negative cost and up to its most. The flow
    /// of least cost meets every lower bound when any assignment does and then changes the fewest leaders. Returns the
    /// leader position per partition, or <see langword="null"/> when the bounds cannot all be met.
    /// </summary>
    private static int[]? MinCostLeaders(RackLayout layout, int n, int partitions, int[] rows, int rf, int[] currentLeaders)
    {
        int racks = layout.RackCount;
        int lo = partitions / n;
        int extra = partitions % n == 0 ? 0 : 1;
        int nodes = 2 + partitions + n + racks;
        int source = 0;
        int sink = nodes - 1;
        long big = partitions + 1L;
        int arcs = 2 * (partitions + (partitions * rf) + (2 * n) + (2 * racks));
        int[] to = new int[arcs];
        int[] capacity = new int[arcs];
        int[] cost = new int[arcs];
        int[] next = new int[arcs];
        int[] head = new int[nodes];
        int count = 0;
        Array.Fill(head, -1);

        void Arc(int from, int target, int cap, long c)
        {
            to[count] = target;
            capacity[count] = cap;
            cost[count] = (int)c;
            next[count] = head[from];
            head[from] = count++;
            to[count] = from;
            capacity[count] = 0;
            cost[count] = (int)-c;
            next[count] = head[target];
            head[target] = count++;
        }

        int Broker(int b) => 1 + partitions + b;
        int Rack(int r) => 1 + partitions + n + r;
        int[] partitionArc = new int[partitions * rf];
        for (int p = 0; p < partitions; p++)
        {
            Arc(source, 1 + p, 1, 0);
            for (int j = 0; j < rf; j++)
            {
                int b = rows[(p * rf) + j];
                partitionArc[(p * rf) + j] = count;
                Arc(1 + p, Broker(b), 1, b == currentLeaders[p] ? 0 : 1);
            }
        }

        var lowerArcs = new List<(int Arc, int Need)>();
        for (int b = 0; b < n; b++)
        {
            if (lo > 0)
            {
                lowerArcs.Add((count, lo));
                Arc(Broker(b), Rack(layout.RackOf[b]), lo, -big);
            }

            if (extra > 0)
            {
                Arc(Broker(b), Rack(layout.RackOf[b]), extra, 0);
            }
        }

        for (int r = 0; r < racks; r++)
        {
            long share = (long)partitions * layout.RackSize(r);
            int least = -1;
            int most = -1;
            for (int x = 0; x <= partitions; x++)
            {
                if (Math.Abs(((long)x * n) - share) < n)
                {
                    least = least < 0 ? x : least;
                    most = x;
                }
            }

            if (least < 0)
            {
                return null;
            }

            if (least > 0)
            {
                lowerArcs.Add((count, least));
                Arc(Rack(r), sink, least, -big);
            }

            if (most > least)
            {
                Arc(Rack(r), sink, most - least, 0);
            }
        }

        // Successive shortest paths with Dijkstra on reduced costs (Johnson's potentials). The arcs go from lower to
        // higher node numbers (source, partitions, brokers, racks, sink), so one sweep in node order gives the initial
        // potentials; nodes the sweep does not reach are never reached later.
        const long Unreached = long.MaxValue / 4;
        long[] potential = new long[nodes];
        Array.Fill(potential, Unreached);
        potential[source] = 0;
        for (int u = 0; u < nodes; u++)
        {
            for (int a = head[u]; potential[u] < Unreached && a >= 0; a = next[a])
            {
                if (capacity[a] > 0 && potential[u] + cost[a] < potential[to[a]])
                {
                    potential[to[a]] = potential[u] + cost[a];
                }
            }
        }

        long[] dist = new long[nodes];
        int[] via = new int[nodes];
        var heap = new PriorityQueue<int, long>();
        for (int flow = 0; flow < partitions; flow++)
        {
            Array.Fill(dist, Unreached);
            dist[source] = 0;
            heap.Enqueue(source, 0);
            while (heap.TryDequeue(out int u, out long d))
            {
                if (d > dist[u])
                {
                    continue;
                }

                for (int a = head[u]; a >= 0; a = next[a])
                {
                    int v = to[a];
                    if (capacity[a] <= 0 || potential[v] >= Unreached)
                    {
                        continue;
                    }

                    long reduced = d + cost[a] + potential[u] - potential[v];
                    if (reduced < dist[v])
                    {
                        dist[v] = reduced;
                        via[v] = a;
                        heap.Enqueue(v, reduced);
                    }
                }
            }

            if (dist[sink] >= Unreached)
            {
                return null;
            }

            for (int v = 0; v < nodes; v++)
            {
                if (dist[v] < Unreached)
                {
                    potential[v] += dist[v];
                }
            }

            for (int v = sink; v != source; v = to[via[v] ^ 1])
            {
                capacity[via[v]]--;
                capacity[via[v] ^ 1]++;
            }
        }

        foreach (var (arc, need) in lowerArcs)
        {
            if (capacity[arc] != 0 || capacity[arc ^ 1] != need)
            {
                return null;
            }
        }

        int[] leaderOf = new int[partitions];
        for (int p = 0; p < partitions; p++)
        {
            leaderOf[p] = -1;
            for (int j = 0; j < rf; j++)
            {
                if (capacity[partitionArc[(p * rf) + j]] == 0)
                {
                    leaderOf[p] = rows[(p * rf) + j];
                }
            }

            if (leaderOf[p] < 0)
            {
                return null;
            }
        }

        return leaderOf;
    }

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
    /// Gives partition <paramref name="p"/> a leader by the shortest augmenting path (breadth first over brokers): each
    /// step hands one partition's leadership to another of its replicas, and every step is a leader change, so the
    /// shortest path changes the fewest leaders.
    /// </summary>
    private static bool Augment(int p, int[] rows, int rf, int[] cap, int[] led, int[] leaderOf, List<int>[] byBroker, bool[] visited)
    {
        int n = cap.Length;
        var parentBroker = new int[n];
        var parentPartition = new int[n];
        var queue = new Queue<int>();
        ReadOnlySpan<int> row = rows.AsSpan(p * rf, rf);
        foreach (int b in row)
        {
            if (!visited[b])
            {
                visited[b] = true;
                parentBroker[b] = -1;
                parentPartition[b] = p;
                queue.Enqueue(b);
            }
        }

        while (queue.Count > 0)
        {
            int b = queue.Dequeue();
            if (led[b] < cap[b])
            {
                // b takes parentPartition[b]; the broker it came from gives that partition up, and so on back to p.
                int at = b;
                while (at >= 0)
                {
                    int q = parentPartition[at];
                    int from = parentBroker[at];
                    if (from >= 0)
                    {
                        byBroker[from].Remove(q);
                        led[from]--;
                    }

                    Assign(q, at, led, leaderOf, byBroker);
                    at = from;
                }

                return true;
            }

            foreach (int q in byBroker[b])
            {
                foreach (int next in rows.AsSpan(q * rf, rf))
                {
                    if (!visited[next])
                    {
                        visited[next] = true;
                        parentBroker[next] = b;
                        parentPartition[next] = q;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return false;
    }

    private static void Assign(int p, int b, int[] led, int[] leaderOf, List<int>[] byBroker)
    {
        leaderOf[p] = b;
        led[b]++;
        byBroker[b].Add(p);
    }
}
