using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// A topic's replica assignment: for each partition 0..P−1 an ordered list of RF distinct broker ids, the
/// preferred leader first. This is exactly what Kafka's CreateTopics, CreatePartitions and
/// AlterPartitionReassignments take. Stored flat (P·RF ids, row-major); read a partition with the indexer.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{Topic,nq}: {PartitionCount} partitions × RF {ReplicationFactor}")]
public sealed class TopicAssignment
{
    private readonly int[] _replicas;
    private ImmutableArray<PartitionRow> _rows;

    internal TopicAssignment(string topic, int replicationFactor, int[] replicas, Brokerset? brokerset, ImmutableArray<PlacementWarning> warnings)
    {
        Topic = topic;
        ReplicationFactor = replicationFactor;
        PartitionCount = replicas.Length / replicationFactor;
        _replicas = replicas;
        Brokerset = brokerset;
        Warnings = warnings.IsDefault ? ImmutableArray<PlacementWarning>.Empty : warnings;
    }

    /// <summary>The topic's name.</summary>
    public string Topic { get; }

    /// <summary>How many partitions the topic has (P).</summary>
    public int PartitionCount { get; }

    /// <summary>Replicas per partition (RF).</summary>
    public int ReplicationFactor { get; }

    /// <summary>The brokerset the topic was placed on, when it came from a placement strategy; otherwise <see langword="null"/>.</summary>
    public Brokerset? Brokerset { get; }

    /// <summary>Warnings raised while placing (rack collisions of the Orion formula, an overridden partition count).</summary>
    public ImmutableArray<PlacementWarning> Warnings { get; }

    /// <summary>The replicas of <paramref name="partition"/>, preferred leader first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The topic has no such partition.</exception>
    public ReadOnlySpan<int> this[int partition]
    {
        get
        {
            if ((uint)partition >= (uint)PartitionCount)
            {
                ThrowNoPartition(partition);
            }

            return _replicas.AsSpan(partition * ReplicationFactor, ReplicationFactor);
        }
    }

    /// <summary>The preferred leader (first replica) of <paramref name="partition"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The topic has no such partition.</exception>
    public int LeaderOf(int partition) => this[partition][0];

    /// <summary>All replicas, row-major (partition 0's RF ids, then partition 1's, …).</summary>
    public ReadOnlySpan<int> AsSpan() => _replicas;

    /// <summary>One row per partition (built on first use), for tables and <c>Dump()</c>.</summary>
    public ImmutableArray<PartitionRow> Rows
    {
        get
        {
            if (_rows.IsDefault)
            {
                var rows = new PartitionRow[PartitionCount];
                for (int p = 0; p < PartitionCount; p++)
                {
                    ReadOnlySpan<int> r = this[p];
                    rows[p] = new PartitionRow(p, ImmutableArray.Create(r.ToArray()), RacksOf(r));
                }

                ImmutableInterlocked.InterlockedInitialize(ref _rows, ImmutableArray.Create(rows));
            }

            return _rows;
        }
    }

