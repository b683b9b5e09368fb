using System;
using System.Collections.Generic;
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
        Brokerset set = RackedSet(random);
        int brokers = set.Count;
        int partitions = random.Next(2001, 2601);
        int rf = random.Next(2, 4);
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

    /// <summary>
    /// Within a rack the repair moves replicas from the fullest broker to the emptiest, each time the first movable
    /// replica by partition (a follower first). Found through the per-broker heaps or by scanning every row, the
    /// repaired assignment is the same: from Kafka's layout on all but 1–3 of the brokers (the rest start empty, so many
    /// moves), or from lists scattered over the brokerset and 2 brokers outside it; 1–2,500 partitions, 3–30 brokers.
    /// </summary>
    [Property(MaxTest = 40)]
    public bool Repair_IndexedOrScanned_SameAssignment(int seed)
    {
        var random = new Random(seed);
        Brokerset set = RackedSet(random);
        int brokers = set.Count;
        int partitions = random.Next(1, 2501);
        int rf = random.Next(1, 4);
        int[] ids = set.BrokerIds.ToArray();
        int empty = Math.Min(random.Next(1, 4), brokers - rf);
        TopicAssignment current = random.Next(2) == 0 && empty > 0
            ? new KafkaDefaultPlacement(random.Next(brokers), random.Next(brokers), rackMode: KafkaRackMode.Disabled)
                .Place(Brokerset.Create("S", ids.Take(brokers - empty)), new TopicSpec("t", "S", partitions, rf, 0))
            : TopicAssignment.Create("t", Enumerable.Range(0, partitions).Select(_ =>
                (IReadOnlyList<int>)ids.Concat(new[] { 900, 901 }).OrderBy(_ => random.Next()).Take(rf).ToArray()));
        TopicAssignment? indexed = PlacementRepair.Repair(current, set, indexed: true);
        TopicAssignment? scanned = PlacementRepair.Repair(current, set, indexed: false);
        return indexed is null ? scanned is null :
            scanned is not null && Enumerable.Range(0, partitions).All(p => indexed[p].SequenceEqual(scanned[p]));
    }

    /// <summary>A brokerset "B" of 3–30 brokers (ids from 100) on 1–4 racks, brokers dealt to racks in turn.</summary>
    private static Brokerset RackedSet(Random random)
    {
        int racks = random.Next(1, 5);
        int brokers = random.Next(Math.Max(3, racks), 31);
        Cluster cluster = ReassignmentGenerators.ClusterOf(brokers, racks);
        return Brokerset.Create("B", cluster.Brokers.Select(b => b.Id)).WithRacks(cluster);
    }
}
