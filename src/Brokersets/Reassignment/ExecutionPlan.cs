using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// A <see cref="ReassignmentDiff"/> split into ordered <see cref="Wave"/>s that respect per-broker limits on concurrent
/// copies (and an optional bytes-in-flight cap), followed by a final step that submits the changes that move no data
/// (reorders, removals) and elects the preferred leaders.
/// </summary>
/// <remarks>
/// <para><b>Moves.</b> Each replica a partition gains is one move, served by the partition's current leader. A
/// partition's k-th new replica replaces its k-th removed one (removed replicas in current order, the current leader
/// last), so while copies run a partition holds at most one extra replica per wave.</para>
/// <para><b>Ordering rule.</b> Moves are queued by round (a partition's first new replica before any partition's
/// second), then by size ascending (unknown sizes count as 0), then by topic (target order), partition and broker.
/// Each wave takes, first-fit from the head of the queue, every move whose partition is ready and whose brokers and
/// bytes cap still have room. The head of the queue always fits into an empty wave, so every wave makes progress;
/// small moves go first (shortest-job-first minimises the mean time to completion) and fill the gaps beside large
/// ones, so they are never starved behind them, and each wave holds moves of similar size, so no wave waits on one
/// large copy while its other slots idle.</para>
/// <para><b>Deterministic and resumable.</b> The same diff and options give the same plan. After some waves have
/// completed, <see cref="Create(ReassignmentDiff, ExecutionOptions, Cluster?)"/> on the diff from the cluster's
/// assignment to the same target yields the remaining moves.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{Waves.Length} waves, {MoveCount} moves, {LeaderElections.Length} elections")]
public sealed class ExecutionPlan
{
    private ExecutionPlan(ReassignmentDiff diff, ExecutionOptions options, ImmutableArray<int> offlineBrokers, ImmutableArray<Wave> waves,
        ImmutableArray<PartitionReassignment> finalReassignments, ImmutableArray<LeaderElection> elections)
    {
        Diff = diff;
        Options = options;
        OfflineBrokers = offlineBrokers;
        Waves = waves;
        FinalReassignments = finalReassignments;
        LeaderElections = elections;
        MoveCount = waves.Sum(w => w.Moves.Length);
        Bytes = waves.All(w => w.Bytes.HasValue) ? waves.Sum(w => w.Bytes!.Value) : null;
        CrossRackBytes = waves.All(w => w.CrossRackBytes.HasValue) ? waves.Sum(w => w.CrossRackBytes!.Value) : null;
        Eta = waves.All(w => w.Eta.HasValue) ? TotalEta(waves) : null;
    }

    // TimeSpan.MaxValue in seconds, less a margin for rounding.
    private const double MaxEtaSeconds = 9.2e11;

    private static TimeSpan TotalEta(ImmutableArray<Wave> waves)
    {
        double seconds = 0;
        foreach (Wave w in waves)
        {
            seconds += w.Eta!.Value.TotalSeconds;
        }

        if (seconds >= MaxEtaSeconds)
        {
            ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The plan's {waves.Length} waves take {seconds:0.###e0} s under the throttle, beyond what a TimeSpan holds (about 29,000 years); raise the throttle."), "options");
        }

        return new TimeSpan(waves.Sum(w => w.Eta!.Value.Ticks));
    }

    /// <summary>The diff the plan carries out.</summary>
    public ReassignmentDiff Diff { get; }

    /// <summary>The options the plan was made with.</summary>
    public ExecutionOptions Options { get; }

    /// <summary>
    /// The brokers the plan took as offline (ascending; empty when none): no copy is served by them, no throttle is set on
    /// them, and no election names them.
    /// </summary>
    public ImmutableArray<int> OfflineBrokers { get; }

    /// <summary>The waves that copy data, in order.</summary>
    public ImmutableArray<Wave> Waves { get; }

    /// <summary>Lists to submit after the last wave that move no data: order-only changes and pure removals (lower RF).</summary>
    public ImmutableArray<PartitionReassignment> FinalReassignments { get; }

    /// <summary>Preferred-leader elections to run last, for every partition whose preferred leader changes.</summary>
    public ImmutableArray<LeaderElection> LeaderElections { get; }

    /// <summary>Moves over all waves (equals <see cref="ReassignmentDiff.ReplicasMoved"/>).</summary>
    public int MoveCount { get; }

    /// <summary>Bytes copied over all waves, or <see langword="null"/> when a size is unknown.</summary>
    public long? Bytes { get; }

    /// <summary>Bytes copied between racks over all waves, or <see langword="null"/> when a size or rack is unknown.</summary>
    public long? CrossRackBytes { get; }

    /// <summary>The sum of the waves' ETAs, or <see langword="null"/> when one is unknown.</summary>
    public TimeSpan? Eta { get; }

    /// <summary>Plans the move from <paramref name="current"/> to <paramref name="target"/> (the diff of the two, then the waves).</summary>
    /// <exception cref="ArgumentException">See <see cref="ReassignmentDiff.Create(ClusterAssignment, ClusterAssignment, PartitionSizes?)"/>.</exception>
    public static ExecutionPlan Create(ClusterAssignment current, ClusterAssignment target, ExecutionOptions options = default, PartitionSizes? sizes = null, Cluster? cluster = null) =>
        Create(ReassignmentDiff.Create(current, target, sizes), options, cluster);