    /// <summary>
    /// Creates an assignment from flat replicas (row-major, RF per partition, leader first), e.g. read from a
    /// cluster or from Kafka's reassignment JSON.
    /// </summary>
    /// <param name="topic">The topic's name.</param>
    /// <param name="replicationFactor">Replicas per partition, ≥ 1.</param>
    /// <param name="replicas">P·RF broker ids, P ≥ 1.</param>
    /// <exception cref="ArgumentException">An empty name or one Kafka refuses, a length that is not a positive multiple of RF, a negative id, or a broker twice in one partition; the message names the partition and broker.</exception>
    public static TopicAssignment Create(string topic, int replicationFactor, ReadOnlySpan<int> replicas)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            ThrowHelper.Argument("A topic assignment needs a topic name.", nameof(topic));
        }

        TopicNames.Check(topic, nameof(topic));
        if (replicationFactor < 1)
        {
            ThrowHelper.Argument($"Topic '{topic}': replication factor {replicationFactor} is less than 1.", nameof(replicationFactor));
        }

        if (replicas.IsEmpty || replicas.Length % replicationFactor != 0)
        {
            ThrowHelper.Argument($"Topic '{topic}': {replicas.Length} replica ids do not form whole partitions of {replicationFactor} replicas.", nameof(replicas));
        }

        int[] copy = replicas.ToArray();
        Validate(topic, replicationFactor, copy);
        return new TopicAssignment(topic, replicationFactor, copy, null, default);
    }

    /// <summary>Creates an assignment from one replica list per partition (partition 0 first).</summary>
    /// <exception cref="ArgumentException">No partitions, partitions of different sizes, a negative id, or a broker twice in one partition.</exception>
    public static TopicAssignment Create(string topic, IEnumerable<IReadOnlyList<int>> partitions)
    {
        IReadOnlyList<int>[] list = ThrowHelper.Elements(partitions, nameof(partitions));
        if (list.Length == 0)
        {
            ThrowHelper.Argument($"Topic '{topic}' has no partitions.", nameof(partitions));
        }

        int rf = list[0].Count;
        for (int p = 0; p < list.Length; p++)
        {
            if (list[p].Count != rf)
            {
                ThrowHelper.Argument($"Topic '{topic}': partition {p} has {list[p].Count} replicas but partition 0 has {rf}; every partition needs the same replication factor.", nameof(partitions));
            }
        }

        return Create(topic, rf, list.SelectMany(r => r).ToArray());
    }

    /// <summary>Whether both assignments have the same topic name and the same replica lists (order included).</summary>
    public bool SameReplicasAs(TopicAssignment other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Topic == Topic && other.ReplicationFactor == ReplicationFactor && other._replicas.AsSpan().SequenceEqual(_replicas);
    }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Partitions</c> and <c>Warnings</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Partitions = DumpView.Partitions(this),
        Warnings,
    };

    /// <summary>Renders a table: one row per partition with its replicas (and racks when known), then the warnings.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTable(sb);
        return sb.ToString();
    }

    internal void AppendTable(StringBuilder sb)
    {
        sb.Append(Topic).Append(": ").Append(PartitionCount).Append(" partitions × RF ").Append(ReplicationFactor);
        if (Brokerset is not null)
        {
            sb.Append(" on ").Append(Brokerset.Name);
        }

        sb.Append('\n');
        bool racks = Brokerset is not null && !Brokerset.Racks.IsEmpty;
        TextTable table = racks ? new TextTable("partition", "leader", "replicas", "racks") : new TextTable("partition", "leader", "replicas");
        table.AlignRight(0, 1);
        for (int p = 0; p < PartitionCount; p++)
        {
            ReadOnlySpan<int> r = this[p];
            string ids = Ids.Join(r);
            string pid = p.ToString(CultureInfo.InvariantCulture);
            string leader = r[0].ToString(CultureInfo.InvariantCulture);
            if (racks)
            {
                table.Add(pid, leader, ids, string.Join(",", RacksOf(r).Select(x => x ?? "?")));
            }
            else
            {
                table.Add(pid, leader, ids);
            }
        }

        table.AppendTo(sb, "  ");
        foreach (PlacementWarning w in Warnings)
        {
            sb.Append("  warning: ").Append(w.Message).Append('\n');
        }
    }

    private ImmutableArray<string?> RacksOf(ReadOnlySpan<int> replicas)
    {
        if (Brokerset is null || Brokerset.Racks.IsEmpty)
        {
            return ImmutableArray<string?>.Empty;
        }

        var racks = new string?[replicas.Length];
        for (int i = 0; i < replicas.Length; i++)
        {
            int pos = Brokerset.PositionOf(replicas[i]);
            racks[i] = pos < 0 ? null : Brokerset.Brokers[pos].Rack;
        }

        return ImmutableArray.Create(racks);
    }

    private static void Validate(string topic, int rf, int[] replicas)
    {
        for (int p = 0; p < replicas.Length / rf; p++)
        {
            ReadOnlySpan<int> row = replicas.AsSpan(p * rf, rf);
            for (int j = 0; j < row.Length; j++)
            {
                if (row[j] < 0)
                {
                    ThrowHelper.Argument($"Topic '{topic}', partition {p}: broker id {row[j]} is negative.", nameof(replicas));
                }

                for (int k = 0; k < j; k++)
                {
                    if (row[k] == row[j])
                    {
                        ThrowHelper.Argument($"Topic '{topic}', partition {p}: broker {row[j]} appears twice (replicas {k} and {j}).", nameof(replicas));
                    }
                }
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowNoPartition(int partition) =>
        throw new ArgumentOutOfRangeException(nameof(partition), partition, $"Topic '{Topic}' has {PartitionCount} partitions (0..{PartitionCount - 1}); partition {partition} does not exist.");
}
