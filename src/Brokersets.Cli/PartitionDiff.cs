using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace Brokersets.Cli;

/// <summary>
/// A <see cref="ReassignmentDiff"/> of two Kafka reassignment files compared per (topic, partition), which may list
/// any subset of partitions (a rollback block, a proposal) and replica lists of different lengths within a topic.
/// </summary>
/// <remarks>
/// <see cref="ReassignmentDiff"/> compares assignments of whole topics with one replication factor. The files are
/// adapted to it: the target's partitions are grouped by (topic, current length, target length), each group packed
/// into a dense stand-in topic on both sides, and the rows mapped back to their topic and partition.
/// </remarks>
internal sealed class PartitionDiff
{
    private readonly Dictionary<string, (string Topic, int[] Partitions)> _groups;

    private PartitionDiff(ReassignmentDiff diff, Dictionary<string, (string Topic, int[] Partitions)> groups, ImmutableArray<PartitionReassignment> onlyInCurrent)
    {
        Diff = diff;
        _groups = groups;
        OnlyInCurrent = onlyInCurrent;
    }

    /// <summary>The diff over the stand-in topics: its totals and per-broker traffic are the files' own.</summary>
    public ReassignmentDiff Diff { get; }

    /// <summary>Partitions the current file lists and the target does not: left as they are (Kafka reassigns only what a file lists).</summary>
    public ImmutableArray<PartitionReassignment> OnlyInCurrent { get; }

    /// <summary>One row per changed partition, with its real topic and partition, sorted by topic (ordinal), then partition.</summary>
    public ImmutableArray<PartitionChange> Changes => Diff.Changes
        .Select(c => c with { Topic = _groups[c.Topic].Topic, Partition = _groups[c.Topic].Partitions[c.Partition] })
        .OrderBy(c => c.Topic, StringComparer.Ordinal).ThenBy(c => c.Partition)
        .ToImmutableArray();

    /// <summary>The target list of every changed partition, in Kafka's order: what <c>--format kafka-json</c> prints.</summary>
    public ImmutableArray<PartitionReassignment> ChangedPartitions =>
        KafkaOutput.Sorted(Changes.Select(c => new PartitionReassignment(c.Topic, c.Partition, c.Target)));

    /// <summary>Compares <paramref name="target"/> with <paramref name="current"/>.</summary>
    /// <exception cref="InputException">A target partition is not in the current file.</exception>
    public static PartitionDiff Create(ImmutableArray<PartitionReassignment> current, ImmutableArray<PartitionReassignment> target, string currentSource, string targetSource)
    {
        var now = current.ToDictionary(e => (e.Topic, e.Partition));
        var listed = new HashSet<(string, int)>();
        var groups = new Dictionary<(string Topic, int CurrentRf, int TargetRf), List<PartitionReassignment>>();
        foreach (PartitionReassignment t in target)
        {
            if (!now.TryGetValue((t.Topic, t.Partition), out PartitionReassignment? c))
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"{targetSource}: partition {t.Topic}-{t.Partition} is not in the current assignment ({currentSource}); Kafka reassigns existing partitions only"));
            }

            listed.Add((t.Topic, t.Partition));
            (string, int, int) key = (t.Topic, c.Replicas.Length, t.Replicas.Length);
            if (!groups.TryGetValue(key, out List<PartitionReassignment>? list))
            {
                groups[key] = list = new List<PartitionReassignment>();
            }

            list.Add(t);
        }

        var names = new Dictionary<string, (string Topic, int[] Partitions)>(StringComparer.Ordinal);
        var currentTopics = new List<TopicAssignment>();
        var targetTopics = new List<TopicAssignment>();
        foreach (((string topic, _, _), List<PartitionReassignment> list) in groups)
        {
            string name = "group" + names.Count.ToString(CultureInfo.InvariantCulture);
            PartitionReassignment[] sorted = list.OrderBy(e => e.Partition).ToArray();
            names[name] = (topic, sorted.Select(e => e.Partition).ToArray());
            currentTopics.Add(TopicAssignment.Create(name, sorted.Select(e => (IReadOnlyList<int>)now[(topic, e.Partition)].Replicas)));
            targetTopics.Add(TopicAssignment.Create(name, sorted.Select(e => (IReadOnlyList<int>)e.Replicas)));
        }

        ReassignmentDiff diff = ReassignmentDiff.Create(ClusterAssignment.Create(currentTopics), ClusterAssignment.Create(targetTopics));
        ImmutableArray<PartitionReassignment> onlyInCurrent = KafkaOutput.Sorted(current.Where(e => !listed.Contains((e.Topic, e.Partition))));
        return new PartitionDiff(diff, names, onlyInCurrent);
    }
}
