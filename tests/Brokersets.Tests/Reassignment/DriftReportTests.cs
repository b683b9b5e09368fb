using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

public class DriftReportTests
{
    private static (Cluster Cluster, PlacementSpec Spec, ClusterAssignment Desired) Example()
    {
        Cluster cluster = ReassignmentGenerators.ClusterOf(12, 3); // brokers 100..111, racks r0..r2
        Brokerset b6 = Brokerset.Parse("B6", "100-105");
        Brokerset c6 = Brokerset.Parse("C6", "106-111");
        var spec = PlacementSpec.Create(new[] { b6, c6 }, new[] { new TopicSpec("orders", "B6", 6, 3, 0), new TopicSpec("clicks", "C6", 6, 3, 1), new TopicSpec("logs", "C6", 3, 3, 0) });
        return (cluster, spec, PlacementStrategy.RackAware.PlaceAll(spec.WithRacks(cluster)));
    }

    private static TopicAssignment Edit(TopicAssignment t, Action<int[][]> edit)
    {
        int[][] rows = Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).ToArray();
        edit(rows);
        return TopicAssignment.Create(t.Topic, rows);
    }

    [Fact]
    public void Create_ObservedEqualsDesired_IsClean()
    {
        var (cluster, spec, desired) = Example();
        DriftReport report = DriftReport.Create(spec, cluster, desired);
        Assert.True(report.IsClean, report.ToString());
        Assert.True(report.Repair.IsEmpty);
    }

    [Fact]
    public void Create_EveryKindOfDrift_ListedCheapestFirstWithRepair()
    {
        var (cluster, spec, desired) = Example();
        TopicAssignment orders = Edit(desired["orders"], rows =>
        {
            (rows[0][0], rows[0][1]) = (rows[0][1], rows[0][0]);                      // order only, leader changes
            rows[1][2] = rows[1][2] + 6;                                             // same rack, outside B6
            int inSet = Enumerable.Range(100, 6).First(id => !rows[2].Contains(id) && (id - 100) % 3 == (rows[2][1] - 100) % 3);
            rows[2][1] = inSet;                                                      // another member of the same rack
            rows[3][1] = Enumerable.Range(100, 6).First(id => !rows[3].Contains(id) && (id - 100) % 3 == (rows[3][0] - 100) % 3); // rack collision
            rows[4][2] = 999;                                                        // unknown broker
        });
        var observed = ClusterAssignment.Create(new[]
        {
            orders,
            desired["clicks"],
            TopicAssignment.Create("stray", 1, new[] { 100 }),
        });

        DriftReport report = DriftReport.Create(spec, cluster, observed, offlineBrokers: new[] { 107 });

        DriftFinding[] f = report.Findings.ToArray();
        Assert.Equal(f.OrderBy(x => x.Class).ToArray(), f);
        Assert.Equal(DriftKind.WrongOrder, f[0].Kind);
        Assert.Equal(("orders", 0), (f[0].Topic, f[0].Partition));
        Assert.Contains(f, x => x.Kind == DriftKind.ReplicaOutsideBrokerset && x.Partition == 1 && x.Class == DriftClass.Membership);
        Assert.Contains(f, x => x.Kind == DriftKind.WrongReplicas && x.Partition == 2);
        Assert.Contains(f, x => x.Kind == DriftKind.RackCollision && x.Partition == 3 && x.Class == DriftClass.RackViolation);
        Assert.Contains(f, x => x.Kind == DriftKind.UnknownBroker && x.Brokers.SequenceEqual(new[] { 999 }));
        Assert.Contains(f, x => x.Kind == DriftKind.OfflineBroker && x.Brokers.SequenceEqual(new[] { 107 }));
        Assert.Contains(f, x => x.Kind == DriftKind.UnknownTopic && x.Topic == "stray");
        Assert.Contains(f, x => x.Kind == DriftKind.MissingTopic && x.Topic == "logs");
        Assert.Equal(1, report.CountOf(DriftClass.OrderOnly));
        Assert.Equal(1, report.Repair.OrderOnlyChanges);

        ClusterAssignment repaired = report.Repair.Apply(observed);
        Assert.True(repaired["orders"].SameReplicasAs(desired["orders"]));
        Assert.True(repaired["stray"].SameReplicasAs(observed["stray"]));
        Assert.Contains("1 order-only, ", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PartitionCountAndRfDrift_ReportedNotThrown()
    {
        var (cluster, spec, desired) = Example();
        TopicAssignment fewer = TopicAssignment.Create("orders", 3, desired["orders"].AsSpan()[..9]);
        TopicAssignment rf2 = TopicAssignment.Create("clicks", Enumerable.Range(0, 6).Select(p => (IReadOnlyList<int>)desired["clicks"][p][..2].ToArray()));
        DriftReport report = DriftReport.Create(spec, cluster, ClusterAssignment.Create(new[] { fewer, rf2, desired["logs"] }));
        Assert.Contains(report.Findings, x => x.Kind == DriftKind.MissingPartitions && x.Topic == "orders" && x.Partition == 3);
        Assert.Contains(report.Findings, x => x.Kind == DriftKind.ReplicationFactorMismatch && x.Topic == "clicks");
        Assert.Equal(6, report.Repair.ReplicasMoved); // clicks back to RF 3: one new replica per partition
    }

    [Fact]
    public void Create_UnplaceableTopic_ReportedNotThrown()
    {
        var (_, spec, desired) = Example();
        Cluster noRacks = Cluster.Create(Enumerable.Range(100, 12).Select(id => new Broker(id)));
        DriftReport report = DriftReport.Create(spec, noRacks, desired);
        Assert.Equal(3, report.Findings.Count(x => x.Kind == DriftKind.UnplaceableTopic));
        Assert.Contains("needs every broker's rack", report.Findings[0].Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 150, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Create_FollowersShuffled_OnlyOrderOnlyDriftAndRepairRestores(PlacedTopic placed, int seed)
    {
        var random = new Random(seed);
        TopicAssignment observed = Edit(placed.Assignment, rows =>
        {
            foreach (int[] row in rows)
            {
                random.Shuffle(row);
            }
        });
        var spec = PlacementSpec.Create(new[] { placed.Brokerset }, new[] { placed.Topic });
        DriftReport report = DriftReport.Create(spec, placed.Cluster, ClusterAssignment.Create(new[] { observed }));
        return report.Findings.All(f => f.Class == DriftClass.OrderOnly) &&
               report.Repair.ReplicasMoved == 0 &&
               report.Repair.Apply(ClusterAssignment.Create(new[] { observed }))["t"].SameReplicasAs(placed.Assignment);
    }

    [Fact]
    public void Create_BalancedModeAfterMinimalMovement_IsCleanButExactModeIsNot()
    {
        var (cluster, spec, current) = MovementFiguresTests.Example();
        MovementTarget removed = MinimalMovement.RemoveBrokers(current, spec, "Capacity_B30_0", new[] { 5 });
        Assert.True(DriftReport.Create(removed.Spec!, cluster, removed.Target, mode: DriftMode.Balanced).IsClean);
        DriftReport exact = DriftReport.Create(removed.Spec!, cluster, removed.Target);
        Assert.False(exact.IsClean);
    }

    [Fact]
    public void Create_BalancedModeBrokenTopic_RepairsWithMinimalMovement()
    {
        var (cluster, spec, desired) = Example();
        TopicAssignment orders = Edit(desired["orders"], rows => rows[1][2] = rows[1][2] + 6); // one replica outside B6
        var observed = ClusterAssignment.Create(new[] { orders, desired["clicks"], desired["logs"] });
        DriftReport report = DriftReport.Create(spec, cluster, observed, mode: DriftMode.Balanced);
        Assert.Equal(1, report.Repair.ReplicasMoved);
        Assert.Contains(report.Findings, x => x.Kind == DriftKind.ReplicaOutsideBrokerset);
    }
}
