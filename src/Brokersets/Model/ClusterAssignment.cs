using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>The assignments of many topics of one cluster, in a fixed order (the order given).</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{Topics.Length} topics, {PartitionCount} partitions, {ReplicaCount} replicas")]
public sealed class ClusterAssignment
{
    private readonly FrozenDictionary<string, TopicAssignment> _byName;

    private ClusterAssignment(ImmutableArray<TopicAssignment> topics, FrozenDictionary<string, TopicAssignment> byName)
    {
        Topics = topics;
        _byName = byName;
        PartitionCount = topics.Sum(t => t.PartitionCount);
        ReplicaCount = topics.Sum(t => (long)t.PartitionCount * t.ReplicationFactor);
    }

    /// <summary>The topics' assignments in order.</summary>
    public ImmutableArray<TopicAssignment> Topics { get; }

    /// <summary>Partitions over all topics.</summary>
    public int PartitionCount { get; }

    /// <summary>Replicas over all topics.</summary>
    public long ReplicaCount { get; }

    /// <summary>Every topic's placement warnings, in topic order.</summary>
    public ImmutableArray<PlacementWarning> Warnings => Topics.SelectMany(t => t.Warnings).ToImmutableArray();

    /// <summary>The assignment of <paramref name="topic"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such topic; the message names it.</exception>
    public TopicAssignment this[string topic] =>
        _byName.TryGetValue(topic, out TopicAssignment? t) ? t : throw new KeyNotFoundException($"No assignment for topic '{topic}'.");

    /// <summary>Looks up the assignment of <paramref name="topic"/>.</summary>
    public bool TryGetTopic(string topic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TopicAssignment? assignment) =>
        _byName.TryGetValue(topic, out assignment);

    /// <summary>Creates a cluster assignment from topic assignments with distinct names.</summary>
    /// <exception cref="ArgumentException">A topic appears twice, or an element is null.</exception>
    public static ClusterAssignment Create(IEnumerable<TopicAssignment> topics)
    {
        ImmutableArray<TopicAssignment> list = ImmutableArray.Create(ThrowHelper.Elements(topics, nameof(topics)));
        var byName = new Dictionary<string, TopicAssignment>(StringComparer.Ordinal);
        foreach (TopicAssignment t in list)
        {
            if (!byName.TryAdd(t.Topic, t))
            {
                ThrowHelper.Argument($"Topic '{t.Topic}' appears twice.", nameof(topics));
            }
        }

        return new ClusterAssignment(list, byName.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Topics</c>, <c>Partitions</c> and <c>Warnings</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Topics = Topics.Select(t => new { t.Topic, Brokerset = t.Brokerset?.Name, Partitions = t.PartitionCount, t.ReplicationFactor }),
        Partitions = Topics.SelectMany(DumpView.Partitions),
        Warnings,
    };

    /// <summary>
    /// Renders a summary line (<c>assignment: T topics, P partitions, R replicas</c>), every topic's table, then the
    /// <see cref="ClusterReport"/>: per-broker and per-rack leader and replica counts, skews and rack violations.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("assignment: ").Append(Topics.Length).Append(" topics, ").Append(PartitionCount).Append(" partitions, ").Append(ReplicaCount).Append(" replicas\n");
        foreach (TopicAssignment t in Topics)
        {
            t.AppendTable(sb);
            sb.Append('\n');
        }

        sb.Append(ClusterReport.Create(this));
        return sb.ToString();
    }
}
