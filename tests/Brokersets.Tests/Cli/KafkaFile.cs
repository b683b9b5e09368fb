using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Tests.Cli;

/// <summary>Reads the CLI's Kafka JSON back and applies it, as <c>kafka-reassign-partitions --execute</c> would.</summary>
internal static class KafkaFile
{
    /// <summary>(topic, partition) → replicas of a Kafka reassignment JSON text.</summary>
    public static Dictionary<(string Topic, int Partition), int[]> Lists(string json) =>
        ReassignmentJson.ReadPartitions(json, "cli output").ToDictionary(e => (e.Topic, e.Partition), e => e.Replicas.ToArray());

    /// <summary>(topic, partition) → replicas of an assignment.</summary>
    public static Dictionary<(string Topic, int Partition), int[]> Lists(ClusterAssignment assignment) =>
        assignment.Topics.SelectMany(t => Enumerable.Range(0, t.PartitionCount).Select(p => (t.Topic, p, t[p].ToArray())))
            .ToDictionary(x => (x.Topic, x.p), x => x.Item3);

    /// <summary><paramref name="current"/> with every partition of <paramref name="reassignment"/> replaced; a partition not in current fails.</summary>
    public static Dictionary<(string Topic, int Partition), int[]> Apply(Dictionary<(string Topic, int Partition), int[]> current, string reassignment)
    {
        var result = new Dictionary<(string, int), int[]>(current);
        foreach (KeyValuePair<(string Topic, int Partition), int[]> e in Lists(reassignment))
        {
            Assert.True(current.ContainsKey(e.Key), $"{e.Key.Topic}-{e.Key.Partition} is not in the current assignment");
            result[e.Key] = e.Value;
        }

        return result;
    }

    /// <summary>Asserts both maps hold the same partitions with the same lists (order included).</summary>
    public static void AssertSame(Dictionary<(string Topic, int Partition), int[]> expected, Dictionary<(string Topic, int Partition), int[]> actual)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k).ToArray(), actual.Keys.OrderBy(k => k).ToArray());
        foreach (KeyValuePair<(string Topic, int Partition), int[]> e in expected)
        {
            Assert.True(e.Value.SequenceEqual(actual[e.Key]), $"{e.Key.Topic}-{e.Key.Partition}: expected [{string.Join(",", e.Value)}], got [{string.Join(",", actual[e.Key])}]");
        }
    }
}
