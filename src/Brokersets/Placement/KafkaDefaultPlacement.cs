using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Apache Kafka's classic default placement (<c>AdminUtils.assignReplicasToBrokers</c>, rack-unaware and
/// rack-aware), reproduced exactly, with the two numbers Kafka draws at random made explicit: the
/// <see cref="StartIndex"/> and the <see cref="ReplicaShift"/> (Kafka's <c>nextReplicaShift</c>). Use it to analyse
/// what a cluster without brokersets does today and to compare it with the stride strategies.
/// </summary>
/// <remarks>
/// <para><b>The algorithm.</b> Let L be the working broker list and n its size. Partition p (for p = P0 … P0+P−1,
/// where P0 is <see cref="StartPartition"/>) is led by <c>L[(p + StartIndex) mod n]</c>. A replica shift starts at
/// <see cref="ReplicaShift"/> and grows by one before every partition p &gt; 0 with p mod n = 0. Follower candidates
/// sit at <c>L[(f + 1 + ((x + k) mod (n − 1))) mod n]</c> for k = 0, 1, …, where f is the leader's index.
/// <list type="bullet">
/// <item><description>Rack-unaware: L is the brokerset in its order (Kafka's callers pass ascending ids; here the
/// order matters), x is the shift, and follower j is candidate k = j − 1.</description></item>
/// <item><description>Rack-aware: L is the rack-alternated list (<see cref="RackAlternatedBrokerList"/>), x is the shift
/// times the number of racks R, and one scan over k (not reset between followers) accepts a candidate unless it
/// repeats a broker, or repeats a rack while some rack has no replica of the partition yet.</description></item>
/// </list></para>
/// <para><b>Mode.</b> Rack-aware when every broker of the brokerset has a rack, rack-unaware when none has; when only
/// some have, Kafka's error (see <see cref="KafkaRackMode"/> for Kafka's other modes).</para>
/// <para><b>Partition numbering.</b> With <see cref="StartPartition"/> P0 = 0 the strategy behaves like any other.
/// With P0 &gt; 0 it places the partitions P0 … P0+P−1 that Kafka adds to a topic that has P0 already: the span
/// overload writes them in order (row i is partition P0 + i), <see cref="PlacePartitions"/> returns them with their
/// partition ids, and <see cref="PlacementStrategy.Place(Brokerset, TopicSpec)"/> refuses, because a
/// <see cref="TopicAssignment"/> always numbers its partitions from 0.</para>
/// <para><b>Stride</b> is ignored: Kafka has no such notion (every stride gives the same output).</para>
/// <para><b>Errors</b> follow Kafka's order and wording, prefixed with the topic: "Number of partitions must be larger
/// than 0.", "Replication factor must be larger than 0.", "Replication factor: {RF} larger than available brokers:
/// {n}." and "Not all brokers have rack information for replica rack aware assignment.".</para>
/// <para>Immutable; safe to share between threads. The span overload allocates nothing (scratch space is rented).</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class KafkaDefaultPlacement : PlacementStrategy
{
    /// <summary>Creates Kafka's placement with explicit start values.</summary>
    /// <param name="startIndex">The index in the working list of partition 0's leader (Kafka draws it from [0, n); any value ≥ 0 works modulo n).</param>
    /// <param name="replicaShift">Kafka's initial <c>nextReplicaShift</c> (drawn from [0, n); any value ≥ 0 works).</param>
    /// <param name="startPartition">Kafka's <c>startPartitionId</c>: the id of the first partition placed (0 for a new topic; the current partition count when adding partitions).</param>
    /// <param name="rackMode">How racks are used; Kafka's default is <see cref="KafkaRackMode.Enforced"/>.</param>
    /// <exception cref="ArgumentException">A value is negative, or <paramref name="rackMode"/> is undefined.</exception>
    public KafkaDefaultPlacement(int startIndex = 0, int replicaShift = 0, int startPartition = 0, KafkaRackMode rackMode = KafkaRackMode.Enforced)
    {
        if (startIndex < 0)
        {
            ThrowHelper.Argument($"Start index {startIndex} is negative.", nameof(startIndex));
        }

        if (replicaShift < 0)
        {
            ThrowHelper.Argument($"Replica shift {replicaShift} is negative.", nameof(replicaShift));
        }

        if (startPartition < 0)
        {
            ThrowHelper.Argument($"Start partition {startPartition} is negative.", nameof(startPartition));
        }

        if (rackMode is not (KafkaRackMode.Enforced or KafkaRackMode.Disabled or KafkaRackMode.Safe))
        {
            ThrowHelper.Argument($"Rack mode {(int)rackMode} is not defined.", nameof(rackMode));
        }

        StartIndex = startIndex;
        ReplicaShift = replicaShift;
        StartPartition = startPartition;
        RackMode = rackMode;
    }

    /// <summary>
    /// Kafka's fixed-start mode (<c>fixedStartIndex</c> ≥ 0): the same value for the start index and the replica shift.
    /// </summary>
    /// <exception cref="ArgumentException">A value is negative.</exception>
    public static KafkaDefaultPlacement FixedStart(int fixedStartIndex, int startPartition = 0) =>
        new(fixedStartIndex, fixedStartIndex, startPartition);

    /// <summary>
    /// The placement Kafka's ZooKeeper-era add-partitions used (<c>AdminZkClient.createNewPartitionsAssignment</c>):
    /// fixed start at the index of the first broker (in brokerset order; Kafka sorts by id) whose id is ≥ the current
    /// leader of partition 0 (0 when none is), placing from partition <paramref name="currentPartitionCount"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="currentPartitionCount"/> is less than 1.</exception>
    public static KafkaDefaultPlacement ForAddPartitions(Brokerset brokerset, int partition0Leader, int currentPartitionCount)
    {
        ArgumentNullException.ThrowIfNull(brokerset);
        if (currentPartitionCount < 1)
        {
            ThrowHelper.Argument($"A topic to add partitions to has at least 1 partition, not {currentPartitionCount}.", nameof(currentPartitionCount));
        }

        int start = brokerset.IdSpan.IndexOfAnyInRange(partition0Leader, int.MaxValue);
        return FixedStart(Math.Max(0, start), currentPartitionCount);
    }

    /// <summary>The index in the working list of partition 0's leader (Kafka's random <c>startIndex</c>).</summary>
    public int StartIndex { get; }

    /// <summary>The initial follower shift (Kafka's random <c>nextReplicaShift</c>).</summary>
    public int ReplicaShift { get; }

    /// <summary>The id of the first partition placed (Kafka's <c>startPartitionId</c>; 0 for a new topic).</summary>
    public int StartPartition { get; }

    /// <summary>How racks are used.</summary>
    public KafkaRackMode RackMode { get; }

    /// <inheritdoc/>
    public override string Name => "kafka";

    /// <summary>Renders <c>"kafka (start index 0, replica shift 0)"</c>, plus the start partition and rack mode when not the defaults.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"kafka (start index {StartIndex}, replica shift {ReplicaShift}") +
        (StartPartition > 0 ? string.Create(CultureInfo.InvariantCulture, $", start partition {StartPartition}") : string.Empty) +
        (RackMode != KafkaRackMode.Enforced ? $", racks {RackMode}" : string.Empty) + ")";

    /// <summary>
    /// Places the partitions <see cref="StartPartition"/> … <see cref="StartPartition"/> + P − 1 of
    /// <paramref name="topic"/> and returns them with their Kafka partition ids (what Kafka's CreatePartitions adds).
    /// </summary>
    /// <exception cref="ArgumentException">Kafka would refuse the input; the message names the topic.</exception>
    public ImmutableArray<PartitionRow> PlacePartitions(Brokerset brokerset, TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(brokerset);
        ArgumentNullException.ThrowIfNull(topic);
        int rf = topic.ReplicationFactor;
        CheckFirst(brokerset, topic);
        int count = PartitionCountOf(brokerset, topic);
        if ((long)StartPartition + count - 1 > int.MaxValue)
        {
            ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture,
                $"Topic '{topic.Topic}': start partition {StartPartition} + {count} partitions passes the largest partition id {int.MaxValue}."), nameof(topic));
        }

        int[] replicas = new int[checked(count * rf)];
        Place(brokerset, topic, replicas);
        bool racks = brokerset.HasAllRacks;
        var rows = ImmutableArray.CreateBuilder<PartitionRow>(replicas.Length / rf);
        for (int i = 0; i < replicas.Length / rf; i++)
        {
            ImmutableArray<int> ids = ImmutableArray.Create(replicas, i * rf, rf);
            ImmutableArray<string?> rackNames = ImmutableArray<string?>.Empty;
            if (racks)
            {
                var names = new string?[rf];
                for (int j = 0; j < rf; j++)
                {
                    names[j] = brokerset.Brokers[brokerset.PositionOf(ids[j])].Rack;
                }

                rackNames = ImmutableArray.Create(names);
            }

            rows.Add(new PartitionRow(StartPartition + i, ids, rackNames));
        }

        return rows.MoveToImmutable();
    }

    /// <summary>
    /// Kafka's rack-alternated broker list (<c>getRackAlternatedBrokerList</c>): racks sorted by name (ordinal, as Java
    /// compares strings), ids ascending inside each rack, then one broker from each rack in turn, skipping racks
    /// that are used up. Input order does not matter.
    /// </summary>
    /// <exception cref="ArgumentException">No brokers, a duplicate or negative id, or a broker without a rack.</exception>
    public static ImmutableArray<int> RackAlternatedBrokerList(IEnumerable<Broker> brokers)
    {
        Brokerset set = Brokerset.Create("rack-alternated", brokers);
        if (set.Layout is not { } layout)
        {
            return ThrowHelper.Argument<ImmutableArray<int>>("Every broker needs a rack to build the rack-alternated list.", nameof(brokers));
        }

        int[] list = new int[set.Count];
        int[] rackOfList = new int[set.Count];
        int[] scratch = new int[set.Count + (2 * layout.RackCount)];
        BuildRackAlternated(layout, set.IdSpan, list, rackOfList, scratch);
        return ImmutableArray.Create(list);
    }

    private protected override void CheckFirst(Brokerset brokerset, TopicSpec topic)
    {
        int partitions = brokerset.Partitions > 0 ? brokerset.Partitions : topic.Partitions;
        if (partitions <= 0)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': Number of partitions must be larger than 0.", nameof(topic));
        }

        if (topic.ReplicationFactor <= 0)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': Replication factor must be larger than 0.", nameof(topic));
        }

        if (topic.ReplicationFactor > brokerset.Count)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': Replication factor: {topic.ReplicationFactor} larger than available brokers: {brokerset.Count}.", nameof(topic));
        }

        if (RackMode == KafkaRackMode.Enforced && !brokerset.HasAllRacks && !brokerset.Racks.IsEmpty)
        {
            var missing = new List<int>();
            foreach (Broker b in brokerset.Brokers)
            {
                if (b.Rack is null)
                {
                    missing.Add(b.Id);
                }
            }

            ThrowHelper.Argument(
                $"Topic '{topic.Topic}': Not all brokers have rack information for replica rack aware assignment " +
                $"(brokerset '{brokerset.Name}': no rack for broker{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}).",
                nameof(brokerset));
        }
    }

    private protected override void CheckTopicAssignment(TopicSpec topic)
    {
        if (StartPartition > 0)
        {
            ThrowHelper.Argument(
                $"Topic '{topic.Topic}': start partition {StartPartition} places partitions {StartPartition} and up, but a topic assignment numbers partitions from 0; " +
                "use PlacePartitions or the span overload for added partitions.",
                nameof(topic));
        }
    }

    private protected override void CheckStrategy(Brokerset brokerset, TopicSpec topic, int partitions)
    {
        // Kafka's checks all run in CheckFirst, in Kafka's order.
    }

    private protected override void PlaceCore(Brokerset brokerset, TopicSpec topic, int partitions, Span<int> destination)
    {
        int rf = topic.ReplicationFactor;
        int n = brokerset.Count;
        if (n == 1)
        {
            destination.Fill(brokerset.IdSpan[0]); // RF is 1: every partition on the only broker
            return;
        }

        if (RackMode == KafkaRackMode.Disabled || brokerset.Layout is null)
        {
            // the working list twice over, so that leader index + offset (both < n) needs no wrap
            int[]? rentedList = n <= 256 ? null : ArrayPool<int>.Shared.Rent(2 * n);
            Span<int> doubled = rentedList is null ? stackalloc int[2 * n] : rentedList.AsSpan(0, 2 * n);
            brokerset.IdSpan.CopyTo(doubled);
            brokerset.IdSpan.CopyTo(doubled[n..]);
            Assign(doubled, default, 0, 1, partitions, rf, destination);
            if (rentedList is not null)
            {
                ArrayPool<int>.Shared.Return(rentedList);
            }

            return;
        }

        // Built once per brokerset: Kafka's rack-alternated list twice over, each entry's rack rank twice over, and
        // the list's rack period (the least p dividing n with rack(i) = rack(i + p)).
        int[] table = brokerset.Layout.Derived(brokerset, static set =>
        {
            RackLayout layout = set.Layout!;
            int count = set.Count;
            int[] built = new int[(4 * count) + 1];
            Span<int> list = built.AsSpan(0, 2 * count);
            Span<int> rackOfList = built.AsSpan(2 * count, 2 * count);
            BuildRackAlternated(layout, set.IdSpan, list[..count], rackOfList[..count], new int[count + (2 * layout.RackCount)]);
            list[..count].CopyTo(list[count..]);
            rackOfList[..count].CopyTo(rackOfList[count..]);
            built[4 * count] = RackPeriod(rackOfList[..count]);
            return built;
        });
        Assign(table.AsSpan(0, 2 * n), table.AsSpan(2 * n, 2 * n), brokerset.Layout.RackCount, table[4 * n], partitions, rf, destination);
    }

    /// <summary>The least p dividing n with <c>rackOfList[i] = rackOfList[i − p]</c> for every i ≥ p (n when the list has no shorter period).</summary>
    private static int RackPeriod(ReadOnlySpan<int> rackOfList)
    {
        int n = rackOfList.Length;
        for (int p = 1; p < n; p++)
        {
            if (n % p == 0 && rackOfList[p..].SequenceEqual(rackOfList[..^p]))
            {
                return p;
            }
        }

        return n;
    }

    /// <summary>
    /// The partition loop shared by both modes, round by round (a round is a run of partitions with one shift, at most
    /// n): the followers' offsets from the leader are worked out once per round and leader residue, then every row is
    /// read off the doubled working list. Rack-unaware when <paramref name="racks"/> is 0, else Kafka's rack-aware scan.
    /// </summary>
    /// <remarks>
    /// <para>Kafka's follower candidates are <c>(f + 1 + ((x + k) mod (n − 1))) mod n</c> for leader index f; within a
    /// round x is fixed, so the candidate offsets <c>1 + ((x + k) mod (n − 1))</c> are the same for every partition of the
    /// round. Rack-unaware, follower j is candidate j − 1 whatever the leader: one pattern per round.</para>
    /// <para>Rack-aware, whether a candidate is taken depends only on the offsets taken so far (a broker repeats iff its
    /// offset does) and on the racks at the leader's index plus those offsets. When the rack sequence of the list has a
    /// period p dividing n (p = R on equal racks: the list cycles through the racks), two leaders whose indices differ
    /// by a multiple of p see the same racks at every offset, so the scan's accepted offsets are the same: the round
    /// needs p scans, not n. Without a shorter period p = n and every partition is scanned, as Kafka does.</para>
    /// </remarks>
    /// <param name="list">The working list twice over (2n entries).</param>
    /// <param name="rackOfList">Rack-aware: each entry's rack rank, twice over; unused rack-unaware.</param>
    /// <param name="racks">R, or 0 for rack-unaware.</param>
    /// <param name="period">The rack period p (1 rack-unaware).</param>
    /// <param name="partitions">P, the number of partitions to place.</param>
    /// <param name="rf">The replication factor.</param>
    /// <param name="destination">P·RF ids, row-major.</param>
    private void Assign(ReadOnlySpan<int> list, ReadOnlySpan<int> rackOfList, int racks, int period, int partitions, int rf, Span<int> destination)
    {
        int n = list.Length / 2;
        long shift = ReplicaShift;
        long p0 = StartPartition;
        int inRound = (int)(p0 % n);
        int first = (int)((p0 + StartIndex) % n);
        if (inRound == 0 && p0 > 0)
        {
            shift++; // Kafka bumps the shift before every partition p > 0 with p mod n = 0
        }

        // pattern[r·RF + j]: replica j's offset from the leader, for leaders at round position ≡ r (mod p)
        int slots = Math.Min(period, Math.Min(n, partitions));
        int patternLength = slots * rf;
        int[]? rentedPattern = patternLength <= 256 ? null : ArrayPool<int>.Shared.Rent(patternLength);
        Span<int> pattern = rentedPattern is null ? stackalloc int[patternLength] : rentedPattern.AsSpan(0, patternLength);

        // Kafka's general acceptance rule needs per-partition marks (offsets, racks); with RF ≤ R ≤ 64 a rack bitmask does.
        bool marks = racks > 0 && (rf > racks || racks > 64);
        int[]? rentedMarks = !marks ? null : ArrayPool<int>.Shared.Rent(n + racks);
        Span<int> offsetStamp = marks ? rentedMarks.AsSpan(0, n) : default;
        Span<int> rackStamp = marks ? rentedMarks.AsSpan(n, racks) : default;
        offsetStamp.Clear();
        rackStamp.Clear();
        int stamp = 0;

        int done = 0;
        while (done < partitions)
        {
            int count = Math.Min(n - inRound, partitions - done);
            int m0 = (int)(shift * Math.Max(racks, 1) % (n - 1));
            int scans = Math.Min(period, count);
            for (int r = 0; r < scans; r++)
            {
                Span<int> offsets = pattern.Slice(r * rf, rf);
                int leader = first + r;
                if (racks == 0)
                {
                    UnawareOffsets(offsets, m0, n);
                }
                else if (!marks)
                {
                    RackAwareOffsets(rackOfList, leader >= n ? leader - n : leader, m0, n, offsets);
                }
                else
                {
                    RackAwareOffsets(rackOfList, racks, leader >= n ? leader - n : leader, m0, n, offsets, offsetStamp, rackStamp, ++stamp);
                }
            }

            WriteRound(list, pattern, period, first, count, rf, destination.Slice(done * rf, count * rf));
            done += count;
            first += count;
            if (first >= n)
            {
                first -= n;
            }

            inRound = 0;
            shift++;
        }

        if (rentedPattern is not null)
        {
            ArrayPool<int>.Shared.Return(rentedPattern);
        }

        if (rentedMarks is not null)
        {
            ArrayPool<int>.Shared.Return(rentedMarks);
        }
    }

    /// <summary>
    /// Writes the <paramref name="count"/> rows of a round: row t is led by index f = <paramref name="first"/> + t
    /// (mod n) and its replica j is <c>list[f + pattern[(t mod p)·RF + j]]</c>.
    /// </summary>
    private static void WriteRound(ReadOnlySpan<int> list, ReadOnlySpan<int> pattern, int period, int first, int count, int rf, Span<int> rows)
    {
        int n = list.Length / 2;
        int f = first;
        if (rf == 3 && period == 1)
        {
            // the common case, rack-unaware RF 3: two offsets for the whole round
            int a = pattern[1];
            int b = pattern[2];
            for (int o = 0; o + 2 < rows.Length; o += 3)
            {
                rows[o] = list[f];
                rows[o + 1] = list[f + a];
                rows[o + 2] = list[f + b];
                if (++f == n)
                {
                    f = 0;
                }
            }

            return;
        }

        if (rf == 3)
        {
            int r = 0;
            for (int o = 0; o + 2 < rows.Length; o += 3)
            {
                int at = 3 * r;
                rows[o] = list[f];
                rows[o + 1] = list[f + pattern[at + 1]];
                rows[o + 2] = list[f + pattern[at + 2]];
                if (++f == n)
                {
                    f = 0;
                }

                if (++r == period)
                {
                    r = 0;
                }
            }

            return;
        }

        int slot = 0;
        for (int t = 0; t < count; t++)
        {
            ReadOnlySpan<int> offsets = pattern.Slice(slot * rf, rf);
            Span<int> row = rows.Slice(t * rf, rf);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = list[f + offsets[j]];
            }

            if (++f == n)
            {
                f = 0;
            }

            if (++slot == period)
            {
                slot = 0;
            }
        }
    }

    /// <summary>Rack-unaware offsets of a round: 0 for the leader, then 1 + ((m0 + j − 1) mod (n − 1)) for j = 1 … RF − 1.</summary>
    private static void UnawareOffsets(Span<int> offsets, int m0, int n)
    {
        offsets[0] = 0;
        int m = m0;
        for (int j = 1; j < offsets.Length; j++)
        {
            offsets[j] = 1 + m;
            if (++m == n - 1)
            {
                m = 0;
            }
        }
    }

    /// <summary>
    /// Kafka's rack-aware scan for a leader at index <paramref name="leader"/> when RF ≤ R ≤ 64: every follower takes a
    /// rack the partition lacks (so also a broker it lacks), and a bitmask of the racks used decides. <paramref name="m0"/>
    /// is the round's <c>(shift · R) mod (n − 1)</c>; <paramref name="rackOfList"/> is doubled.
    /// </summary>
    private static void RackAwareOffsets(ReadOnlySpan<int> rackOfList, int leader, int m0, int n, Span<int> offsets)
    {
        offsets[0] = 0;
        ReadOnlySpan<int> racks = rackOfList.Slice(leader, n);
        ulong used = 1UL << racks[0];
        int m = m0;
        for (int j = 1; j < offsets.Length; j++)
        {
            int d;
            do
            {
                d = 1 + m;
                if (++m == n - 1)
                {
                    m = 0;
                }
            }
            while (((used >> racks[d]) & 1) != 0);

            used |= 1UL << racks[d];
            offsets[j] = d;
        }
    }

    /// <summary>
    /// Kafka's rack-aware scan under its full acceptance rule (RF &gt; R, or more than 64 racks): a candidate is taken
    /// unless it repeats a broker, or repeats a rack while some rack has no replica of the partition yet.
    /// <paramref name="offsetStamp"/> (by offset from the leader) and <paramref name="rackStamp"/> hold
    /// <paramref name="stamp"/> where this partition has a replica.
    /// </summary>
    private static void RackAwareOffsets(ReadOnlySpan<int> rackOfList, int racks, int leader, int m0, int n, Span<int> offsets, Span<int> offsetStamp, Span<int> rackStamp, int stamp)
    {
        ReadOnlySpan<int> rackAt = rackOfList.Slice(leader, n);
        offsets[0] = 0;
        offsetStamp[0] = stamp;
        rackStamp[rackAt[0]] = stamp;
        int brokersUsed = 1;
        int racksUsed = 1;
        int m = m0;
        for (int j = 1; j < offsets.Length; j++)
        {
            while (true)
            {
                int d = 1 + m;
                if (++m == n - 1)
                {
                    m = 0;
                }

                int rack = rackAt[d];
                if ((rackStamp[rack] != stamp || racksUsed == racks) && (offsetStamp[d] != stamp || brokersUsed == n))
                {
                    offsets[j] = d;
                    if (rackStamp[rack] != stamp)
                    {
                        rackStamp[rack] = stamp;
                        racksUsed++;
                    }

                    if (offsetStamp[d] != stamp)
                    {
                        offsetStamp[d] = stamp;
                        brokersUsed++;
                    }

                    break;
                }
            }
        }
    }

    /// <summary>
    /// Writes Kafka's rack-alternated list into <paramref name="list"/> and each entry's rack (its rank in ordinal
    /// rack-name order) into <paramref name="rackOfList"/>. <paramref name="scratch"/> holds n + 2R ints.
    /// </summary>
    private static void BuildRackAlternated(RackLayout layout, ReadOnlySpan<int> ids, Span<int> list, Span<int> rackOfList, Span<int> scratch)
    {
        int racks = layout.RackCount;
        int n = ids.Length;
        Span<int> sortedIds = scratch[..n];
        Span<int> order = scratch.Slice(n, racks);
        Span<int> start = scratch.Slice(n + racks, racks);

        // racks by name, ordinal (Java's String.compareTo on UTF-16 code units); insertion sort, R is small
        for (int r = 0; r < racks; r++)
        {
            int at = r;
            while (at > 0 && string.CompareOrdinal(layout.RackNames[order[at - 1]], layout.RackNames[r]) > 0)
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = r;
        }

        int fill = 0;
        int largest = 0;
        for (int j = 0; j < racks; j++)
        {
            int r = order[j];
            int size = layout.RackSize(r);
            start[j] = fill;
            for (int slot = 0; slot < size; slot++)
            {
                sortedIds[fill + slot] = ids[layout.Member(r, slot)];
            }

            sortedIds.Slice(fill, size).Sort();
            fill += size;
            largest = Math.Max(largest, size);
        }

        int o = 0;
        for (int t = 0; t < largest; t++)
        {
            for (int j = 0; j < racks; j++)
            {
                int end = j + 1 < racks ? start[j + 1] : n;
                if (start[j] + t < end)
                {
                    list[o] = sortedIds[start[j] + t];
                    rackOfList[o] = j;
                    o++;
                }
            }
        }
    }
}
