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
        if (RackMode == KafkaRackMode.Disabled || brokerset.Layout is null)
        {
            Assign(brokerset.IdSpan, default, 0, default, default, partitions, rf, destination);
            return;
        }

        int n = brokerset.Count;
        int racks = brokerset.Layout.RackCount;

        // Kafka's rack-alternated list (ids, then each entry's rack rank), built once per brokerset.
        int[] alternated = brokerset.Layout.Derived(brokerset, static set =>
        {
            RackLayout layout = set.Layout!;
            int count = set.Count;
            int[] table = new int[2 * count];
            BuildRackAlternated(layout, set.IdSpan, table.AsSpan(0, count), table.AsSpan(count, count), new int[count + (2 * layout.RackCount)]);
            return table;
        });
        int length = n + racks;
        int[]? rented = length <= 512 ? null : ArrayPool<int>.Shared.Rent(length);
        Span<int> work = rented is null ? stackalloc int[length] : rented.AsSpan(0, length);
        work.Clear();
        Assign(alternated.AsSpan(0, n), alternated.AsSpan(n, n), racks, work[..n], work[n..], partitions, rf, destination);
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The partition loop shared by both modes: leader and shift per partition, then the followers, rack-unaware when
    /// <paramref name="racks"/> is 0 (the scratch spans are then unused), else by Kafka's rack-aware scan.
    /// </summary>
    /// <remarks>
    /// Kafka's follower candidates are <c>(first + 1 + ((x + k) mod (n − 1))) mod n</c>. Within a round (the partitions
    /// between two increments of the shift) x is fixed, so <c>x mod (n − 1)</c> is computed once per round, and the
    /// leader index, the candidates and the round position are stepped by one with a wrap instead of divided: no
    /// division per replica. Rack-unaware, follower j's offset <c>1 + ((x + j − 1) mod (n − 1))</c> is the same for every
    /// partition of the round and is computed once per round.
    /// </remarks>
    private void Assign(ReadOnlySpan<int> list, ReadOnlySpan<int> rackOfList, int racks, Span<int> brokerStamp, Span<int> rackStamp, int partitions, int rf, Span<int> destination)
    {
        int n = list.Length;
        if (n == 1)
        {
            destination[..partitions].Fill(list[0]); // RF is 1: every partition on the only broker
            return;
        }

        long shift = ReplicaShift;
        long p0 = StartPartition;
        int inRound = (int)(p0 % n);
        int first = (int)((p0 + StartIndex) % n);
        int m0 = (int)(shift * Math.Max(racks, 1) % (n - 1));
        int[]? rented = null;
        Span<int> offsets = rf <= 64 ? stackalloc int[64] : (rented = ArrayPool<int>.Shared.Rent(rf));
        Offsets(offsets, m0, rf, n);
        for (int i = 0; i < partitions; i++)
        {
            if (inRound == 0 && p0 + i > 0)
            {
                shift++;
                m0 = (int)(shift * Math.Max(racks, 1) % (n - 1));
                if (racks == 0)
                {
                    Offsets(offsets, m0, rf, n);
                }
            }

            Span<int> row = destination.Slice(i * rf, rf);
            row[0] = list[first];
            if (racks == 0)
            {
                for (int j = 1; j < rf; j++)
                {
                    int at = first + offsets[j];
                    row[j] = list[at >= n ? at - n : at];
                }
            }
            else
            {
                FillRackAware(list, rackOfList, racks, brokerStamp, rackStamp, i + 1, first, m0, row);
            }

            if (++first == n)
            {
                first = 0;
            }

            if (++inRound == n)
            {
                inRound = 0;
            }
        }

        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Rack-unaware follower offsets of a round: offsets[j] = 1 + ((m0 + j − 1) mod (n − 1)) for j = 1 … RF − 1.</summary>
    private static void Offsets(Span<int> offsets, int m0, int rf, int n)
    {
        int m = m0;
        for (int j = 1; j < rf; j++)
        {
            offsets[j] = 1 + m;
            if (++m == n - 1)
            {
                m = 0;
            }
        }
    }

    /// <summary>
    /// Kafka's rack-aware follower scan for one partition; <paramref name="stamp"/> marks this partition's brokers and
    /// racks, <paramref name="m0"/> is the round's <c>(shift · R) mod (n − 1)</c>.
    /// </summary>
    private static void FillRackAware(ReadOnlySpan<int> list, ReadOnlySpan<int> rackOfList, int racks, Span<int> brokerStamp, Span<int> rackStamp, int stamp, int first, int m0, Span<int> row)
    {
        int n = list.Length;
        int m = m0;
        if (row.Length <= racks && racks <= 64)
        {
            // Every follower takes a rack the partition lacks (so also a broker it lacks): only racks need marking.
            ulong used = 1UL << rackOfList[first];
            for (int j = 1; j < row.Length; j++)
            {
                int at;
                do
                {
                    at = first + 1 + m;
                    if (at >= n)
                    {
                        at -= n;
                    }

                    if (++m == n - 1)
                    {
                        m = 0;
                    }
                }
                while (((used >> rackOfList[at]) & 1) != 0);

                used |= 1UL << rackOfList[at];
                row[j] = list[at];
            }

            return;
        }

        brokerStamp[first] = stamp;
        rackStamp[rackOfList[first]] = stamp;
        int brokersUsed = 1;
        int racksUsed = 1;
        for (int j = 1; j < row.Length; j++)
        {
            while (true)
            {
                int at = first + 1 + m;
                if (at >= n)
                {
                    at -= n;
                }

                if (++m == n - 1)
                {
                    m = 0;
                }

                int rack = rackOfList[at];
                if ((rackStamp[rack] != stamp || racksUsed == racks) && (brokerStamp[at] != stamp || brokersUsed == n))
                {
                    row[j] = list[at];
                    if (rackStamp[rack] != stamp)
                    {
                        rackStamp[rack] = stamp;
                        racksUsed++;
                    }

                    if (brokerStamp[at] != stamp)
                    {
                        brokerStamp[at] = stamp;
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
