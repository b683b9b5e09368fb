using System;
using System.Linq;
using Brokersets;
using Brokersets.Internals;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

public class PlacementRepairTests
{
    /// <summary>
    /// Above 2,000 partitions the repair picks leaders by shortest augmenting paths, not the min-cost flow. From Kafka's
    /// own layout on the brokerset (2,001–2,600 partitions, 3–30 brokers, 1–4 racks, RF 2–3), the repair succeeds and
    /// every broker leads ⌊P/n⌋ or ⌈P/n⌉ partitions, each of them one of its replicas.
    /// </summary>
    [Property(MaxTest = 25)]
    public bool Repair_AboveMinCostLimit_EveryBrokerLeadsItsShare(int seed)
    {
        var random = new Random(seed);
        int racks = random.Next(1, 5);
        int brokers = random.Next(Math.Max(3, racks), 31);
        int partitions = random.Next(2001, 2601);
        int rf = random.Next(2, 4);
        Cluster cluster = ReassignmentGenerators.ClusterOf(brokers, racks);
        Brokerset set = Brokerset.Create("B", cluster.Brokers.Select(b => b.Id)).WithRacks(cluster);
        var kafka = new KafkaDefaultPlacement(random.Next(brokers), random.Next(brokers), rackMode: KafkaRackMode.Disabled);
        TopicAssignment current = kafka.Place(set, new TopicSpec("t", "B", partitions, rf, 0));
        TopicAssignment? repaired = PlacementRepair.Repair(current, set);
        if (repaired is null)
        {
            return false;
        }

        int[] led = set.BrokerIds.Select(id => Enumerable.Range(0, partitions).Count(p => repaired[p][0] == id)).ToArray();
        return led.All(count => count == partitions / brokers || count == ((partitions + brokers - 1) / brokers)) &&
               Enumerable.Range(0, partitions).All(p => repaired[p].ToArray().Distinct().Count() == rf);
    }
}
