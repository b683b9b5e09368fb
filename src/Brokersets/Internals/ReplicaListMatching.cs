using System;
using System.Collections.Generic;
using System.Globalization;

namespace Brokersets.Internals;

/// <summary>
/// Matches partitions to the replica lists of an ideal layout so that as many current replicas as possible stay
/// (an assignment problem). The weight of giving partition p list r (see <see cref="Weight"/>) counts kept replicas
/// first; keeping the leader, then each replica's index, only breaks ties.
/// </summary>
/// <remarks>
/// <para>A layout's lists repeat (with period n, or n·(R − 1) for the rack-aware strategy's rotating rack offset), and
/// so, mostly, do the current lists: partitions with identical current lists are interchangeable, and so are identical
/// ideal lists. So the partitions are grouped into C classes of identical current lists (supply: how many partitions)
/// and the ideal lists into D classes (demand), found by sorting (P·log P; a primitive sort of the lists packed
/// into 64-bit keys when the ids fit), and the problem becomes a transportation
/// problem between the classes, whose optimum equals the assignment problem's (an optimal assignment gives a
/// transportation of the same weight by counting, and a transportation is expanded back into an assignment of the same
/// weight by handing each class's partitions, in partition order, the lists of the classes it ships to).</para>
/// <para>The transportation is solved exactly by successive shortest paths with potentials (Dijkstra on reduced costs,
/// costs <c>max − weight</c>) on a sparse graph: an edge per pair of classes sharing a broker, plus one hub node Z with
/// an edge from every current class (cost <c>max</c>, weight 0) and to every ideal class (cost 0), standing for every
/// pair that shares nothing (weight 0; a pair routed through Z may share brokers, which only adds weight). Every
/// augmentation ships as much as the path allows. Memory is O(P + edges); no P×P matrix. With at most
/// <see cref="IdealClassLimit"/> ideal classes (a layout's lists repeat, so D stays small: 60 for 30 brokers on 3
/// racks) the searches run over the ideal classes and Z alone (<see cref="TransportOverIdealClasses"/>), O(D²) each
/// however many partitions are already shipped, so the matching grows with P·log P (the sort) rather than P²; when
/// there are at most <see cref="ClassRatio"/> current classes per ideal class the whole graph is that small anyway and
/// is searched as it is.</para>
/// <para>When the class graph would have more than <see cref="EdgeLimit"/> edges (many distinct current lists and
/// many distinct ideal lists, e.g. a randomly scattered topic of tens of thousands of partitions onto uneven racks,
/// whose layout repeats only after many rounds) and the topic has more than <see cref="ExactLimit"/> partitions, a
/// greedy by levels of overlap runs instead (see <see cref="Greedy"/>); the caller also compares with the identity.</para>
/// </remarks>
internal static class ReplicaListMatching
{
    // How a node was reached on the shortest path: Forward (class edge e, current → ideal), Backward (class edge e
    // undone, ideal → current), IntoZ (current i → Z), BackIntoZ (ideal j → Z, undoing Z → j), OutOfZ (Z → ideal j),
    // BackOutOfZ (Z → current i, undoing i → Z).
    private const int Start = 0;
    private const int Forward = 1;
    private const int Backward = 2;
    private const int IntoZ = 3;
    private const int BackIntoZ = 4;
    private const int OutOfZ = 5;
    private const int BackOutOfZ = 6;

    // The steps of TransportOverIdealClasses' search, by how the node was reached: from the source (SourceToIdeal
    // along a class edge, SourceToZ), Move j → i → j′ (undo i → j, ship i → j′, through current class i), MoveIntoZ j → i → Z,
    // MoveOutOfZ Z → i → j′ (undo i → Z), ZToIdeal Z → j, UndoZToIdeal j → Z (undo Z → j).
    private const int SourceToIdeal = 0;
    private const int SourceToZ = 1;
    private const int Move = 2;
    private const int MoveIntoZ = 3;
    private const int MoveOutOfZ = 4;
    private const int ZToIdeal = 5;
    private const int UndoZToIdeal = 6;

    /// <summary>Up to this many partitions the matching is always exact.</summary>
    public const int ExactLimit = 600;

    /// <summary>Above <see cref="ExactLimit"/> partitions the exact solution runs while the class graph has at most this many edges.</summary>
    public const long EdgeLimit = 1_500_000;

