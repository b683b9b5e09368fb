using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// What changes from a current assignment to a target one: per partition the replicas added, removed and kept and
/// whether the preferred leader changes (order-only changes included); totals of partitions touched, replicas
/// moved, bytes moved, and per-broker traffic. <see cref="Apply(ClusterAssignment)"/> turns the current
/// assignment into the target exactly.
/// </summary>
/// <remarks>
/// <para>Every partition of the target must exist in the current assignment (Kafka reassigns existing partitions
/// only; new ones are created). A target may cover a prefix of a topic's partitions or a subset of its topics: what
/// it does not mention stays as it is, and is counted in <see cref="TopicsOnlyInCurrent"/> and
/// <see cref="PartitionsOnlyInCurrent"/> rather than silently dropped.</para>
/// <para>Stored flat: one small entry per changed partition; the replica lists are read from the two assignments.
/// Rows (<see cref="Changes"/>, <see cref="Brokers"/>) are built on first use.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{PartitionsTouched} partitions touched, {ReplicasMoved} replicas moved, {LeaderChanges} leader changes")]
public sealed class ReassignmentDiff
{
    private readonly TopicAssignment[] _current;
    private readonly TopicAssignment[] _target;
    private readonly Entry[] _entries;
    private ImmutableArray<PartitionChange> _changes;
    private ImmutableArray<BrokerTraffic> _brokers;

