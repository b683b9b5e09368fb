using System;
using System.Linq;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Placement;

public class OrionStridePlacementTests
{
    /// <summary>The blog's brokerset: brokers 1–6, AZ1 = {1,4}, AZ2 = {2,5}, AZ3 = {3,6}.</summary>
    internal static Brokerset SeedBrokerset() =>
        Brokerset.Parse("B6", "1-6").WithRacks(Cluster.Create(
            new[] { 1, 2, 3, 4, 5, 6 }.Select(id => new Broker(id, $"AZ{((id - 1) % 3) + 1}"))));

    private static int[][] Rows(TopicAssignment a) => a.Rows.Select(r => r.Replicas.ToArray()).ToArray();

    [Fact]
    public void Place_SeedStrideZero_MatchesTheBlogTable()
    {
        TopicAssignment a = PlacementStrategy.Orion.Place(SeedBrokerset(), new TopicSpec("t", "B6", 6, 3, 0));

        // Pinterest's blog, "Placement and auto-balancing of partitions", stride 0: sequential.
        int[][] expected = { new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 }, new[] { 4, 5, 6 }, new[] { 5, 6, 1 }, new[] { 6, 1, 2 } };
        Assert.Equal(expected, Rows(a));
        Assert.Empty(a.Warnings);
    }

    [Fact]
    public void Place_SeedStrideOne_MatchesTheBlogTable()
    {
        TopicAssignment a = PlacementStrategy.Orion.Place(SeedBrokerset(), new TopicSpec("t", "B6", 6, 3, 1));

        // stride 1, step 3: each replica jumps 4 places.
        int[][] expected = { new[] { 1, 5, 3 }, new[] { 2, 6, 4 }, new[] { 3, 1, 5 }, new[] { 4, 2, 6 }, new[] { 5, 3, 1 }, new[] { 6, 4, 2 } };
        Assert.Equal(expected, Rows(a));
        Assert.Empty(a.Warnings);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Place_SeedExample_EachBrokerLeadsOneAndFollowsTwo_EachAzLeadsTwoAndFollowsFour(int stride)
    {
        Brokerset set = SeedBrokerset();
        TopicAssignment a = PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B6", 6, 3, stride));
        foreach (int id in set.BrokerIds)
        {
            Assert.Equal(1, a.Rows.Count(r => r.Leader == id));
            Assert.Equal(2, a.Rows.Count(r => r.Replicas.Skip(1).Contains(id)));
        }

        foreach (string az in set.Racks)
        {
            Assert.Equal(2, a.Rows.Count(r => r.Racks[0] == az));
            Assert.Equal(4, a.Rows.Sum(r => r.Racks.Skip(1).Count(x => x == az)));
        }
    }

    [Fact]
    public void Place_DuplicateBrokerCase_RefusesNamingTopicPartitionAndBroker()
    {
        // n = 4, stride 1, step 3: s·k + 1 = 4 ≡ 0 (mod 4), so replica 1 lands on the leader again.
        var ex = Assert.Throws<ArgumentException>(() =>
            PlacementStrategy.Orion.Place(Brokerset.Parse("B4", "10-13"), new TopicSpec("clicks", "B4", 4, 2, 1)));
        Assert.StartsWith("Topic 'clicks': Orion's formula puts broker 10 twice in partition 0 (replicas 0 and 1)", ex.Message);
    }

    [Fact]
    public void Place_DuplicateOnlyAtAHigherReplica_RefusesNamingThatReplica()
    {
        // n = 6, stride 1, step 2: step 3; replica 2 is 6 places on, back on the leader.
        var ex = Assert.Throws<ArgumentException>(() =>
            new OrionStridePlacement(2).Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", 6, 3, 1)));
        Assert.Contains("puts broker 1 twice in partition 0 (replicas 0 and 2)", ex.Message);
    }

    [Fact]
    public void Place_TwoAzsWithStepThree_WarnsOfRackCollisionsPerPartition()
    {
        // The formula never reads racks: brokers 1-6 alternate AZs a,b; stride 1 with k = 3 jumps 4 places,
        // an even number, so both replicas of every partition land in one AZ.
        Brokerset set = Brokerset.Parse("B", "1-6").WithRacks(Cluster.Create(
            new[] { 1, 2, 3, 4, 5, 6 }.Select(id => new Broker(id, id % 2 == 1 ? "a" : "b"))));
        TopicAssignment a = PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B", 6, 2, 1));

        Assert.Equal(new[] { 1, 5 }, a[0].ToArray());
        Assert.Equal(6, a.Warnings.Length);
        Assert.Equal("Topic 't', partition 0: brokers 1, 5 share rack a.", a.Warnings[0].Message);
        Assert.Equal("Topic 't', partition 1: brokers 2, 6 share rack b.", a.Warnings[1].Message);
        Assert.All(a.Warnings, w => Assert.Equal(PlacementWarningKind.RackCollision, w.Kind));

        // stride 0 alternates AZs: no warning
        Assert.Empty(PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B", 6, 2, 0)).Warnings);
    }

    [Fact]
    public void Place_NoRacksKnown_NoWarnings()
    {
        TopicAssignment a = PlacementStrategy.Orion.Place(Brokerset.Parse("B", "1-6"), new TopicSpec("t", "B", 12, 3, 2));
        Assert.Empty(a.Warnings);
    }

    [Fact]
    public void Place_BrokersetDefinesPartitions_BrokersetWinsAndConflictIsWarned()
    {
        Brokerset set = Brokerset.Parse("B", "1-6", partitions: 12);
        TopicAssignment a = PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B", 7, 3, 0));
        Assert.Equal(12, a.PartitionCount);
        PlacementWarning w = Assert.Single(a.Warnings);
        Assert.Equal(PlacementWarningKind.PartitionCountOverridden, w.Kind);
        Assert.Equal("Topic 't' asks for 7 partitions but brokerset 'B' fixes 12; the brokerset's count is used.", w.Message);

        Assert.Equal(12, PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B")).PartitionCount);
    }

    /// <summary>Replica j of partition i is B[(i + j·(s·k + 1)) mod n], computed here independently with BigInteger arithmetic.</summary>
    [Property(Arbitrary = new[] { typeof(PlacementArbitraries) }, MaxTest = 300)]
    public void Place_AnyValidInput_ReproducesTheFormulaOrRefusesExactlyTheDuplicateCases(PlacementCase c, byte step)
    {
        var orion = new OrionStridePlacement(step);
        int n = c.Layout.Count;
        var ids = c.Layout.Brokerset.BrokerIds;
        System.Numerics.BigInteger jump = (System.Numerics.BigInteger)c.Stride * step + 1;
        bool repeats = Enumerable.Range(1, c.ReplicationFactor - 1).Any(d => d * jump % n == 0);
        if (repeats)
        {
            var ex = Assert.Throws<ArgumentException>(() => orion.Place(c.Layout.Brokerset, c.Topic));
            Assert.Contains("Orion's formula puts broker", ex.Message);
            return;
        }

        TopicAssignment a = orion.Place(c.Layout.Brokerset, c.Topic);
        for (int i = 0; i < c.Partitions; i++)
        {
            for (int j = 0; j < c.ReplicationFactor; j++)
            {
                int expected = ids[(int)((i + (j * jump)) % n)];
                Assert.Equal(expected, a[i][j]);
            }
        }
    }

    [Fact]
    public void Place_Overrides_NewIdTakesTheOldPosition()
    {
        Brokerset set = Brokerset.Parse("B", "1-6").WithOverrides(BrokerOverrides.FromRanges(new BrokerIdRange(2, 3), new BrokerIdRange(20, 21)));
        Assert.Equal(new[] { 1, 20, 21, 4, 5, 6 }, set.BrokerIds);
        TopicAssignment a = PlacementStrategy.Orion.Place(set, new TopicSpec("t", "B", 6, 3, 0));
        Assert.Equal(new[] { 1, 20, 21 }, a[0].ToArray());
    }
}