    /// <summary>
    /// Up to this many ideal classes the transportation searches over the ideal classes and Z alone
    /// (<see cref="TransportOverIdealClasses"/>, O(D²) per search, whatever P); above it, over the whole class graph.
    /// </summary>
    public const int IdealClassLimit = 128;

    /// <summary>
    /// The search over the ideal classes alone also needs more than this many current classes per ideal class: with
    /// fewer (a topic already laid out, being regrown) the whole class graph is small whatever P, and searching it
    /// allocates less than the per-pair heaps (half, for the M scenario's 60 topics of 120 partitions grown by 3 brokers).
    /// </summary>
    public const int ClassRatio = 4;

    /// <summary>
    /// Returns, for each partition p of <paramref name="current"/>, the index of the list of <paramref name="ideal"/> it
    /// gets (a permutation), and whether the matching is optimal. Both assignments have P partitions.
    /// </summary>
    public static int[] Match(TopicAssignment current, TopicAssignment ideal, out bool optimal) =>
        Match(current, ideal, out optimal, null);

    /// <summary>
    /// <see cref="Match(TopicAssignment, TopicAssignment, out bool)"/>, searching over the ideal classes only
    /// (<see cref="TransportOverIdealClasses"/>) when <paramref name="overIdealClasses"/> is true and over the whole
    /// class graph (<see cref="Transport"/>) when false; null chooses (at most <see cref="IdealClassLimit"/> ideal
    /// classes and more than <see cref="ClassRatio"/> current classes for each). Both are exact, so tests compare them.
    /// </summary>
    public static int[] Match(TopicAssignment current, TopicAssignment ideal, out bool optimal, bool? overIdealClasses)
    {
        int n = current.PartitionCount;
        ClassesOf(current, out int[] curOrder, out int[] curStart);
        ClassesOf(ideal, out int[] idealOrder, out int[] idealStart);
        optimal = n <= ExactLimit || EdgeBound(current, curOrder, curStart, ideal, idealOrder, idealStart) <= EdgeLimit;
        if (!optimal)
        {
            return Greedy(current, ideal);
        }

        var graph = new ClassGraph(current, curOrder, curStart, ideal, idealOrder, idealStart);
        long max = MaxWeight(Math.Max(current.ReplicationFactor, ideal.ReplicationFactor), n);
        bool byIdealClasses = overIdealClasses ??
            (graph.IdealClasses <= IdealClassLimit && graph.CurrentClasses > (long)ClassRatio * graph.IdealClasses);
        long[] flow = byIdealClasses ? TransportOverIdealClasses(graph, max) : Transport(graph, max);
        return Expand(graph, flow, curOrder, curStart, idealOrder, idealStart, n);
    }

    /// <summary>An upper bound on the class graph's edges: Σ over current classes and their brokers of the ideal classes holding that broker.</summary>
    private static long EdgeBound(TopicAssignment current, int[] curOrder, int[] curStart, TopicAssignment ideal, int[] idealOrder, int[] idealStart)
    {
        var classesWith = new Dictionary<int, long>();
        for (int j = 0; j < idealStart.Length - 1; j++)
        {
            foreach (int id in ideal[idealOrder[idealStart[j]]])
            {
                classesWith[id] = classesWith.GetValueOrDefault(id) + 1;
            }
        }

        long bound = 0;
        for (int i = 0; i < curStart.Length - 1; i++)
        {
            foreach (int id in current[curOrder[curStart[i]]])
            {
                bound += classesWith.GetValueOrDefault(id);
            }
        }

        return bound;
    }

    /// <summary>
    /// kept·(P·(2·RF + 2) + 1) + tie, where tie = (RF + 1 when the leader stays) + (replicas staying at their index) ≤ 2·RF + 1,
    /// so over P partitions the kept replicas always decide, then the leaders kept, then the order kept.
    /// </summary>
    public static long Weight(ReadOnlySpan<int> current, ReadOnlySpan<int> list, int partitions)
    {
        int rf = Math.Max(current.Length, list.Length);
        int tie = current[0] == list[0] ? rf + 1 : 0;
        for (int i = 0; i < Math.Min(current.Length, list.Length); i++)
        {
            tie += current[i] == list[i] ? 1 : 0;
        }

        return ((long)Ids.Overlap(list, current) * (((long)partitions * ((2 * rf) + 2)) + 1)) + tie;
    }

