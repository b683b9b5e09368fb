using System;
using System.Collections.Generic;

namespace Brokersets.Internals;

/// <summary>
/// An exact choice of one option per partition under two levels of count bounds, by a min-cost flow: source →
/// partition (1) → option's node (its cost) → the node's group → sink. Each node takes between its least and most
/// options, each group between its least and most in all. Least counts are met by arcs of a large negative cost (larger
/// than every option cost together), so the flow of least cost meets every least count when any choice does, and then
/// has the least option cost. Used for leaders: nodes are brokers and groups racks (one topic), or nodes are (topic,
/// broker) pairs and groups brokers (leaders summed over a brokerset's topics).
/// </summary>
internal static class BoundedLeaderFlow
{
    /// <summary>
    /// The chosen option per partition (an index into <paramref name="optionNode"/>), or <see langword="null"/> when the
    /// bounds cannot all be met.
    /// </summary>
    /// <param name="partitions">The partitions, each choosing one option.</param>
    /// <param name="optionStart">Partition p's options are <paramref name="optionStart"/>[p] to [p + 1] − 1.</param>
    /// <param name="optionNode">Each option's node.</param>
    /// <param name="optionCost">Each option's cost (non-negative).</param>
    /// <param name="groupOf">Each node's group.</param>
    /// <param name="nodeLeast">Each node's least count.</param>
    /// <param name="nodeMost">Each node's most count.</param>
    /// <param name="groupLeast">Each group's least count.</param>
    /// <param name="groupMost">Each group's most count.</param>
    public static int[]? Solve(int partitions, int[] optionStart, int[] optionNode, long[] optionCost, int[] groupOf, int[] nodeLeast, int[] nodeMost, int[] groupLeast, int[] groupMost)
    {
        int n = groupOf.Length;
        int groups = groupLeast.Length;
        int nodes = 2 + partitions + n + groups;
        int source = 0;
        int sink = nodes - 1;
        long big = 1;
        for (int p = 0; p < partitions; p++)
        {
            long most = 0;
            for (int k = optionStart[p]; k < optionStart[p + 1]; k++)
            {
                most = Math.Max(most, optionCost[k]);
            }

            big += most;
        }

        int options = optionStart[partitions];
        int arcs = 2 * (partitions + options + (2 * n) + (2 * groups));
        int[] to = new int[arcs];
        int[] capacity = new int[arcs];
        long[] cost = new long[arcs];
        int[] next = new int[arcs];
        int[] head = new int[nodes];
        int count = 0;
        Array.Fill(head, -1);

        void Arc(int from, int target, int cap, long c)
        {
            to[count] = target;
            capacity[count] = cap;
            cost[count] = c;
            next[count] = head[from];
            head[from] = count++;
            to[count] = from;
            capacity[count] = 0;
            cost[count] = -c;
            next[count] = head[target];
            head[target] = count++;
        }

        int Node(int b) => 1 + partitions + b;
        int Group(int r) => 1 + partitions + n + r;
        int[] optionArc = new int[options];
        for (int p = 0; p < partitions; p++)
        {
            Arc(source, 1 + p, 1, 0);
            for (int k = optionStart[p]; k < optionStart[p + 1]; k++)
            {
                optionArc[k] = count;
                Arc(1 + p, Node(optionNode[k]), 1, optionCost[k]);
            }
        }

        var lowerArcs = new List<(int Arc, int Need)>();
        for (int b = 0; b < n; b++)
        {
            if (nodeLeast[b] > 0)
            {
                lowerArcs.Add((count, nodeLeast[b]));
                Arc(Node(b), Group(groupOf[b]), nodeLeast[b], -big);
            }

            if (nodeMost[b] > nodeLeast[b])
            {
                Arc(Node(b), Group(groupOf[b]), nodeMost[b] - nodeLeast[b], 0);
            }
        }

        for (int r = 0; r < groups; r++)
        {
            if (groupLeast[r] > 0)
            {
                lowerArcs.Add((count, groupLeast[r]));
                Arc(Group(r), sink, groupLeast[r], -big);
            }

            if (groupMost[r] > groupLeast[r])
            {
                Arc(Group(r), sink, groupMost[r] - groupLeast[r], 0);
            }
        }

        // Successive shortest paths with Dijkstra on reduced costs (Johnson's potentials). The arcs go from lower to
        // higher node numbers (source, partitions, nodes, groups, sink), so one sweep in node order gives the initial
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

        int[] chosen = new int[partitions];
        for (int p = 0; p < partitions; p++)
        {
            chosen[p] = -1;
            for (int k = optionStart[p]; k < optionStart[p + 1]; k++)
            {
                if (capacity[optionArc[k]] == 0)
                {
                    chosen[p] = k;
                }
            }

            if (chosen[p] < 0)
            {
                return null;
            }
        }

        return chosen;
    }
}