    private ReassignmentDiff(TopicAssignment[] current, TopicAssignment[] target, Entry[] entries, ImmutableArray<string> onlyInCurrent, int partitionsOnlyInCurrent, PartitionSizes sizes)
    {
        _current = current;
        _target = target;
        _entries = entries;
        TopicsOnlyInCurrent = onlyInCurrent;
        PartitionsOnlyInCurrent = partitionsOnlyInCurrent;
        Sizes = sizes;
        long bytes = 0;
        bool known = true;
        foreach (Entry e in entries)
        {
            ReplicasMoved += e.Added;
            ReplicasRemoved += e.Removed;
            LeaderChanges += e.LeaderChanged ? 1 : 0;
            OrderOnlyChanges += e.Added == 0 && e.Removed == 0 ? 1 : 0;
            if (e.Added > 0)
            {
                known &= e.Bytes >= 0;
                if (e.Bytes > 0 && e.Bytes > (long.MaxValue - bytes) / e.Added)
                {
                    ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"Topic '{target[e.Topic].Topic}', partition {e.Partition}: the bytes moved up to this partition exceed {long.MaxValue} bytes; check the partition sizes."), nameof(sizes));
                }

                bytes += e.Bytes < 0 ? 0 : e.Bytes * e.Added;
            }
        }

        foreach (TopicAssignment t in target)
        {
            PartitionsCompared += t.PartitionCount;
        }

        BytesMoved = known ? bytes : null;
    }

    /// <summary>The topics the target covers, in target order.</summary>
    public ImmutableArray<string> Topics => _target.Select(t => t.Topic).ToImmutableArray();

    /// <summary>Topics of the current assignment that the target does not mention (left as they are).</summary>
    public ImmutableArray<string> TopicsOnlyInCurrent { get; }

    /// <summary>Partitions of covered topics beyond the target's partition count (left as they are).</summary>
    public int PartitionsOnlyInCurrent { get; }

    /// <summary>The partition sizes the byte figures come from.</summary>
    public PartitionSizes Sizes { get; }

    /// <summary>Partitions the target covers.</summary>
    public int PartitionsCompared { get; }

    /// <summary>Partitions whose replica list changes (order included).</summary>
    public int PartitionsTouched => _entries.Length;

    /// <summary>Replicas copied to a broker that did not hold them (the data-moving part).</summary>
    public int ReplicasMoved { get; }

    /// <summary>Replicas dropped from a broker.</summary>
    public int ReplicasRemoved { get; }

    /// <summary>Partitions whose preferred leader changes.</summary>
    public int LeaderChanges { get; }

    /// <summary>Partitions whose brokers stay the same but whose order changes (no data moves).</summary>
    public int OrderOnlyChanges { get; }

    /// <summary>Bytes copied (size × replicas added, summed), or <see langword="null"/> when a moved partition's size is unknown.</summary>
    public long? BytesMoved { get; }

    /// <summary>Whether nothing changes.</summary>
    public bool IsEmpty => _entries.Length == 0;

    /// <summary>One row per changed partition, in target topic order, then partition order.</summary>
    public ImmutableArray<PartitionChange> Changes
    {
        get
        {
            if (_changes.IsDefault)
            {
                var rows = new PartitionChange[_entries.Length];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = RowOf(i);
                }

                ImmutableInterlocked.InterlockedInitialize(ref _changes, ImmutableArray.Create(rows));
            }

            return _changes;
        }
    }

    /// <summary>One row per broker that gains, loses or serves a replica, in ascending id order.</summary>
    public ImmutableArray<BrokerTraffic> Brokers
    {
        get
        {
            if (_brokers.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref _brokers, ComputeTraffic());
            }

            return _brokers;
        }
    }

    /// <summary>How many entries (changed partitions) the diff holds; index them with <see cref="TopicOf"/> and friends.</summary>
    public int Count => _entries.Length;

    /// <summary>The topic of changed partition <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public string TopicOf(int index) => _target[EntryAt(index).Topic].Topic;

    /// <summary>The partition id of changed partition <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public int PartitionOf(int index) => EntryAt(index).Partition;

    /// <summary>The current replicas of changed partition <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public ReadOnlySpan<int> CurrentReplicas(int index) => _current[EntryAt(index).Topic][_entries[index].Partition];

    /// <summary>The target replicas of changed partition <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public ReadOnlySpan<int> TargetReplicas(int index) => _target[EntryAt(index).Topic][_entries[index].Partition];

    /// <summary>The size of changed partition <paramref name="index"/> in bytes, or -1 when unknown.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public long BytesOf(int index) => EntryAt(index).Bytes;

    /// <summary>Compares two cluster assignments.</summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="target">What it should run; every topic and partition of it must exist in <paramref name="current"/>.</param>
    /// <param name="sizes">Partition sizes, for the byte figures; unknown when omitted.</param>
    /// <exception cref="ArgumentException">A target topic or partition is missing from the current assignment, or a target
    /// changes the replication factor of only some partitions; the message names the topic and partition.</exception>
    public static ReassignmentDiff Create(ClusterAssignment current, ClusterAssignment target, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        var cur = new TopicAssignment[target.Topics.Length];
        var covered = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < cur.Length; t++)
        {
            TopicAssignment tt = target.Topics[t];
            if (!current.TryGetTopic(tt.Topic, out TopicAssignment? ct))
            {
                ThrowHelper.Argument($"Topic '{tt.Topic}', partition 0 is in the target but not in the current assignment (the topic does not exist).", nameof(target));
            }

            cur[t] = ct;
            covered.Add(tt.Topic);
        }

        ImmutableArray<string> only = current.Topics.Where(t => !covered.Contains(t.Topic)).Select(t => t.Topic).ToImmutableArray();
        return Build(cur, target.Topics.ToArray(), only, sizes ?? PartitionSizes.Unknown);
    }

    /// <summary>Compares two assignments of one topic.</summary>
    /// <inheritdoc cref="Create(ClusterAssignment, ClusterAssignment, PartitionSizes?)"/>
    public static ReassignmentDiff Create(TopicAssignment current, TopicAssignment target, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        if (!string.Equals(current.Topic, target.Topic, StringComparison.Ordinal))
        {
            ThrowHelper.Argument($"Topic '{target.Topic}', partition 0 is in the target but not in the current assignment (which is of topic '{current.Topic}').", nameof(target));
        }

        return Build(new[] { current }, new[] { target }, ImmutableArray<string>.Empty, sizes ?? PartitionSizes.Unknown);
    }

    /// <summary>
    /// Applies the diff: returns <paramref name="current"/> with every target partition replaced by its target list
    /// (order included); partitions and topics the target does not mention are kept. Target topics come first, in
    /// target order, then the topics only in current, in current order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="current"/> is not the assignment the diff was computed from; the message names the first differing topic and partition.</exception>
    public ClusterAssignment Apply(ClusterAssignment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var topics = new List<TopicAssignment>(current.Topics.Length);
        for (int t = 0; t < _target.Length; t++)
        {
            if (!current.TryGetTopic(_target[t].Topic, out TopicAssignment? ct))
            {
                ThrowHelper.Argument($"Topic '{_target[t].Topic}' is not in the assignment the diff is applied to.", nameof(current));
            }

            topics.Add(ApplyTopic(t, ct));
        }

        var covered = new HashSet<string>(_target.Select(t => t.Topic), StringComparer.Ordinal);
        topics.AddRange(current.Topics.Where(t => !covered.Contains(t.Topic)));
        return ClusterAssignment.Create(topics);
    }

    /// <summary>Applies the diff to one topic's assignment; see <see cref="Apply(ClusterAssignment)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="current"/> is not the assignment the diff was computed from.</exception>
    public TopicAssignment Apply(TopicAssignment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        for (int t = 0; t < _target.Length; t++)
        {
            if (string.Equals(_target[t].Topic, current.Topic, StringComparison.Ordinal))
            {
                return ApplyTopic(t, current);
            }
        }

        return current;
    }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Changes</c> and <c>Brokers</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Changes = DumpView.Changes(Changes),
        Brokers,
    };

    /// <summary>Renders the totals, one row per changed partition, and the per-broker traffic.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("reassignment: ").Append(PartitionsTouched).Append(" of ").Append(PartitionsCompared).Append(" partitions touched, ")
          .Append(ReplicasMoved).Append(" replicas moved (").Append(BytesMoved is { } b ? PartitionSizes.Format(b) : "bytes unknown").Append("), ")
          .Append(ReplicasRemoved).Append(" removed, ").Append(LeaderChanges).Append(" leader changes, ")
          .Append(OrderOnlyChanges).Append(" order-only\n");
        if (!TopicsOnlyInCurrent.IsEmpty)
        {
            sb.Append("topics only in current (unchanged): ").Append(string.Join(", ", TopicsOnlyInCurrent)).Append('\n');
        }

        if (PartitionsOnlyInCurrent > 0)
        {
            sb.Append("partitions only in current (unchanged): ").Append(PartitionsOnlyInCurrent).Append('\n');
        }

        var table = new TextTable("topic", "partition", "current", "target", "added", "removed", "leader", "bytes").AlignRight(1, 7);
        foreach (PartitionChange c in Changes)
        {
            table.Add(c.Topic, Ids.Str(c.Partition), Ids.Join(c.Current), Ids.Join(c.Target), Ids.Join(c.Added), Ids.Join(c.Removed),
                c.LeaderChanged ? $"{c.Current[0]}→{c.Target[0]}" : "", c.Bytes is { } x ? PartitionSizes.Format(x) : "?");
        }

        table.AppendTo(sb, "  ");
        if (!Brokers.IsEmpty)
        {
            sb.Append("per broker\n");
            var brokers = new TextTable("broker", "in", "out", "serves", "bytes in", "bytes out").AlignRight(0, 1, 2, 3, 4, 5);
            foreach (BrokerTraffic t in Brokers)
            {
                brokers.Add(Ids.Str(t.BrokerId), Ids.Str(t.ReplicasIn), Ids.Str(t.ReplicasOut), Ids.Str(t.MovesServed),
                    t.BytesIn is { } i ? PartitionSizes.Format(i) : "?", t.BytesOut is { } o ? PartitionSizes.Format(o) : "?");
            }

            brokers.AppendTo(sb, "  ");
        }

        return sb.ToString();
    }

    private static ReassignmentDiff Build(TopicAssignment[] current, TopicAssignment[] target, ImmutableArray<string> onlyInCurrent, PartitionSizes sizes)
    {
        var entries = new List<Entry>();
        int extra = 0;
        for (int t = 0; t < target.Length; t++)
        {
            TopicAssignment c = current[t];
            TopicAssignment g = target[t];
            if (g.PartitionCount > c.PartitionCount)
            {
                ThrowHelper.Argument($"Topic '{g.Topic}', partition {c.PartitionCount} is in the target but not in the current assignment (it has {c.PartitionCount} partitions); create partitions before reassigning them.", nameof(target));
            }

            if (g.PartitionCount < c.PartitionCount && g.ReplicationFactor != c.ReplicationFactor)
            {
                ThrowHelper.Argument($"Topic '{g.Topic}': the target changes the replication factor {c.ReplicationFactor} → {g.ReplicationFactor} but covers only partitions 0..{g.PartitionCount - 1} of {c.PartitionCount}; a topic has one replication factor.", nameof(target));
            }

            extra += c.PartitionCount - g.PartitionCount;
            for (int p = 0; p < g.PartitionCount; p++)
            {
                ReadOnlySpan<int> cr = c[p];
                ReadOnlySpan<int> gr = g[p];
                if (cr.SequenceEqual(gr))
                {
                    continue;
                }

                int kept = Ids.Overlap(gr, cr);
                entries.Add(new Entry(t, p, gr.Length - kept, cr.Length - kept, cr[0] != gr[0], sizes.SizeOrUnknown(g.Topic, p)));
            }
        }

        return new ReassignmentDiff(current, target, entries.ToArray(), onlyInCurrent, extra, sizes);
    }

    private TopicAssignment ApplyTopic(int t, TopicAssignment current)
    {
        TopicAssignment baseline = _current[t];
        if (!ReferenceEquals(baseline, current) && !baseline.SameReplicasAs(current))
        {
            int p = 0;
            while (p < Math.Min(baseline.PartitionCount, current.PartitionCount) && baseline[p].SequenceEqual(current[p]))
            {
                p++;
            }

            ThrowHelper.Argument($"Topic '{current.Topic}', partition {p}: the assignment differs from the one this diff was computed from.", nameof(current));
        }

        TopicAssignment target = _target[t];
        if (target.PartitionCount == current.PartitionCount)
        {
            return target;
        }

        int rf = target.ReplicationFactor;
        int[] merged = new int[current.PartitionCount * rf];
        target.AsSpan().CopyTo(merged);
        current.AsSpan()[(target.PartitionCount * rf)..].CopyTo(merged.AsSpan(target.PartitionCount * rf));
        return new TopicAssignment(target.Topic, rf, merged, target.Brokerset, target.Warnings);
    }

    private PartitionChange RowOf(int i)
    {
        ReadOnlySpan<int> c = CurrentReplicas(i);
        ReadOnlySpan<int> g = TargetReplicas(i);
        Entry e = _entries[i];
        return new PartitionChange(TopicOf(i), e.Partition, ImmutableArray.Create(c.ToArray()), ImmutableArray.Create(g.ToArray()),
            Ids.Except(g, c), Ids.Except(c, g), Ids.Intersect(g, c), e.LeaderChanged, e.Added == 0 && e.Removed == 0, e.Bytes < 0 ? null : e.Bytes);
    }

    private ImmutableArray<BrokerTraffic> ComputeTraffic()
    {
        var rows = new SortedDictionary<int, (int In, int Out, int Served, long BytesIn, long BytesOut, bool Unknown)>();
        for (int i = 0; i < _entries.Length; i++)
        {
            Entry e = _entries[i];
            ReadOnlySpan<int> c = CurrentReplicas(i);
            ReadOnlySpan<int> g = TargetReplicas(i);
            long bytes = Math.Max(0, e.Bytes);
            bool unknown = e.Bytes < 0;
            foreach (int id in g)
            {
                if (!Ids.Contains(c, id))
                {
                    var r = rows.GetValueOrDefault(id);
                    rows[id] = (r.In + 1, r.Out, r.Served, r.BytesIn + bytes, r.BytesOut, r.Unknown | unknown);
                    var s = rows.GetValueOrDefault(c[0]);
                    rows[c[0]] = (s.In, s.Out, s.Served + 1, s.BytesIn, s.BytesOut + bytes, s.Unknown | unknown);
                }
            }

            foreach (int id in c)
            {
                if (!Ids.Contains(g, id))
                {
                    var r = rows.GetValueOrDefault(id);
                    rows[id] = (r.In, r.Out + 1, r.Served, r.BytesIn, r.BytesOut, r.Unknown);
                }
            }
        }

        return rows.Select(kv => new BrokerTraffic(kv.Key, kv.Value.In, kv.Value.Out, kv.Value.Served,
            kv.Value.Unknown ? null : kv.Value.BytesIn, kv.Value.Unknown ? null : kv.Value.BytesOut)).ToImmutableArray();
    }

    private ref readonly Entry EntryAt(int index)
    {
        if ((uint)index >= (uint)_entries.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Index {index} is outside the diff's {_entries.Length} changed partitions (0 ≤ index < Count)."));
        }

        return ref _entries[index];
    }

    private readonly record struct Entry(int Topic, int Partition, int Added, int Removed, bool LeaderChanged, long Bytes);
}