    /// <summary>The largest <see cref="Weight"/> for lists of up to <paramref name="rf"/> replicas.</summary>
    public static long MaxWeight(int rf, int partitions) => ((long)rf * (((long)partitions * ((2 * rf) + 2)) + 1)) + (2 * rf) + 1;

    /// <summary>
    /// Groups the partitions of <paramref name="topic"/> by identical replica lists: <paramref name="order"/> holds the
    /// partitions sorted by list (then by partition), class k being <c>order[start[k]..start[k + 1]]</c>.
    /// </summary>
    private static void ClassesOf(TopicAssignment topic, out int[] order, out int[] start)
    {
        int n = topic.PartitionCount;
        order = new int[n];
        for (int p = 0; p < n; p++)
        {
            order[p] = p;
        }

        if (PackedLists(topic) is { } keys)
        {
            // The same order by a primitive sort: by key, then each run of equal keys by partition.
            Array.Sort(keys, order);
            var runs = new List<int>();
            for (int k = 0; k < n; k++)
            {
                if (k == 0 || keys[k] != keys[k - 1])
                {
                    runs.Add(k);
                }
            }

            runs.Add(n);
            for (int r = 0; r + 1 < runs.Count; r++)
            {
                Array.Sort(order, runs[r], runs[r + 1] - runs[r]);
            }

            start = runs.ToArray();
            return;
        }

        Array.Sort(order, (a, b) =>
        {
            int byList = topic[a].SequenceCompareTo(topic[b]);
            return byList != 0 ? byList : a.CompareTo(b);
        });

        var starts = new List<int>();
        for (int k = 0; k < n; k++)
        {
            if (k == 0 || !topic[order[k]].SequenceEqual(topic[order[k - 1]]))
            {
                starts.Add(k);
            }
        }

        starts.Add(n);
        start = starts.ToArray();
    }

