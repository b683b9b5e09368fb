using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Placement;

/// <summary>
/// The hard guarantees of algorithms.md §2 for the rack-aware strategy, over generated brokersets (1–300 brokers,
/// 1–6 racks of unequal sizes, shuffled and non-contiguous ids, racks in any order), 1–1,000 partitions, RF 1–5,
/// strides 0–20. Each property states one invariant that a reader can check by eye.
/// </summary>
[Properties(Arbitrary = new[] { typeof(PlacementArbitraries) }, MaxTest = 300)]
public class RackAwareGuaranteeTests
{
    private static readonly RackAwareStridePlacement Strategy = PlacementStrategy.RackAware;

    [Property]
    public void Place_AnyInput_EveryPartitionHasRfDistinctBrokersOfTheBrokerset(PlacementCase c)
    {
        TopicAssignment a = Strategy.Place(c.Layout.Brokerset, c.Topic);
        Assert.Equal(c.Partitions, a.PartitionCount);
        for (int p = 0; p < a.PartitionCount; p++)
        {
            int[] replicas = a[p].ToArray();
            Assert.Equal(c.ReplicationFactor, replicas.Length);
            Assert.Equal(replicas.Length, replicas.Distinct().Count());
            Assert.All(replicas, id => Assert.True(c.Layout.Brokerset.Contains(id), $"p{p}: broker {id} is not in the brokerset"));
        }
    }

    [Property]
    public void Place_AnyInput_ReplicasOfAPartitionSpreadOverRacksAsEvenlyAsTheyAllow(PlacementCase c)
    {
        TopicAssignment a = Strategy.Place(c.Layout.Brokerset, c.Topic);
        string[] rackNames = c.Layout.Brokerset.Racks.ToArray();
        Dictionary<string, int> capacity = rackNames.ToDictionary(r => r, r => c.Layout.Brokerset.Brokers.Count(b => b.Rack == r));
        for (int p = 0; p < a.PartitionCount; p++)
        {
            var count = rackNames.ToDictionary(r => r, _ => 0);
            foreach (int id in a[p])
            {
                count[c.Layout.RackOf(id)]++;
            }

            if (c.ReplicationFactor <= rackNames.Length)
            {
                Assert.True(count.Values.All(x => x <= 1), $"p{p}: two replicas share a rack although RF ≤ racks");
            }
            else
            {
                // water-filling: a rack may hold 2+ fewer than another only when it is full
                foreach (string low in rackNames)
                {
                    foreach (string high in rackNames)
                    {
                        Assert.True(count[low] >= count[high] - 1 || count[low] == capacity[low],
                            $"p{p}: rack {low} holds {count[low]} and rack {high} holds {count[high]} though {low} has room");
                    }
                }
            }
        }
    }

    [Property]
    public void Place_AnyInput_LeadersPerBrokerDifferByAtMostOne(PlacementCase c)
    {
        TopicAssignment a = Strategy.Place(c.Layout.Brokerset, c.Topic);
        Dictionary<int, int> leaders = c.Layout.Brokerset.BrokerIds.ToDictionary(id => id, _ => 0);
        for (int p = 0; p < a.PartitionCount; p++)
        {
            leaders[a.LeaderOf(p)]++;
        }

        Assert.True(leaders.Values.Max() - leaders.Values.Min() <= 1, $"leaders per broker range {leaders.Values.Min()}..{leaders.Values.Max()}");
    }

    [Property]
    public void Place_AnyInput_EveryRackLeadsItsProportionalShareWithinOne(PlacementCase c)
    {
        TopicAssignment a = Strategy.Place(c.Layout.Brokerset, c.Topic);
        int n = c.Layout.Count;
        foreach (string rack in c.Layout.Brokerset.Racks)
        {
            int size = c.Layout.Brokerset.Brokers.Count(b => b.Rack == rack);
            int led = Enumerable.Range(0, a.PartitionCount).Count(p => c.Layout.RackOf(a.LeaderOf(p)) == rack);
            double share = (double)c.Partitions * size / n;
            Assert.True(Math.Abs(led - share) <= 1.0, $"rack {rack} ({size} of {n} brokers) leads {led}, share {share:0.00}");
        }
    }

    [Property]
    public void Place_AnyInput_BrokersOfOneRackHoldBalancedReplicaCounts(PlacementCase c)
    {
        TopicAssignment a = Strategy.Place(c.Layout.Brokerset, c.Topic);
        Dictionary<int, int> replicas = c.Layout.Brokerset.BrokerIds.ToDictionary(id => id, _ => 0);
        foreach (int id in a.AsSpan())
        {
            replicas[id]++;
        }

        bool whole = c.Partitions % c.Layout.Count == 0;
        int allowed = whole ? 1 : c.ReplicationFactor;
        foreach (IGrouping<string, int> rack in c.Layout.Brokerset.BrokerIds.GroupBy(c.Layout.RackOf))
        {
            int[] counts = rack.Select(id => replicas[id]).ToArray();
            Assert.True(counts.Max() - counts.Min() <= allowed, $"rack {rack.Key}: replica counts {counts.Min()}..{counts.Max()}, allowed spread {allowed}");
        }

        if (whole && c.Layout.EqualRacks)
        {
            int each = c.Partitions / c.Layout.Count * c.ReplicationFactor;
            Assert.All(replicas, kv => Assert.Equal(each, kv.Value));
        }
    }

    [Property]
    public void Place_SameInputTwice_SameOutputAndSpanOverloadAgrees(PlacementCase c)
    {
        TopicAssignment first = Strategy.Place(c.Layout.Brokerset, c.Topic);

        // an equal brokerset built afresh from the same brokers
        Brokerset again = Brokerset.Create(c.Layout.Brokerset.Name, c.Layout.Brokerset.Brokers.ToArray());
        TopicAssignment second = Strategy.Place(again, c.Topic);
        int[] buffer = new int[c.Partitions * c.ReplicationFactor + 3];
        buffer.AsSpan().Fill(-7);
        Strategy.Place(c.Layout.Brokerset, c.Topic, buffer);

        Assert.True(first.SameReplicasAs(second));
        Assert.Equal(first.AsSpan().ToArray(), buffer[..^3]);
        Assert.Equal(new[] { -7, -7, -7 }, buffer[^3..]);
    }

    [Property]
    public void Place_MorePartitions_ExistingPartitionsUnchanged(PlacementCase c, byte extra)
    {
        TopicAssignment small = Strategy.Place(c.Layout.Brokerset, c.Topic);
        TopicAssignment large = Strategy.Place(c.Layout.Brokerset, c.Topic with { Partitions = c.Partitions + 1 + extra });
        for (int p = 0; p < c.Partitions; p++)
        {
            Assert.Equal(small[p].ToArray(), large[p].ToArray());
        }
    }
}
