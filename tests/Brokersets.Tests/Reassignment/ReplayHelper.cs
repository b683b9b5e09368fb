using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;

namespace Brokersets.Tests.Reassignment;

/// <summary>Replays a plan's submissions on a (topic, partition) → replicas map, as Kafka would apply them.</summary>
internal static class ReplayHelper
{
    public static Dictionary<(string, int), int[]> ToMap(ClusterAssignment assignment)
    {
        var map = new Dictionary<(string, int), int[]>();
        foreach (TopicAssignment t in assignment.Topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                map[(t.Topic, p)] = t[p].ToArray();
            }
        }

        return map;
    }

    public static void Submit(Dictionary<(string, int), int[]> map, IEnumerable<PartitionReassignment> reassignments)
    {
        foreach (PartitionReassignment r in reassignments)
        {
            Assert.True(map.ContainsKey((r.Topic, r.Partition)), $"{r.Topic}-{r.Partition} does not exist");
            map[(r.Topic, r.Partition)] = r.Replicas.ToArray();
        }
    }

    public static bool SameAs(Dictionary<(string, int), int[]> map, ClusterAssignment assignment) =>
        ToMap(assignment).All(kv => map.TryGetValue(kv.Key, out int[]? r) && r.AsSpan().SequenceEqual(kv.Value)) &&
        map.Count == ToMap(assignment).Count;
}