    /// <summary>
    /// Each partition's list packed into one number that orders as the lists do (each id in b bits, the leader's
    /// highest), or <see langword="null"/> when the ids are negative or RF·b exceeds 63 bits.
    /// </summary>
    private static long[]? PackedLists(TopicAssignment topic)
    {
        ReadOnlySpan<int> all = topic.AsSpan();
        int rf = topic.ReplicationFactor;
        int low = int.MaxValue;
        int high = 0;
        foreach (int id in all)
        {
            low = Math.Min(low, id);
            high = Math.Max(high, id);
        }

        int bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)high);
        if (low < 0 || rf == 0 || (long)rf * Math.Max(bits, 1) > 63)
        {
            return null;
        }

        long[] keys = new long[topic.PartitionCount];
        for (int p = 0; p < keys.Length; p++)
        {
            long key = 0;
            foreach (int id in all.Slice(p * rf, rf))
            {
                key = (key << bits) | (uint)id;
            }

            keys[p] = key;
        }

        return keys;
    }

    /// <summary>
    /// Successive shortest paths for the transportation problem (see the remarks), current classes inserted one at a
    /// time (as the Hungarian algorithm inserts rows): after each class is shipped the flow is optimal for the classes
    /// inserted so far, each shipment following a shortest path from the new class to an ideal class with demand left.
    /// Nodes: current classes 0..C−1, ideal classes C..C+D−1, the hub Z = C+D. Returns the flow on each class edge; what
    /// goes through Z is left for <see cref="Expand"/> to pair in order.
    /// </summary>
    private static long[] Transport(ClassGraph g, long max)
    {
        int c = g.CurrentClasses;
        int d = g.IdealClasses;
        int z = c + d;
        int v = z + 1;
        long[] flow = new long[g.EdgeCount];
        long[] demand = new long[d];
        long[] toZ = new long[c];   // flow i → Z
        long[] fromZ = new long[d]; // flow Z → j
        var viaZ = new List<int>(); // the current classes with flow into Z (in first-use order)
        for (int j = 0; j < d; j++)
        {
            demand[j] = g.Demand(j);
        }

        // Potentials: reduced cost cost(a → b) + pi[a] − pi[b] ≥ 0 on every residual edge; only differences matter.
        long[] pi = new long[v];
        long[] dist = new long[v];
        Array.Fill(dist, long.MaxValue);
        bool[] done = new bool[v];
        int[] prevKind = new int[v];
        int[] prevIndex = new int[v];
        var touched = new List<int>();
        var heap = new PriorityQueue<int, long>();

        // The edges into each ideal class that carry or once carried flow, in edge order (the order of the in-edges, so the
        // backward relaxations run as over every in-edge): a saturated class is left through these alone, not through
        // all its in-edges (a class shares brokers with a fixed share of all current classes, most never shipped to it).
        var shipped = new List<int>?[d];
        bool[] listed = new bool[g.EdgeCount];
        for (int source = 0; source < c; source++)
        {
            // The new class has no residual edge into it, so its potential only needs its out-edges non-negative.
            long p0 = pi[z] - max;
            for (int e = g.OutStart[source]; e < g.OutStart[source + 1]; e++)
            {
                p0 = Math.Max(p0, pi[c + g.To[e]] - (max - g.EdgeWeight[e]));
            }

            pi[source] = p0;
            long supply = g.Supply(source);
            while (supply > 0)
            {
                foreach (int x in touched)
                {
                    dist[x] = long.MaxValue;
                    done[x] = false;
                }

                touched.Clear();
                heap.Clear();
                dist[source] = 0;
                prevKind[source] = Start;
                touched.Add(source);
                heap.Enqueue(source, 0);
                int target = -1;
                long reach = 0;
                while (heap.TryDequeue(out int u, out long du))
                {
                    if (done[u] || du != dist[u])
                    {
                        continue;
                    }

                    done[u] = true;
                    if (u < c)
                    {
                        for (int e = g.OutStart[u]; e < g.OutStart[u + 1]; e++)
                        {
                            Relax(c + g.To[e], du + max - g.EdgeWeight[e] + pi[u], Forward, e);
                        }

                        Relax(z, du + max + pi[u], IntoZ, u);
                    }
                    else if (u < z)
                    {
                        int j = u - c;
                        if (demand[j] > 0)
                        {
                            target = u;
                            reach = du;
                            break;
                        }

                        if (shipped[j] is { } edges)
                        {
                            foreach (int e in edges)
                            {
                                if (flow[e] > 0)
                                {
                                    Relax(g.From[e], du - (max - g.EdgeWeight[e]) + pi[u], Backward, e);
                                }
                            }
                        }

                        if (fromZ[j] > 0)
                        {
                            Relax(z, du + pi[u], BackIntoZ, j);
                        }
                    }
                    else
                    {
                        for (int j = 0; j < d; j++)
                        {
                            Relax(c + j, du + pi[z], OutOfZ, j);
                        }

                        foreach (int i in viaZ)
                        {
                            if (toZ[i] > 0)
                            {
                                Relax(i, du - max + pi[z], BackOutOfZ, i);
                            }
                        }
                    }
                }

                if (target < 0)
                {
                    throw new InvalidOperationException("The replica-list transportation found no augmenting path (total supply and demand differ).");
                }

                // pi += min(dist, reach) − reach: zero on every node not finalised, so only the touched ones change.
                foreach (int x in touched)
                {
                    if (done[x])
                    {
                        pi[x] += dist[x] - reach;
                    }
                }

                // The bottleneck along the path, then the shipment.
                long amount = Math.Min(supply, demand[target - c]);
                int node = target;
                while (prevKind[node] != Start)
                {
                    int kind = prevKind[node];
                    int index = prevIndex[node];
                    amount = kind switch
                    {
                        Backward => Math.Min(amount, flow[index]),
                        BackIntoZ => Math.Min(amount, fromZ[index]),
                        BackOutOfZ => Math.Min(amount, toZ[index]),
                        _ => amount,
                    };
                    node = PreviousNode(kind, index);
                }

                supply -= amount;
                demand[target - c] -= amount;
                bool unshipped = false;
                node = target;
                while (prevKind[node] != Start)
                {
                    int kind = prevKind[node];
                    int index = prevIndex[node];
                    switch (kind)
                    {
                        case Forward:
                            flow[index] += amount;
                            if (!listed[index])
                            {
                                listed[index] = true;
                                List<int> edges = shipped[g.To[index]] ??= new List<int>();
                                int at = edges.BinarySearch(index);
                                edges.Insert(~at, index);
                            }

                            break;
                        case Backward: flow[index] -= amount; break;
                        case IntoZ:
                            if (toZ[index] == 0)
                            {
                                viaZ.Add(index);
                            }

                            toZ[index] += amount;
                            break;
                        case BackIntoZ: fromZ[index] -= amount; break;
                        case OutOfZ: fromZ[index] += amount; break;
                        default:
                            toZ[index] -= amount;
                            unshipped |= toZ[index] == 0;
                            break;
                    }

                    node = PreviousNode(kind, index);
                }

                if (unshipped)
                {
                    viaZ.RemoveAll(i => toZ[i] == 0);
                }
            }
        }

        return flow;

        // through = dist so far + edge cost + pi[from]; the reduced distance subtracts pi[to].
        void Relax(int to, long through, int kind, int index)
        {
            long nd = through - pi[to];
            if (!done[to] && nd < dist[to])
            {
                if (dist[to] == long.MaxValue)
                {
                    touched.Add(to);
                }

                dist[to] = nd;
                prevKind[to] = kind;
                prevIndex[to] = index;
                heap.Enqueue(to, nd);
            }
        }

        int PreviousNode(int kind, int index) => kind switch
        {
            Forward => g.From[index],
            Backward => c + g.To[index],
            IntoZ => index,
            BackIntoZ => c + index,
            _ => z,
        };
    }

    /// <summary>
    /// The same successive shortest paths as <see cref="Transport"/>, with the current classes taken out of the search:
    /// a search runs over the D ideal classes and Z only (a dense Dijkstra, O(D²) whatever P), so a topic's cost grows
    /// with its number of shipments, not with the partitions already shipped. Returns the flow on each class edge.
    /// </summary>
    /// <remarks>
    /// <para>A residual path between ideal classes alternates: ideal j → current i (undoing a shipment i → j) → ideal j′
    /// (a new shipment i → j′), or through Z. With costs <c>c = max − weight</c>, its reduced cost is
    /// <c>c(i, j′) − c(i, j) + π[j] − π[j′]</c>: the current class's potential cancels, and the part that depends on i,
    /// <c>w(i, j) − w(i, j′)</c>, does not depend on the potentials. So for each pair (j, j′) a heap holds the current
    /// classes shipping to j keyed by that difference (an entry is added when i → j starts to carry flow and dropped
    /// lazily, when found at the top with that flow gone), and the best way from j to j′ is the heap's top. Likewise
    /// (j, Z) keyed by <c>w(i, j)</c> (undo i → j, then i → Z, cost max) and (Z, j′) keyed by <c>−w(i, j′)</c> (undo
    /// i → Z, then i → j′), for the classes with flow into Z.</para>
    /// <para>The distances found to the ideal classes and Z are the whole graph's (every path between them is made of
    /// these steps), so the potentials updated on those nodes alone are those <see cref="Transport"/> would keep; the
    /// current classes' potentials exist but are never needed. Every search still ends at the first class with demand
    /// left, and every augmentation ships as much as the path allows.</para>
    /// </remarks>
    private static long[] TransportOverIdealClasses(ClassGraph g, long max)
    {
        int c = g.CurrentClasses;
        int d = g.IdealClasses;
        int z = d;
        int v = d + 1;
        long[] flow = new long[g.EdgeCount];
        long[] demand = new long[d];
        long[] toZ = new long[c];   // flow i → Z
        long[] fromZ = new long[d]; // flow Z → j
        for (int j = 0; j < d; j++)
        {
            demand[j] = g.Demand(j);
        }

        // pairs[a·v + b]: the (Back, Forward) class edges of the current classes leading from node a to node b, keyed by
        // the part of the step's reduced cost that depends on the class (see the remarks); Back is −1 from Z, Forward −1 into Z.
        var pairs = new PriorityQueue<(int Back, int Forward), long>?[v * v];
        long[] pi = new long[v];
        long[] dist = new long[v];
        bool[] done = new bool[v];
        int[] prevKind = new int[v];
        int[] prevBack = new int[v];
        int[] prevForward = new int[v];
        for (int source = 0; source < c; source++)
        {
            long supply = g.Supply(source);
            while (supply > 0)
            {
                Array.Fill(dist, long.MaxValue);
                Array.Clear(done);

                // The source's own edges (its potential is taken as 0: a constant shift of every distance).
                for (int e = g.OutStart[source]; e < g.OutStart[source + 1]; e++)
                {
                    Label(g.To[e], max - g.EdgeWeight[e] - pi[g.To[e]], SourceToIdeal, -1, e);
                }

                Label(z, max - pi[z], SourceToZ, -1, -1);
                int target = -1;
                long reach = 0;
                while (true)
                {
                    int u = -1;
                    for (int x = 0; x < v; x++)
                    {
                        if (!done[x] && dist[x] != long.MaxValue && (u < 0 || dist[x] < dist[u]))
                        {
                            u = x;
                        }
                    }

                    if (u < 0)
                    {
                        break;
                    }

                    done[u] = true;
                    long du = dist[u];
                    if (u < z && demand[u] > 0)
                    {
                        target = u;
                        reach = du;
                        break;
                    }

                    for (int w = 0; w < v; w++)
                    {
                        if (done[w])
                        {
                            continue;
                        }

                        if (Top(u, w) is var (entry, key) && entry.Back != int.MinValue)
                        {
                            Label(w, du + key + pi[u] - pi[w], u == z ? MoveOutOfZ : w == z ? MoveIntoZ : Move, entry.Back, entry.Forward);
                        }

                        if (u == z)
                        {
                            Label(w, du + pi[z] - pi[w], ZToIdeal, -1, -1);
                        }
                        else if (w == z && fromZ[u] > 0)
                        {
                            Label(z, du + pi[u] - pi[z], UndoZToIdeal, u, -1);
                        }
                    }
                }

                if (target < 0)
                {
                    throw new InvalidOperationException("The replica-list transportation found no augmenting path (total supply and demand differ).");
                }

                for (int x = 0; x < v; x++)
                {
                    if (done[x])
                    {
                        pi[x] += dist[x] - reach;
                    }
                }

                // The bottleneck along the path, then the shipment.
                long amount = Math.Min(supply, demand[target]);
                int node = target;
                while (prevKind[node] is not (SourceToIdeal or SourceToZ))
                {
                    int back = prevBack[node];
                    (amount, node) = prevKind[node] switch
                    {
                        Move or MoveIntoZ => (Math.Min(amount, flow[back]), g.To[back]),
                        MoveOutOfZ => (Math.Min(amount, toZ[g.From[prevForward[node]]]), z),
                        UndoZToIdeal => (Math.Min(amount, fromZ[back]), back),
                        _ => (amount, z),
                    };
                }

                supply -= amount;
                demand[target] -= amount;
                node = target;
                while (true)
                {
                    int kind = prevKind[node];
                    int back = prevBack[node];
                    int forward = prevForward[node];
                    switch (kind)
                    {
                        case SourceToIdeal:
                            Ship(forward, amount);
                            break;
                        case SourceToZ:
                            ShipToZ(source, amount);
                            break;
                        case Move:
                            flow[back] -= amount;
                            Ship(forward, amount);
                            break;
                        case MoveIntoZ:
                            flow[back] -= amount;
                            ShipToZ(g.From[back], amount);
                            break;
                        case MoveOutOfZ:
                            toZ[g.From[forward]] -= amount;
                            Ship(forward, amount);
                            break;
                        case UndoZToIdeal:
                            fromZ[back] -= amount;
                            break;
                        default:
                            fromZ[node] += amount;
                            break;
                    }

                    if (kind is SourceToIdeal or SourceToZ)
                    {
                        break;
                    }

                    node = kind switch
                    {
                        Move or MoveIntoZ => g.To[back],
                        UndoZToIdeal => back,
                        _ => z,
                    };
                }
            }
        }

        return flow;

        void Label(int to, long nd, int kind, int back, int forward)
        {
            if (nd < dist[to])
            {
                dist[to] = nd;
                prevKind[to] = kind;
                prevBack[to] = back;
                prevForward[to] = forward;
            }
        }

        // The best current class for the step a → b, dropping entries whose flow is gone; Back = int.MinValue when none.
        ((int Back, int Forward), long) Top(int a, int b)
        {
            PriorityQueue<(int Back, int Forward), long>? heap = pairs[(a * v) + b];
            if (heap is not null)
            {
                while (heap.TryPeek(out (int Back, int Forward) entry, out long key))
                {
                    if (a == z ? toZ[g.From[entry.Forward]] > 0 : flow[entry.Back] > 0)
                    {
                        return (entry, key);
                    }

                    heap.Dequeue();
                }
            }

            return ((int.MinValue, 0), 0);
        }

        void Push(int a, int b, int back, int forward, long key) =>
            (pairs[(a * v) + b] ??= new PriorityQueue<(int Back, int Forward), long>()).Enqueue((back, forward), key);

        // i → j (edge e) gains flow: once it carries some, i can be moved from j to each of its other ideal classes or to Z.
        void Ship(int e, long amount)
        {
            bool starts = flow[e] == 0;
            flow[e] += amount;
            if (starts)
            {
                int i = g.From[e];
                int j = g.To[e];
                for (int e2 = g.OutStart[i]; e2 < g.OutStart[i + 1]; e2++)
                {
                    if (e2 != e)
                    {
                        Push(j, g.To[e2], e, e2, g.EdgeWeight[e] - g.EdgeWeight[e2]);
                    }
                }

                Push(j, z, e, -1, g.EdgeWeight[e]);
            }
        }

        void ShipToZ(int i, long amount)
        {
            bool starts = toZ[i] == 0;
            toZ[i] += amount;
            if (starts)
            {
                for (int e2 = g.OutStart[i]; e2 < g.OutStart[i + 1]; e2++)
                {
                    Push(z, g.To[e2], -1, e2, -g.EdgeWeight[e2]);
                }
            }
        }
    }

    /// <summary>
    /// The fallback for class graphs too large to solve exactly: levels of decreasing overlap, each a greedy pass over
    /// the partitions in order that gives a partition the first free list (in list order) sharing with it the level's
    /// key: the same list, the same set of brokers, a pair of brokers, one broker. The partitions left take the lists
    /// left, both in order. Memory O(P·RF²); for RF ≤ 3 the levels are exactly the overlaps 3, 2, 1.
    /// </summary>
    public static int[] Greedy(TopicAssignment current, TopicAssignment ideal)
    {
        int n = current.PartitionCount;
        int[] match = new int[n];
        Array.Fill(match, -1);
        bool[] taken = new bool[n];
        var keys = new List<string>();
        for (int level = 0; level < 4; level++)
        {
            var free = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
            for (int r = 0; r < n; r++)
            {
                if (!taken[r])
                {
                    KeysOf(ideal[r], level, keys);
                    foreach (string key in keys)
                    {
                        if (!free.TryGetValue(key, out Queue<int>? lists))
                        {
                            free[key] = lists = new Queue<int>();
                        }

                        lists.Enqueue(r);
                    }
                }
            }

            for (int p = 0; p < n; p++)
            {
                if (match[p] >= 0)
                {
                    continue;
                }

                KeysOf(current[p], level, keys);
                foreach (string key in keys)
                {
                    if (!free.TryGetValue(key, out Queue<int>? lists))
                    {
                        continue;
                    }

                    while (lists.Count > 0 && taken[lists.Peek()])
                    {
                        lists.Dequeue();
                    }

                    if (lists.Count > 0)
                    {
                        int r = lists.Dequeue();
                        match[p] = r;
                        taken[r] = true;
                        break;
                    }
                }
            }
        }

        int next = 0;
        for (int p = 0; p < n; p++)
        {
            if (match[p] < 0)
            {
                while (taken[next])
                {
                    next++;
                }

                match[p] = next;
                taken[next] = true;
            }
        }

        return match;
    }

    /// <summary>The keys of <paramref name="list"/> at a greedy level: 0 the list, 1 its sorted set, 2 each pair of its brokers, 3 each broker.</summary>
    private static void KeysOf(ReadOnlySpan<int> list, int level, List<string> keys)
    {
        keys.Clear();
        int[] sorted = list.ToArray();
        Array.Sort(sorted);
        switch (level)
        {
            case 0:
                keys.Add(Ids.Join(list));
                break;
            case 1:
                keys.Add(Ids.Join(sorted));
                break;
            case 2:
                for (int a = 0; a < sorted.Length; a++)
                {
                    for (int b = a + 1; b < sorted.Length; b++)
                    {
                        keys.Add(string.Create(CultureInfo.InvariantCulture, $"{sorted[a]},{sorted[b]}"));
                    }
                }

                break;
            default:
                foreach (int id in sorted)
                {
                    keys.Add(id.ToString(CultureInfo.InvariantCulture));
                }

                break;
        }
    }

    /// <summary>
    /// Turns class flows into a permutation: each current class's partitions, in partition order, take the lists of the
    /// ideal classes it ships to (edges in ideal-class order, lists in list order); the partitions left over (shipped
    /// through Z) take the lists left over, both in ascending order.
    /// </summary>
    private static int[] Expand(ClassGraph g, long[] flow, int[] curOrder, int[] curStart, int[] idealOrder, int[] idealStart, int n)
    {
        int[] match = new int[n];
        Array.Fill(match, -1);
        bool[] taken = new bool[n];
        int[] nextList = new int[g.IdealClasses];
        Array.Copy(idealStart, nextList, nextList.Length);
        for (int i = 0; i < g.CurrentClasses; i++)
        {
            int member = curStart[i];
            for (int e = g.OutStart[i]; e < g.OutStart[i + 1]; e++)
            {
                int j = g.To[e];
                for (long f = 0; f < flow[e]; f++)
                {
                    int list = idealOrder[nextList[j]++];
                    match[curOrder[member++]] = list;
                    taken[list] = true;
                }
            }
        }

        int next = 0;
        for (int p = 0; p < n; p++)
        {
            if (match[p] < 0)
            {
                while (taken[next])
                {
                    next++;
                }

                match[p] = next;
                taken[next] = true;
            }
        }

        return match;
    }

    /// <summary>
    /// The classes and their edges: one per (current class, ideal class) pair sharing a broker, with its weight, laid
    /// out by current class (<see cref="OutStart"/>).
    /// </summary>
    private sealed class ClassGraph
    {
        private readonly int[] _curStart;
        private readonly int[] _idealStart;

        public ClassGraph(TopicAssignment current, int[] curOrder, int[] curStart, TopicAssignment ideal, int[] idealOrder, int[] idealStart)
        {
            _curStart = curStart;
            _idealStart = idealStart;
            int c = curStart.Length - 1;
            int d = idealStart.Length - 1;
            int n = current.PartitionCount;
            var classesWith = new Dictionary<int, List<int>>();
            for (int j = 0; j < d; j++)
            {
                foreach (int id in ideal[idealOrder[idealStart[j]]])
                {
                    if (!classesWith.TryGetValue(id, out List<int>? classes))
                    {
                        classesWith[id] = classes = new List<int>();
                    }

                    classes.Add(j);
                }
            }

            // Two passes over the current classes: count each one's ideal classes, then fill the arrays sized exactly.
            OutStart = new int[c + 1];
            int[] seen = new int[d];
            for (int pass = 0; pass < 2; pass++)
            {
                Array.Clear(seen);
                for (int i = 0; i < c; i++)
                {
                    ReadOnlySpan<int> list = current[curOrder[curStart[i]]];
                    int count = 0;
                    foreach (int id in list)
                    {
                        if (!classesWith.TryGetValue(id, out List<int>? classes))
                        {
                            continue;
                        }

                        foreach (int j in classes)
                        {
                            if (seen[j] != i + 1)
                            {
                                seen[j] = i + 1;
                                if (pass == 1)
                                {
                                    To[OutStart[i] + count] = j;
                                }

                                count++;
                            }
                        }
                    }

                    if (pass == 0)
                    {
                        OutStart[i + 1] = OutStart[i] + count;
                        continue;
                    }

                    Span<int> row = To.AsSpan(OutStart[i], count);
                    row.Sort();
                    for (int e = OutStart[i]; e < OutStart[i + 1]; e++)
                    {
                        From[e] = i;
                        EdgeWeight[e] = Weight(list, ideal[idealOrder[idealStart[To[e]]]], n);
                    }
                }

                if (pass == 0)
                {
                    To = new int[OutStart[c]];
                    From = new int[OutStart[c]];
                    EdgeWeight = new long[OutStart[c]];
                }
            }
        }

        public int CurrentClasses => _curStart.Length - 1;

        public int IdealClasses => _idealStart.Length - 1;

        public int EdgeCount => To.Length;

        public int[] OutStart { get; }

        public int[] To { get; } = Array.Empty<int>();

        public int[] From { get; } = Array.Empty<int>();

        public long[] EdgeWeight { get; } = Array.Empty<long>();

        public long Supply(int i) => _curStart[i + 1] - _curStart[i];

        public long Demand(int j) => _idealStart[j + 1] - _idealStart[j];
    }
}
