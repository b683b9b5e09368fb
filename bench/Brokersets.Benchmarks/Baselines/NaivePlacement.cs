using System.Collections.Generic;
using System.Linq;

namespace Brokersets.Benchmarks.Baselines;

/// <summary>
/// Placement as a user would write it without this library: the Orion formula over a <c>List&lt;int&gt;</c> of
/// broker ids, one <c>List&lt;List&lt;int&gt;&gt;</c> per topic, topics in a dictionary, LINQ for the brokerset lookup.
/// </summary>
public static class NaivePlacement
{
    public static Dictionary<string, List<List<int>>> PlaceAll(PlacementSpec spec, int stepSize = 3)
    {
        var result = new Dictionary<string, List<List<int>>>();
        foreach (TopicSpec topic in spec.Topics)
        {
            List<int> brokers = spec.Brokersets.First(b => b.Name == topic.BrokersetName).BrokerIds.ToList();
            int n = brokers.Count;
            int partitions = topic.Partitions;
            var assignment = new List<List<int>>();
            for (int i = 0; i < partitions; i++)
            {
                var replicas = new List<int>();
                for (int j = 0; j < topic.ReplicationFactor; j++)
                {
                    replicas.Add(brokers[(i + (j * ((topic.Stride * stepSize) + 1))) % n]);
                }

                assignment.Add(replicas);
            }

            result[topic.Topic] = assignment;
        }

        return result;
    }
}