    /// <summary>
    /// Plans the move from <paramref name="current"/> to <paramref name="target"/> with some brokers offline (see
    /// <see cref="Create(ReassignmentDiff, ExecutionOptions, Cluster?, IEnumerable{int})"/>).
    /// </summary>
    /// <exception cref="ArgumentException">See <see cref="ReassignmentDiff.Create(ClusterAssignment, ClusterAssignment, PartitionSizes?)"/> and <see cref="Create(ReassignmentDiff, ExecutionOptions, Cluster?, IEnumerable{int})"/>.</exception>
    public static ExecutionPlan Create(ClusterAssignment current, ClusterAssignment target, ExecutionOptions options, PartitionSizes? sizes, Cluster? cluster, IEnumerable<int> offlineBrokers) =>
        Create(ReassignmentDiff.Create(current, target, sizes), options, cluster, offlineBrokers);

    /// <summary>Splits <paramref name="diff"/> into waves.</summary>
    /// <param name="diff">The changes to carry out.</param>
    /// <param name="options">Limits and choices; <c>default</c> is the cautious plan.</param>
    /// <param name="cluster">The brokers' racks, for cross-rack bytes; without it those are unknown.</param>
    public static ExecutionPlan Create(ReassignmentDiff diff, ExecutionOptions options = default, Cluster? cluster = null) =>
        Create(diff, options, cluster, []);

    /// <summary>
    /// Splits <paramref name="diff"/> into waves when some brokers are offline (a broker died, to be replaced).
    /// </summary>
    /// <remarks>
    /// <para>An offline broker serves nothing: each copy of a partition is served by its first live current replica, the
    /// leader Kafka elects once the broker is gone (the first live in-sync replica in replica order; the plan takes
    /// live replicas as in sync). The per-broker outgoing limit, the ETA and the cross-rack bytes count that source;
    /// offline brokers are in no wave's <see cref="Wave.ThrottledBrokers"/> and no leader throttle list; a leader
    /// election names the live leader; an offline replica is the first a partition drops while its copies run.</para>
    /// </remarks>
    /// <param name="diff">The changes to carry out.</param>
    /// <param name="options">Limits and choices; <c>default</c> is the cautious plan.</param>
    /// <param name="cluster">The brokers' racks, for cross-rack bytes; without it those are unknown.</param>
    /// <param name="offlineBrokers">The brokers that are down; empty when all are up.</param>
    /// <exception cref="ArgumentException">
    /// A changed partition's target keeps a replica on an offline broker (the move could never complete), or every current
    /// replica of a partition that gains one is offline (nothing can serve the copy); the message names the partition
    /// and the brokers.
    /// </exception>
    public static ExecutionPlan Create(ReassignmentDiff diff, ExecutionOptions options, Cluster? cluster, IEnumerable<int> offlineBrokers) =>
        Create(diff, options, cluster, offlineBrokers, byPairs: null);

    /// <summary>
    /// <see cref="Create(ReassignmentDiff, ExecutionOptions, Cluster?, IEnumerable{int})"/> with the way waves are
    /// filled forced (<see cref="WavesByPairs"/> or <see cref="WavesByScan"/>, which give the same waves; tests compare
    /// them), or chosen by the moves' pairs when <see langword="null"/>.
    /// </summary>
    internal static ExecutionPlan Create(ReassignmentDiff diff, ExecutionOptions options, Cluster? cluster, IEnumerable<int> offlineBrokers, bool? byPairs)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(offlineBrokers);
        int[] offline = offlineBrokers.Distinct().Order().ToArray();
        int count = diff.Count;

        // Moves: per changed partition, its added brokers (target order) paired with its removed ones.
        var moves = new List<Move>();
        var dense = new Dictionary<int, int>(); // broker id → dense index, for the per-wave counters
        var finals = ImmutableArray.CreateBuilder<PartitionReassignment>();
        var elections = ImmutableArray.CreateBuilder<LeaderElection>();
        int[] moveCount = new int[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<int> c = diff.CurrentReplicas(i);
            ReadOnlySpan<int> g = diff.TargetReplicas(i);
            int leader = c[0];
            if (offline.Length > 0)
            {
                leader = LiveLeader(diff, i, offline);
            }

            int k = 0;
            foreach (int id in g)
            {
                if (!Ids.Contains(c, id))
                {
                    if (leader < 0)
                    {
                        ThrowHelper.Argument($"Partition {diff.TopicOf(i)}-{diff.PartitionOf(i)}: every current replica ({Ids.Join(c)}) is on an offline broker, so no live replica can serve the copy to broker {id}; bring one of them back (or run an unclean leader election) first.", nameof(offlineBrokers));
                    }

                    moves.Add(new Move(i, k++, id, leader, diff.BytesOf(i), DenseIndex(dense, id), DenseIndex(dense, leader)));
                }
            }

            moveCount[i] = k;
            if (k == 0)
            {
                finals.Add(new PartitionReassignment(diff.TopicOf(i), diff.PartitionOf(i), ImmutableArray.Create(g.ToArray())));
            }

            if (leader != g[0])
            {
                elections.Add(new LeaderElection(diff.TopicOf(i), diff.PartitionOf(i), leader, g[0]));
            }
        }

