using System;
using System.Collections.Generic;
using System.Linq;

namespace Brokersets.Tests.Model;

/// <summary>Every validation error names what is wrong and where (brokerset, topic, broker, range).</summary>
public class ValidationMessageTests
{
    private static readonly Cluster ThreeAzs = Cluster.Create(Enumerable.Range(1, 6).Select(id => new Broker(id, $"az{(id - 1) % 3}")));

    private static string Error(Action action) => Assert.ThrowsAny<ArgumentException>(action).Message.Split(" (Parameter")[0];

    [Fact]
    public void Brokerset_NegativeId_NamesIt() =>
        Assert.Equal("Brokerset 'B': broker id -2 is negative; broker ids are ≥ 0.", Error(() => Brokerset.Create("B", new[] { 1, -2 })));

    [Fact]
    public void BrokerIdRange_NegativeId_NamesTheRange() =>
        Assert.Equal("Broker id range -1-3 has a negative broker id; broker ids are ≥ 0.", Error(() => _ = new BrokerIdRange(-1, 3)));

    [Fact]
    public void Brokerset_DuplicateId_NamesBothPositions() =>
        Assert.Equal("Brokerset 'B': broker 4 is listed twice (positions 1 and 3).", Error(() => Brokerset.Create("B", new[] { 1, 4, 5, 4 })));

    [Fact]
    public void Brokerset_IdInTwoRanges_NamesBothRanges() =>
        Assert.Equal("Brokerset 'B': broker 5 is in two ranges (1-6 and 5-8).", Error(() => Brokerset.Parse("B", "1-6,5-8")));

    [Fact]
    public void BrokerIdRange_Reversed_SaysSo() =>
        Assert.Equal("Broker id range 6-1 is reversed: the first id must not exceed the last.", Error(() => Brokerset.Parse("B", "6-1")));

    [Fact]
    public void Brokerset_Empty_SaysSo() =>
        Assert.Equal("Brokerset 'B' is empty: it needs at least one broker.", Error(() => Brokerset.Create("B", Array.Empty<int>())));

    [Fact]
    public void PlacementSpec_UnknownBrokerset_ListsTheKnownOnes() =>
        Assert.Equal("Topic 't' names unknown brokerset 'X' (known: B, C).",
            Error(() => PlacementSpec.Create(new[] { Brokerset.Parse("B", "1-3"), Brokerset.Parse("C", "4-6") }, new[] { new TopicSpec("t", "X", 3) })));

    [Fact]
    public void Place_ReplicationFactorBelowOne_NamesTopic() =>
        Assert.Equal("Topic 't': replication factor 0 is less than 1.",
            Error(() => PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", 6, 0))));

    [Fact]
    public void Place_ReplicationFactorAboveBrokersetSize_NamesTopicAndBrokerset() =>
        Assert.Equal("Topic 't': replication factor 7 exceeds the 6 brokers of brokerset 'B'.",
            Error(() => PlacementStrategy.RackAware.Place(Brokerset.Parse("B", "1-6").WithRacks(ThreeAzs), new TopicSpec("t", "B", 6, 7))));

    [Fact]
    public void Place_NoPartitionCount_SaysWhereToSetIt() =>
        Assert.Equal("Topic 't' has no partition count and brokerset 'B' defines none; a topic needs at least 1 partition.",
            Error(() => PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B"))));

    [Fact]
    public void Place_NegativePartitionCount_NamesTopic() =>
        Assert.Equal("Topic 't': partition count -3 is negative.",
            Error(() => PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", -3))));

    [Fact]
    public void Place_NegativeStride_NamesTopic() =>
        Assert.Equal("Topic 't': stride -1 is negative.",
            Error(() => PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", 6, 3, -1))));

    [Fact]
    public void OrionStridePlacement_NegativeStepSize_SaysSo() =>
        Assert.Equal("Step size -3 is negative.", Error(() => _ = new OrionStridePlacement(-3)));

    [Fact]
    public void WithOverrides_OntoAMember_NamesOverrideAndBroker() =>
        Assert.Equal("Brokerset 'B': override 1 → 4 maps onto broker 4, which is already in the brokerset.",
            Error(() => Brokerset.Parse("B", "1-6").WithOverrides(BrokerOverrides.Create(new[] { KeyValuePair.Create(1, 4) }))));

    [Fact]
    public void WithOverrides_SwapOfTwoMembers_IsAllowed() =>
        Assert.Equal(new[] { 2, 1, 3 }, Brokerset.Parse("B", "1-3").WithOverrides(BrokerOverrides.Create(new[] { KeyValuePair.Create(1, 2), KeyValuePair.Create(2, 1) })).BrokerIds);

    [Fact]
    public void BrokerOverrides_RangesOfDifferentLength_SaysSo() =>
        Assert.Equal("Broker override 1-3 → 7-8: the in-range has 3 ids but the out-range has 2; they must have the same length.",
            Error(() => BrokerOverrides.FromRanges(new BrokerIdRange(1, 3), new BrokerIdRange(7, 8))));

    [Fact]
    public void Place_RackAwareWithoutRack_NamesBrokerAndPosition() =>
        Assert.Equal("Topic 't': the rack-aware strategy needs every broker's rack, but broker 7 (position 6 of brokerset 'B') has none; add it to the cluster file or use the Orion strategy.",
            Error(() => PlacementStrategy.RackAware.Place(Brokerset.Parse("B", "1-7").WithRacks(ThreeAzs), new TopicSpec("t", "B", 7))));

    [Fact]
    public void Place_WrongBrokerset_NamesBoth() =>
        Assert.Equal("Topic 't' is pinned to brokerset 'A' but was placed on brokerset 'B'.",
            Error(() => PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "A", 6))));

    [Fact]
    public void Place_DestinationTooShort_SaysHowMuchIsNeeded() =>
        Assert.Equal("Topic 't': the destination holds 10 broker ids but the assignment needs 18 (partitions × replication factor).",
            Error(() => PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", 6), new int[10])));

    [Fact]
    public void Cluster_DuplicateBroker_NamesIt() =>
        Assert.Equal("Cluster: broker 3 is listed twice.", Error(() => Cluster.Create(new[] { new Broker(3, "a"), new Broker(3, "b") })));

    [Fact]
    public void TopicAssignment_Indexer_OutOfRange_NamesTopicAndPartition()
    {
        TopicAssignment a = PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", 6));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => a[6].ToArray());
        Assert.StartsWith("Topic 't' has 6 partitions (0..5); partition 6 does not exist.", ex.Message);
    }

    [Fact]
    public void TopicAssignment_Create_DuplicateReplica_NamesPartitionAndBroker() =>
        Assert.Equal("Topic 't', partition 1: broker 2 appears twice (replicas 0 and 2).",
            Error(() => TopicAssignment.Create("t", 3, new[] { 1, 2, 3, 2, 4, 2 })));
}
