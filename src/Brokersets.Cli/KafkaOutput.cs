using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>Writes Kafka's reassignment JSON for the commands' <c>kafka-json</c> output and <c>--output-dir</c> files.</summary>
internal static class KafkaOutput
{
    /// <summary>The target list of every partition <paramref name="diff"/> changes (order included), sorted as Kafka sorts: topic (ordinal), then partition.</summary>
    public static ImmutableArray<PartitionReassignment> ChangedPartitions(ReassignmentDiff diff) => Lists(diff, target: true);

    /// <summary>The current list of every partition <paramref name="diff"/> changes, sorted: the rollback file.</summary>
    public static ImmutableArray<PartitionReassignment> RollbackPartitions(ReassignmentDiff diff) => Lists(diff, target: false);

    /// <summary><paramref name="entries"/> in Kafka's order: topic (ordinal), then partition.</summary>
    public static ImmutableArray<PartitionReassignment> Sorted(IEnumerable<PartitionReassignment> entries) =>
        entries.OrderBy(e => e.Topic, StringComparer.Ordinal).ThenBy(e => e.Partition).ToImmutableArray();

    /// <summary>
    /// Writes <paramref name="entries"/> as one line of Kafka's reassignment JSON v1. An empty list is written as
    /// <c>{"version":1,"partitions":[]}</c> with a note on <paramref name="stderr"/>, as Kafka's tool rejects it.
    /// </summary>
    public static void Write(ImmutableArray<PartitionReassignment> entries, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine(ReassignmentJson.Write(entries));
        if (entries.IsEmpty)
        {
            stderr.WriteLine("note: no partition changes; kafka-reassign-partitions rejects an empty reassignment, so there is nothing to execute");
        }
    }

    private static ImmutableArray<PartitionReassignment> Lists(ReassignmentDiff diff, bool target)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var entries = new List<PartitionReassignment>(diff.Count);
        for (int i = 0; i < diff.Count; i++)
        {
            ReadOnlySpan<int> replicas = target ? diff.TargetReplicas(i) : diff.CurrentReplicas(i);
            entries.Add(new PartitionReassignment(diff.TopicOf(i), diff.PartitionOf(i), ImmutableArray.Create(replicas.ToArray())));
        }

        return Sorted(entries);
    }
}
