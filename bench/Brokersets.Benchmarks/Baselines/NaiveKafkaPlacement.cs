using System.Collections.Generic;
using System.Linq;

namespace Brokersets.Benchmarks.Baselines;

/// <summary>Kafka's rack-unaware <c>assignReplicasToBrokers</c> as a user would port it: a map of lists per topic.</summary>
public static class NaiveKafkaPlacement
{
    public static Dictionary<string, Dictionary<int, List<int>>> PlaceAll(PlacementSpec spec, int startIndex, int replicaShift)
    {
        var result = new Dictionary<string, Dictionary<int, List<int>>>();
        foreach (TopicSpec topic in spec.Topics)
        {
            List<int> brokers = spec.Brokersets.First(b => b.Name == topic.BrokersetName).BrokerIds.ToList();
            int n = brokers.Count;
            var ret = new Dictionary<int, List<int>>();
            int shift = replicaShift;
            for (int p = 0; p < topic.Partitions; p++)
            {
                if (p > 0 && p % n == 0)
                {
                    shift++;
                }

                int first = (p + startIndex) % n;
                var replicas = new List<int> { brokers[first] };
                for (int j = 0; j < topic.ReplicationFactor - 1; j++)
                {
                    int s = 1 + ((shift + j) % (n - 1));
                    replicas.Add(brokers[(first + s) % n]);
                }

                ret[p] = replicas;
            }

            result[topic.Topic] = ret;
        }

        return result;
    }
}