        // The queue's order: round, then size ascending (unknown sizes as 0), then diff entry; a move is unique by
        // (entry, round), so that is a total order. Sorted by one 128-bit key: round (< 2^16, RF being a 16-bit
        // number in Kafka), size (< 2^63), entry (< 2^31).
        UInt128[] order = new UInt128[moves.Count];
        for (int i = 0; i < order.Length; i++)
        {
            Move m = moves[i];
            order[i] = ((UInt128)(uint)m.K << 94) | ((UInt128)(ulong)Math.Max(0, m.Bytes) << 31) | (uint)m.Entry;
        }

        order.AsSpan().Sort(CollectionsMarshal.AsSpan(moves));
        var waves = ImmutableArray.CreateBuilder<Wave>();
        // The scan reads, per wave, the ready moves up to the last one that fits (a share of the queue), the pair merge
        // about one heap entry per pair: measured (a Stopwatch harness, both fills on the same diffs), the scan is 2×
        // faster for the M and L migrations (22 and 5 moves per pair); for big scattered topics the two are level at
        // 57 moves per pair (30K partitions on 30 brokers) and the merge is 2.2–3.7× faster from 170 (90K on 30, 30K
        // on 6), where the scan's time grows with the square of P.
        if (byPairs ?? FewPairs(moves, dense.Count, moves.Count / MovesPerPairForMerge))
        {
            WavesByPairs(diff, moves, count, dense.Count, options, cluster, offline, waves);
        }
        else
        {
            WavesByScan(diff, moves, count, dense.Count, options, cluster, offline, waves);
        }

