using System;
using System.Linq;

namespace Brokersets.Tests.Placement;

/// <summary>Worked examples of the rack-aware strategy, derived by hand from the construction in docs/algorithms.md.</summary>
public class RackAwareExampleTests
{
    private static int[][] Rows(TopicAssignment a) => a.Rows.Select(r => r.Replicas.ToArray()).ToArray();

    [Fact]
    public void Place_SeedStrideZero_SequentialLikeOrion()
    {
        // Equal racks, leader order 1..6; stride 0 takes rack offsets 1, 2 at slot offset 0: δ = 1, 2.
        TopicAssignment a = PlacementStrategy.RackAware.Place(OrionStridePlacementTests.SeedBrokerset(), new TopicSpec("t", "B6", 6, 3, 0));
        int[][] expected = { new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 }, new[] { 4, 5, 6 }, new[] { 5, 6, 1 }, new[] { 6, 1, 2 } };
        Assert.Equal(expected, Rows(a));
    }

    [Fact]
    public void Place_SeedStrideOne_RackOffsetsSwap()
    {
        // stride 1: rack offsets 2 then 1: δ = 2, 1.
        TopicAssignment a = PlacementStrategy.RackAware.Place(OrionStridePlacementTests.SeedBrokerset(), new TopicSpec("t", "B6", 6, 3, 1));
        int[][] expected = { new[] { 1, 3, 2 }, new[] { 2, 4, 3 }, new[] { 3, 5, 4 }, new[] { 4, 6, 5 }, new[] { 5, 1, 6 }, new[] { 6, 2, 1 } };
        Assert.Equal(expected, Rows(a));
    }

    [Fact]
    public void Place_SeedStrideTwo_SlotOffsetOne()
    {
        // stride 2: rack offsets 1, 2 with slot offset 1: δ = 1 + 3, 2 + 3 = 4, 5.
        TopicAssignment a = PlacementStrategy.RackAware.Place(OrionStridePlacementTests.SeedBrokerset(), new TopicSpec("t", "B6", 6, 3, 2));
        int[][] expected = { new[] { 1, 5, 6 }, new[] { 2, 6, 1 }, new[] { 3, 1, 2 }, new[] { 4, 2, 3 }, new[] { 5, 3, 4 }, new[] { 6, 4, 5 } };
        Assert.Equal(expected, Rows(a));
    }

    [Fact]
    public void Place_IdsNotFollowingRacks_LeadersStillAlternateRacks()
    {
        // Ids 1-6 with racks a,a,b,b,c,c: Orion's stride 0 would pair 1,2 (both a).
        var cluster = Cluster.Create(new[] { new Broker(1, "a"), new Broker(2, "a"), new Broker(3, "b"), new Broker(4, "b"), new Broker(5, "c"), new Broker(6, "c") });
        Brokerset set = Brokerset.Parse("B", "1-6").WithRacks(cluster);

        // Racks by first appearance a, b, c; slots a = [1,2], b = [3,4], c = [5,6]; leader order 1,3,5,2,4,6.
        TopicAssignment a = PlacementStrategy.RackAware.Place(set, new TopicSpec("t", "B", 6, 3, 0));
        int[][] expected = { new[] { 1, 3, 5 }, new[] { 3, 5, 2 }, new[] { 5, 2, 4 }, new[] { 2, 4, 6 }, new[] { 4, 6, 1 }, new[] { 6, 1, 3 } };
        Assert.Equal(expected, Rows(a));
        Assert.Empty(a.Warnings);
        Assert.Equal(6, PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B", 6, 3, 0)).Warnings.Length);
    }

    [Fact]
    public void Place_UnevenRacks_HandDerivedTable()
    {
        // Racks a = {1,2,3}, b = {4,5}, c = {6}. Leader order (earliest deadline first): 1,4,2,5,3,6.
        // RF 2: each partition's follower comes from the other rack with the fewest followers per broker so far
        // (ties to the rack after the leader's), brokers of a rack round-robin.
        var cluster = Cluster.Create(new[] { new Broker(1, "a"), new Broker(2, "a"), new Broker(3, "a"), new Broker(4, "b"), new Broker(5, "b"), new Broker(6, "c") });
        Brokerset set = Brokerset.Parse("B", "1-6").WithRacks(cluster);
        TopicAssignment a = PlacementStrategy.RackAware.Place(set, new TopicSpec("t", "B", 6, 2, 0));
        int[][] expected = { new[] { 1, 4 }, new[] { 4, 1 }, new[] { 2, 5 }, new[] { 5, 2 }, new[] { 3, 6 }, new[] { 6, 3 } };
        Assert.Equal(expected, Rows(a));
    }
}

/// <summary>The adoption claim of docs/orion-migration.md.</summary>
public class RackAwareOrionAgreementTests
{
    [FsCheck.Xunit.Property(Arbitrary = new[] { typeof(Generators.EqualRackArbitraries) }, MaxTest = 200)]
    public void Place_CyclingIdsStrideZeroOnePeriod_EqualsOrion(Generators.PlacementCase c)
    {
        var layout = Generators.PlacementGenerators.Build(c.Layout.RackSizes, Generators.IdLayout.CyclingRange, c.Layout.Seed);
        int partitions = 1 + (c.Partitions % layout.Count);
        int rf = 1 + (c.ReplicationFactor % c.Layout.RackCount);
        var topic = new TopicSpec("t", "bs", partitions, rf, 0);

        Assert.True(PlacementStrategy.RackAware.Place(layout.Brokerset, topic).SameReplicasAs(PlacementStrategy.Orion.Place(layout.Brokerset, topic)));
    }
}