        return new ExecutionPlan(diff, options, ImmutableCollectionsMarshal.AsImmutableArray(offline), waves.ToImmutable(), finals.ToImmutable(), elections.ToImmutable());
    }

    /// <summary>From this many moves per (source, destination) pair on, the waves are filled by <see cref="WavesByPairs"/>.</summary>
    private const int MovesPerPairForMerge = 32;

    /// <summary>Whether the moves have at most <paramref name="limit"/> (source, destination) pairs (counting stops past it).</summary>
    private static bool FewPairs(List<Move> moves, int brokers, int limit)
    {
        var pairs = new HashSet<long>();
        foreach (Move m in moves)
        {
            if (pairs.Add(((long)m.SourceIndex * brokers) + m.DestinationIndex) && pairs.Count > limit)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Fills the waves (first-fit in queue order, see <see cref="Create(ReassignmentDiff, ExecutionOptions, Cluster?, IEnumerable{int})"/>)
    /// by reading the ready moves in queue order: a wave stops once every destination (or source) is at its limit or
    /// has nothing queued. Chosen when the moves have many (source, destination) pairs for their number; the same
    /// waves as <see cref="WavesByPairs"/>.
    /// </summary>
    private static void WavesByScan(ReassignmentDiff diff, List<Move> moves, int count, int brokers, ExecutionOptions options, Cluster? cluster, int[] offline, ImmutableArray<Wave>.Builder waves)
    {
        int[] done = new int[count];
        int[] inWave = new int[count];
        int[] incoming = new int[brokers];
        int[] outgoing = new int[brokers];
        int[] queuedIn = new int[brokers]; // moves still queued per destination broker
        int[] queuedOut = new int[brokers]; // and per source broker
        foreach (Move m in moves)
        {
            queuedIn[m.DestinationIndex]++;
            queuedOut[m.SourceIndex]++;
        }

        // The queue holds the moves in the order above; a wave reads only the ready ones (a partition's first move,
        // or its next once the one before it is done), found in a bitmap over queue positions, and takes first-fit.
        // A partition's next move always sits later in the queue (rounds come first in the order).
        int total = moves.Count;
        int[] successor = new int[total];
        int[] lastOfEntry = new int[count];
        Array.Fill(lastOfEntry, -1);
        ulong[] ready = new ulong[(total + 63) / 64];
        for (int r = 0; r < total; r++)
        {
            successor[r] = -1;
            int e = moves[r].Entry;
            if (lastOfEntry[e] >= 0)
            {
                successor[lastOfEntry[e]] = r;
            }
            else
            {
                ready[r >> 6] |= 1UL << r; // a partition's first move is ready from the start
            }

            lastOfEntry[e] = r;
        }

        var chosen = new List<Move>();
        var chosenAt = new List<int>();
        var scratch = new WaveScratch(brokers);
        int maxIn = options.EffectiveMaxIncoming;
        int maxOut = options.EffectiveMaxOutgoing;
        long cap = options.MaxBytesInFlight;
        bool several = options.SeveralMovesPerPartition;
        for (int left = total; left > 0; left -= chosen.Count)
        {
            Array.Clear(incoming);
            Array.Clear(outgoing);
            chosen.Clear();
            chosenAt.Clear();
            long inFlight = 0;

            // A broker is done for this wave when it reaches its limit or has no queued move left; once every
            // destination (or every source) is done, nothing more can fit and the rest of the queue waits unread.
            int destinations = 0;
            int sources = 0;
            for (int b = 0; b < queuedIn.Length; b++)
            {
                destinations += queuedIn[b] > 0 ? 1 : 0;
                sources += queuedOut[b] > 0 ? 1 : 0;
            }

            int fullDestinations = 0;
            int fullSources = 0;
            for (int word = 0; word < ready.Length && fullDestinations < destinations && fullSources < sources; word++)
            {
                for (ulong bits = ready[word]; bits != 0 && fullDestinations < destinations && fullSources < sources; bits &= bits - 1)
                {
                    int at = (word << 6) + BitOperations.TrailingZeroCount(bits);
                    Move m = moves[at];
                    long bytes = Math.Max(0, m.Bytes);
                    if (incoming[m.DestinationIndex] < maxIn &&
                        outgoing[m.SourceIndex] < maxOut &&
                        (cap <= 0 || chosen.Count == 0 || inFlight + bytes <= cap))
                    {
                        chosen.Add(m);
                        chosenAt.Add(at);
                        // A broker reaches its limit or runs out of queued moves at one take at most: counted once.
                        fullDestinations += (++incoming[m.DestinationIndex] == maxIn) | (--queuedIn[m.DestinationIndex] == 0) ? 1 : 0;
                        fullSources += (++outgoing[m.SourceIndex] == maxOut) | (--queuedOut[m.SourceIndex] == 0) ? 1 : 0;
                        inFlight += bytes;
                        inWave[m.Entry]++;
                        ready[word] &= ~(1UL << at);
                        int then = successor[at];
                        if (several && then >= 0)
                        {
                            // With several moves per partition the next one may join this same wave, later in the scan.
                            ready[then >> 6] |= 1UL << then;
                            bits |= (then >> 6) == word ? 1UL << then : 0;
                        }
                    }
                }
            }

            waves.Add(BuildWave(diff, waves.Count + 1, chosen, done, inWave, options, cluster, offline, scratch));
            for (int i = 0; i < chosen.Count; i++)
            {
                Move m = chosen[i];
                done[m.Entry]++;
                inWave[m.Entry] = 0;
                int then = successor[chosenAt[i]];
                if (!several && then >= 0)
                {
                    ready[then >> 6] |= 1UL << then;
                }
            }
        }

    }

    /// <summary>
    /// Fills the same waves as <see cref="WavesByScan"/> by merging the ready moves of each (source, destination) pair:
    /// a wave reads the moves it takes plus about one per pair, not every ready move queued behind full brokers, so
    /// its cost does not grow with the queue when the moves have few pairs (a big topic on a small brokerset).
    /// </summary>
    private static void WavesByPairs(ReassignmentDiff diff, List<Move> moves, int count, int brokers, ExecutionOptions options, Cluster? cluster, int[] offline, ImmutableArray<Wave>.Builder waves)
    {
        int[] done = new int[count];
        int[] inWave = new int[count];
        int[] incoming = new int[brokers];
        int[] outgoing = new int[brokers];

        // The queue holds the moves in the order above; a wave takes, first-fit in that order, the ready ones (a
        // partition's first move, or its next once the one before it is done; a bitmap over queue positions) whose
        // destination and source are below their limits. A partition's next move always sits later in the queue
        // (rounds come first in the order). The ready moves are kept by (source, destination) pair, each pair's in
        // queue order, and a wave merges the pairs' heads by a heap: a pair whose source or destination has reached
        // its limit is dropped for the rest of the wave, so a wave reads the moves it takes plus one per pair, not
        // every ready move still queued behind brokers that are full.
        int total = moves.Count;
        int[] successor = new int[total];
        int[] lastOfEntry = new int[count];
        Array.Fill(lastOfEntry, -1);
        ulong[] ready = new ulong[(total + 63) / 64];
        var pairIndex = new Dictionary<long, int>();
        var pairsInto = new List<int>[brokers]; // per broker, the pairs it is the destination of
        var pairsFrom = new List<int>[brokers]; // and the source of
        for (int b = 0; b < pairsInto.Length; b++)
        {
            pairsInto[b] = new List<int>();
            pairsFrom[b] = new List<int>();
        }

        var pairMoves = new List<List<int>>();
        int[] pairOf = new int[total];
        for (int r = 0; r < total; r++)
        {
            successor[r] = -1;
            Move m = moves[r];
            long key = ((long)m.SourceIndex * brokers) + m.DestinationIndex;
            if (!pairIndex.TryGetValue(key, out int pair))
            {
                pairIndex[key] = pair = pairMoves.Count;
                pairMoves.Add(new List<int>());
                pairsInto[m.DestinationIndex].Add(pair);
                pairsFrom[m.SourceIndex].Add(pair);
            }

            pairOf[r] = pair;
            int e = m.Entry;
            if (lastOfEntry[e] >= 0)
            {
                successor[lastOfEntry[e]] = r;
            }
            else
            {
                ready[r >> 6] |= 1UL << r; // a partition's first move is ready from the start
                pairMoves[pair].Add(r);
            }

            lastOfEntry[e] = r;
        }

        int pairs = pairMoves.Count;
        int[] start = new int[pairs]; // per pair, the moves before this one are taken
        int[] cursor = new int[pairs]; // per pair, its first move not read in this wave (its heap entry's)
        int[] version = new int[pairs]; // a heap entry stands for its pair's head while the versions agree
        bool[] inHeap = new bool[pairs]; // the pair has a valid heap entry
        int[] waitsIn = new int[pairs]; // the wave in which the pair was set aside (a broker of it at its limit)
        bool[] touched = new bool[pairs];
        var touchedPairs = new List<int>();
        var heads = new PriorityQueue<(int Pair, int Version), int>(pairs);
        int wave = 0;
        int pairsInHeap = 0;
        int live = 0; // in a wave: the pairs in the heap not set aside
        bool scanning = false;
        int maxIn = options.EffectiveMaxIncoming;
        int maxOut = options.EffectiveMaxOutgoing;
        for (int pair = 0; pair < pairs; pair++)
        {
            PushHead(pair);
        }

        var chosen = new List<Move>();
        var chosenAt = new List<int>();
        var scratch = new WaveScratch(brokers);
        long cap = options.MaxBytesInFlight;
        bool several = options.SeveralMovesPerPartition;
        for (int left = total; left > 0; left -= chosen.Count)
        {
            Array.Clear(incoming);
            Array.Clear(outgoing);
            chosen.Clear();
            chosenAt.Clear();
            long inFlight = 0;

            // The heap holds every pair's first ready move, and the wave reads them in queue order. When a broker
            // reaches its limit, its pairs are set aside until the next wave; a pair read has its move taken (or
            // skipped, over the bytes cap) and its next one pushed. Once every pair is set aside, nothing more fits
            // and the wave ends without reading them.
            wave++;
            live = pairsInHeap;
            scanning = true;
            while (live > 0 && heads.TryDequeue(out (int Pair, int Version) head, out int at))
            {
                int pair = head.Pair;
                if (head.Version != version[pair])
                {
                    continue;
                }

                inHeap[pair] = false;
                pairsInHeap--;
                if (!touched[pair])
                {
                    touched[pair] = true;
                    touchedPairs.Add(pair);
                }

                if (waitsIn[pair] == wave)
                {
                    continue; // back into the heap after the wave
                }

                live--;
                Move m = moves[at];
                cursor[pair]++;
                long bytes = Math.Max(0, m.Bytes);
                if (cap <= 0 || chosen.Count == 0 || inFlight + bytes <= cap)
                {
                    chosen.Add(m);
                    chosenAt.Add(at);
                    inFlight += bytes;
                    inWave[m.Entry]++;
                    ready[at >> 6] &= ~(1UL << at);
                    if (++incoming[m.DestinationIndex] == maxIn)
                    {
                        SetAside(pairsInto[m.DestinationIndex]);
                    }

                    if (++outgoing[m.SourceIndex] == maxOut)
                    {
                        SetAside(pairsFrom[m.SourceIndex]);
                    }

                    int then = successor[at];
                    if (several && then >= 0)
                    {
                        MakeReady(then); // with several moves per partition the next one may join this same wave
                    }
                }

                PushHead(pair);
            }

            scanning = false;
            waves.Add(BuildWave(diff, waves.Count + 1, chosen, done, inWave, options, cluster, offline, scratch));

            // The pairs read go back into the heap from their first move not taken (without a bytes cap a pair's
            // taken moves are its first ready ones; others are skipped when read).
            foreach (int pair in touchedPairs)
            {
                List<int> list = pairMoves[pair];
                while (start[pair] < list.Count && (ready[list[start[pair]] >> 6] & (1UL << list[start[pair]])) == 0)
                {
                    start[pair]++;
                }

                cursor[pair] = start[pair];
                PushHead(pair);
                touched[pair] = false;
            }

            touchedPairs.Clear();
            for (int i = 0; i < chosen.Count; i++)
            {
                Move m = chosen[i];
                done[m.Entry]++;
                inWave[m.Entry] = 0;
                int then = successor[chosenAt[i]];
                if (!several && then >= 0)
                {
                    MakeReady(then);
                }
            }
        }



        // The pair's first unread ready move (past taken ones) goes into the heap, superseding any entry it had there;
        // in a wave, a pair with a broker at its limit is set aside at once.
        void PushHead(int pair)
        {
            if (inHeap[pair])
            {
                inHeap[pair] = false;
                pairsInHeap--;
                live -= scanning && waitsIn[pair] != wave ? 1 : 0;
            }

            List<int> list = pairMoves[pair];
            while (cursor[pair] < list.Count && (ready[list[cursor[pair]] >> 6] & (1UL << list[cursor[pair]])) == 0)
            {
                cursor[pair]++;
            }

            version[pair]++;
            if (cursor[pair] < list.Count)
            {
                Move m = moves[list[cursor[pair]]];
                heads.Enqueue((pair, version[pair]), list[cursor[pair]]);
                inHeap[pair] = true;
                pairsInHeap++;
                if (scanning && waitsIn[pair] != wave)
                {
                    if (incoming[m.DestinationIndex] >= maxIn || outgoing[m.SourceIndex] >= maxOut)
                    {
                        waitsIn[pair] = wave;
                    }
                    else
                    {
                        live++;
                    }
                }
            }
        }

        // A broker reached a limit: its pairs (into it, or from it) in the heap wait for the next wave.
        void SetAside(List<int> brokerPairs)
        {
            foreach (int pair in brokerPairs)
            {
                if (inHeap[pair] && waitsIn[pair] != wave)
                {
                    waitsIn[pair] = wave;
                    live--;
                }

                // A pair not in the heap (the one being read) is set aside when pushed back.
            }
        }

        // Move r becomes ready: into its pair's list in queue order. Taken moves stay in the list, so r may land before
        // the pair's start or cursor, with only taken moves between (every move read in this wave precedes r, which
        // follows the move just taken); when r is the pair's first unread move, it is pushed. (A pair set aside in this
        // wave keeps its cursor on a move before r, so it stays aside.)
        void MakeReady(int r)
        {
            ready[r >> 6] |= 1UL << r;
            int pair = pairOf[r];
            List<int> list = pairMoves[pair];
            int at = list.BinarySearch(r);
            at = at < 0 ? ~at : at;
            list.Insert(at, r);
            start[pair] = Math.Min(start[pair], at);
            if (at <= cursor[pair])
            {
                cursor[pair] = at;
                PushHead(pair);
            }
        }
    }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Waves</c>, <c>Moves</c>, <c>FinalReassignments</c> and <c>LeaderElections</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Waves = Waves.Select(w => new
        {
            w.Number, Moves = w.Moves.Length, Partitions = w.Reassignments.Length, w.Bytes, w.CrossRackBytes, w.Eta, w.ThrottleBytesPerSecond,
            ThrottledBrokers = Ids.Join(w.ThrottledBrokers),
        }),
        Moves = Waves.SelectMany(w => w.Moves.Select(m => new { Wave = w.Number, m.Topic, m.Partition, From = m.SourceBrokerId, To = m.BrokerId, m.Bytes, m.CrossRack })),
        FinalReassignments = DumpView.Lists(FinalReassignments),
        LeaderElections,
    };

    /// <summary>Renders the totals, every wave, the final reassignments and the leader elections.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("execution plan: ").Append(Waves.Length).Append(Waves.Length == 1 ? " wave, " : " waves, ").Append(MoveCount).Append(" moves, ")
          .Append(Bytes is { } b ? PartitionSizes.Format(b) : "bytes unknown").Append(", cross-rack ")
          .Append(CrossRackBytes is { } x ? PartitionSizes.Format(x) : "?").Append(", eta ").Append(Eta is { } e ? Wave.FormatEta(e) : "?")
          .Append(" (in ≤ ").Append(Options.EffectiveMaxIncoming).Append(", out ≤ ").Append(Options.EffectiveMaxOutgoing).Append(" per broker per wave)\n");
        foreach (Wave w in Waves)
        {
            w.AppendTo(sb);
        }

        if (!FinalReassignments.IsEmpty)
        {
            sb.Append("then submit (no data moves)\n");
            var table = new TextTable("topic", "partition", "replicas").AlignRight(1);
            foreach (PartitionReassignment r in FinalReassignments)
            {
                table.Add(r.Topic, Ids.Str(r.Partition), Ids.Join(r.Replicas));
            }

            table.AppendTo(sb, "  ");
        }

        if (!LeaderElections.IsEmpty)
        {
            sb.Append("then elect preferred leaders\n");
            var table = new TextTable("topic", "partition", "leader", "preferred").AlignRight(1, 2, 3);
            foreach (LeaderElection l in LeaderElections)
            {
                table.Add(l.Topic, Ids.Str(l.Partition), Ids.Str(l.CurrentLeader), Ids.Str(l.PreferredLeader));
            }

            table.AppendTo(sb, "  ");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The replica list of a partition after <paramref name="k"/> of its moves (current <paramref name="c"/>, target
    /// <paramref name="g"/>): the first k added brokers joined, as many removed non-leader brokers gone (the
    /// <paramref name="offline"/> ones first, then current order), the current leader (the first live replica) first
    /// unless <paramref name="targetOrder"/>; after the last move, the target itself.
    /// </summary>
    internal static int[] IntermediateList(ReadOnlySpan<int> c, ReadOnlySpan<int> g, int k, bool targetOrder, ReadOnlySpan<int> offline = default)
    {
        Span<int> list = c.Length + g.Length <= 128 ? stackalloc int[c.Length + g.Length] : new int[c.Length + g.Length];
        return list[..IntermediateList(c, g, k, targetOrder, list, offline)].ToArray();
    }

    /// <summary>Writes <see cref="IntermediateList(ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, ReadOnlySpan{int})"/> into <paramref name="list"/> (length ≥ |c| + |g|) and returns its length.</summary>
    internal static int IntermediateList(ReadOnlySpan<int> c, ReadOnlySpan<int> g, int k, bool targetOrder, Span<int> list, ReadOnlySpan<int> offline = default)
    {
        int added = 0;
        foreach (int id in g)
        {
            added += c.Contains(id) ? 0 : 1;
        }

        if (k >= added)
        {
            g.CopyTo(list);
            return g.Length;
        }

        // Joined: the first k brokers of g not in c. Gone: the first k brokers of c not in g other than the leader (the
        // first live replica), offline ones first.
        int lead = 0;
        while (!offline.IsEmpty && lead < c.Length - 1 && offline.Contains(c[lead]))
        {
            lead++;
        }

        int gone = 0;
        Span<bool> keep = c.Length <= 64 ? stackalloc bool[c.Length] : new bool[c.Length];
        keep.Fill(true);
        for (int pass = offline.IsEmpty ? 1 : 0; pass < 2; pass++)
        {
            for (int i = 0; i < c.Length && gone < k; i++)
            {
                if (i != lead && keep[i] && !g.Contains(c[i]) && (pass == 1 || offline.Contains(c[i])))
                {
                    keep[i] = false;
                    gone++;
                }
            }
        }

        int n = 0;
        if (!targetOrder)
        {
            list[n++] = c[lead];
        }

        int joined = 0;
        foreach (int id in g)
        {
            int at = c.IndexOf(id);
            bool take = at >= 0 ? keep[at] : joined++ < k;
            if (take && !list[..n].Contains(id))
            {
                list[n++] = id;
            }
        }

        for (int i = 0; i < c.Length; i++)
        {
            if (keep[i] && !list[..n].Contains(c[i]))
            {
                list[n++] = c[i];
            }
        }

        return n;
    }

    private static Wave BuildWave(ReassignmentDiff diff, int number, List<Move> chosen, int[] done, int[] inWave, ExecutionOptions options, Cluster? cluster, int[] offline, WaveScratch scratch)
    {
        var moves = ImmutableArray.CreateBuilder<ReplicaMove>(chosen.Count);
        long bytes = 0;
        long cross = 0;
        bool bytesKnown = true;
        bool crossKnown = cluster is not null;
        long[] bytesIn = scratch.BytesIn;
        long[] bytesOut = scratch.BytesOut;
        Array.Clear(bytesIn);
        Array.Clear(bytesOut);
        List<int> entries = scratch.Entries;
        entries.Clear();
        foreach (Move m in chosen)
        {
            string? rs = cluster?.RackOf(m.Source);
            string? rd = cluster?.RackOf(m.Destination);
            bool? crossRack = rs is null || rd is null ? null : !string.Equals(rs, rd, StringComparison.Ordinal);
            moves.Add(new ReplicaMove(diff.TopicOf(m.Entry), diff.PartitionOf(m.Entry), m.Destination, m.Source, m.Bytes < 0 ? null : m.Bytes, crossRack));
            bytesKnown &= m.Bytes >= 0;
            crossKnown &= crossRack.HasValue;
            long b = Math.Max(0, m.Bytes);
            bytes += b;
            cross += crossRack == true ? b : 0;
            bytesIn[m.DestinationIndex] += b;
            bytesOut[m.SourceIndex] += b;
            if (inWave[m.Entry] > 0)
            {
                entries.Add(m.Entry);
                inWave[m.Entry] = -inWave[m.Entry]; // listed once; restored below
            }
        }

        // One reassignment per partition of the wave, in entry (topic, partition) order. The throttled brokers are
        // every replica of those partitions before and after the wave; the throttled-replica lists (Kafka's strings)
        // are formatted when first read, from the same lists (see ThrottleLists).
        entries.Sort();
        int count = entries.Count;
        var reassignments = ImmutableArray.CreateBuilder<PartitionReassignment>(count);
        int[] waveEntries = entries.ToArray();
        int[] doneBefore = new int[count];
        HashSet<int> seen = scratch.Seen;
        seen.Clear();
        Span<int> scratchList = stackalloc int[64];
        for (int j = 0; j < count; j++)
        {
            int e = waveEntries[j];
            inWave[e] = -inWave[e];
            doneBefore[j] = done[e];
            ReadOnlySpan<int> c = diff.CurrentReplicas(e);
            ReadOnlySpan<int> g = diff.TargetReplicas(e);
            Span<int> before = c.Length + g.Length <= scratchList.Length ? scratchList : new int[c.Length + g.Length];
            before = before[..IntermediateList(c, g, done[e], options.TargetOrderWhileCopying, before, offline)];
            int[] after = IntermediateList(c, g, done[e] + inWave[e], options.TargetOrderWhileCopying, offline);
            reassignments.Add(new PartitionReassignment(diff.TopicOf(e), diff.PartitionOf(e), ImmutableCollectionsMarshal.AsImmutableArray(after)));
            foreach (int id in before)
            {
                seen.Add(id);
            }

            foreach (int id in after)
            {
                seen.Add(id);
            }
        }

        long rate = Math.Max(0, options.ThrottleBytesPerSecond);
        TimeSpan? eta = null;
        if (rate > 0 && bytesKnown)
        {
            long busiest = 0;
            for (int i = 0; i < bytesIn.Length; i++)
            {
                busiest = Math.Max(busiest, Math.Max(bytesIn[i], bytesOut[i]));
            }

            double seconds = (double)busiest / rate;
            if (seconds >= MaxEtaSeconds)
            {
                ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Wave {number}: {busiest} bytes through one broker at a throttle of {rate} bytes/s take {seconds:0.###e0} s, beyond what a TimeSpan holds (about 29,000 years); raise the throttle."), nameof(options));
            }

            eta = TimeSpan.FromSeconds(seconds);
        }

        seen.ExceptWith(offline);
        List<int> brokers = scratch.Brokers;
        brokers.Clear();
        brokers.AddRange(seen);
        brokers.Sort();
        ImmutableArray<PartitionReassignment> submitted = reassignments.MoveToImmutable();
        return new Wave(number, moves.MoveToImmutable(), submitted, new ThrottleLists(diff, waveEntries, doneBefore, options.TargetOrderWhileCopying, submitted, offline),
            ImmutableArray.Create(CollectionsMarshal.AsSpan(brokers)), rate,
            bytesKnown ? bytes : null, bytesKnown && crossKnown ? cross : null, eta);
    }

    /// <summary>
    /// Kafka's throttled-replica list <c>"p:b,p:b,…"</c>: distinct entries in the order of their strings (as Kafka's tool
    /// sorts them: <c>"10:1"</c> before <c>"2:1"</c>), built from integer pairs without formatting each entry twice.
    /// </summary>
    internal static string ThrottleList(List<(int Partition, int Broker)> entries)
    {
        entries.Sort(static (x, y) =>
        {
            int c = PartitionKey(x.Partition).CompareTo(PartitionKey(y.Partition));
            return c != 0 ? c : BrokerKey(x.Broker).CompareTo(BrokerKey(y.Broker));
        });
        var sb = new StringBuilder(entries.Count * 6);
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0 && entries[i] == entries[i - 1])
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(entries[i].Partition).Append(':').Append(entries[i].Broker);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A key that orders partition ids as the strings <c>"p:"</c> sort ordinally: the decimal digits read as base-11
    /// digits in ten places, the places after the last digit filled with 10, because ':' sorts after every digit.
    /// </summary>
    internal static long PartitionKey(int partition) => DecimalKey(partition, fill: 10, shift: 0);

    /// <summary>A key that orders broker ids as their decimal strings sort ordinally at the end of an entry: a string that ends first sorts first.</summary>
    internal static long BrokerKey(int broker) => DecimalKey(broker, fill: 0, shift: 1);

    private static long DecimalKey(int value, int fill, int shift)
    {
        // Up to ten digits (int.MaxValue has ten); 11^10 < 2^35, so the key fits easily.
        Span<int> digits = stackalloc int[10];
        int n = 0;
        uint v = (uint)value;
        do
        {
            digits[n++] = (int)(v % 10);
            v /= 10;
        }
        while (v > 0);

        long key = 0;
        for (int place = 0; place < 10; place++)
        {
            key = (key * 11) + (place < n ? digits[n - 1 - place] + shift : fill);
        }

        return key;
    }

    /// <summary>
    /// The first live current replica of entry <paramref name="entry"/>, or -1 when all are offline; throws when the
    /// target keeps an offline broker.
    /// </summary>
    private static int LiveLeader(ReassignmentDiff diff, int entry, int[] offline)
    {
        ReadOnlySpan<int> g = diff.TargetReplicas(entry);
        foreach (int id in g)
        {
            if (Array.BinarySearch(offline, id) >= 0)
            {
                ThrowHelper.Argument($"Partition {diff.TopicOf(entry)}-{diff.PartitionOf(entry)}: the target ({Ids.Join(g)}) keeps a replica on offline broker {id}, so the move could never complete; replace that broker by a live one.", "offlineBrokers");
            }
        }

        foreach (int id in diff.CurrentReplicas(entry))
        {
            if (Array.BinarySearch(offline, id) < 0)
            {
                return id;
            }
        }

        return -1;
    }

    private static int DenseIndex(Dictionary<int, int> dense, int brokerId)
    {
        if (!dense.TryGetValue(brokerId, out int index))
        {
            index = dense.Count;
            dense.Add(brokerId, index);
        }

        return index;
    }

    /// <summary>Buffers one plan reuses from wave to wave.</summary>
    private sealed class WaveScratch(int brokers)
    {
        public long[] BytesIn { get; } = new long[brokers];

        public long[] BytesOut { get; } = new long[brokers];

        public List<int> Entries { get; } = new();

        public List<int> Brokers { get; } = new();

        public HashSet<int> Seen { get; } = new();
    }

    /// <summary>The k-th (0-based) new replica of diff entry <c>Entry</c>: copied to <c>Destination</c> from <c>Source</c> (dense indexes for the counters).</summary>
    private readonly record struct Move(int Entry, int K, int Destination, int Source, long Bytes, int DestinationIndex, int SourceIndex);
}
