using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;

namespace Brokersets.Admin.Tests;

/// <summary>
/// A cancelled move on KRaft comes back as the current replicas minus the adding ones, with the removing part in
/// ascending order: [3,2,1] moving to [4,5,2] is [4,5,2,1,3] in flight and [2,1,3] after a cancel (its preferred
/// leader is now 2). The library sets such a partition back to the exact list it started from (a reorder, no data)
/// and elects its preferred leader; a partition that came back in its own order is left alone.
/// </summary>
public sealed class CancelOrderRestoreTests
{
    private static void Setup(TestKafkaCluster c)
    {
        c.MoveTicks = 1_000_000; // never completes on its own
        c.AddTopic("orders", new[] { 3, 2, 1 }, new[] { 1, 2, 3 }, new[] { 4, 5, 6 });
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_CancelledWhileMoving_KRaftRevertReorderedIsSetBackAndReported()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        using var cts = new CancellationTokenSource();
        var log = new ProgressLog();
        var progress = new Both(new OnPhase(ReassignmentPhase.Moving, cts.Cancel), log);
        ReassignmentWave wave = ReassignmentWave.Create(new[]
        {
            PartitionTarget.Create("orders", 0, new[] { 4, 5, 2 }), // [3,2,1]: in flight [4,5,2,1,3], reverted [2,1,3]
            PartitionTarget.Create("orders", 1, new[] { 1, 4, 5 }), // [1,2,3]: in flight [1,4,5,2,3], reverted [1,2,3]
        }, 1_000_000);

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ClusterAdmin.ApplyAsync(new[] { wave }, AdminHarness.FastOptions, progress, cts.Token));

        Assert.Equal(new[] { new[] { 3, 2, 1 }, new[] { 1, 2, 3 }, new[] { 4, 5, 6 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Equal(3, h.Cluster.LeaderOf("orders", 0));
        Assert.Equal(0, h.Cluster.MovesInFlight());
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.Equal("orders-0: reverted to [2,1,3], restored [3,2,1]", e.Data["Brokersets.RestoredOrder"]);
        Assert.Contains(h.Cluster.AlterSubmissions, s => s.Topic == "orders" && s.Partition == 0 && s.Replicas is [3, 2, 1]); // the reorder
        Assert.DoesNotContain(h.Cluster.AlterSubmissions, s => s.Partition == 1 && s.Replicas is [1, 2, 3]); // already in order: left alone
        Assert.Contains(log.Reports, r => r.Phase == ReassignmentPhase.RestoringOrder);
    }

    [Fact(Timeout = 30000)]
    public async Task CancelReassignmentsAsync_WithStartingLists_RestoresTheReorderedOnesAndElects()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.StartMove("orders", 0, 4, 5, 2); // someone else's move: [3,2,1] → in flight [4,5,2,1,3]
            c.StartMove("orders", 1, 1, 4, 5);
        });

        CancelResult result = await h.ClusterAdmin.CancelReassignmentsAsync(ImmutableArray.Create(
            PartitionTarget.Create("orders", 0, new[] { 3, 2, 1 }), PartitionTarget.Create("orders", 1, new[] { 1, 2, 3 }), PartitionTarget.Create("orders", 2, new[] { 4, 5, 6 })));

        Assert.Equal(new[] { new PartitionId("orders", 0), new PartitionId("orders", 1) }, result.Cancelled.OrderBy(p => p.Partition));
        RestoredOrder restored = Assert.Single(result.Restored);
        Assert.Equal(new PartitionId("orders", 0), restored.Id);
        Assert.Equal(new[] { 2, 1, 3 }, restored.Reverted);
        Assert.Equal(new[] { 3, 2, 1 }, restored.Restored);
        Assert.Empty(result.LeaderElectionErrors);
        Assert.Equal(new[] { new[] { 3, 2, 1 }, new[] { 1, 2, 3 }, new[] { 4, 5, 6 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Equal(3, h.Cluster.LeaderOf("orders", 0));
        Assert.Equal("2 cancelled, 1 restored to their starting order\n  restored: orders-0: reverted to [2,1,3], restored [3,2,1]", result.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task CancelReassignmentsAsync_ZooKeeperModeKeepsTheOrder_NothingToRestore()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.Mode = TestControllerMode.ZooKeeper;
            c.StartMove("orders", 0, 4, 5, 6); // [4,5,6,3,2,1] in flight: reverts to [3,2,1]
        });

        CancelResult result = await h.ClusterAdmin.CancelReassignmentsAsync(ImmutableArray.Create(PartitionTarget.Create("orders", 0, new[] { 3, 2, 1 })));

        Assert.Single(result.Cancelled);
        Assert.Empty(result.Restored);
        Assert.Equal(new[] { 3, 2, 1 }, h.Cluster.ReplicasOf("orders")[0]);
        Assert.DoesNotContain(h.Cluster.AlterSubmissions, s => s.Replicas is not null && s.Replicas.SequenceEqual(new[] { 3, 2, 1 }));
    }

    [Fact]
    public async Task CancelReassignmentsAsync_APartitionTwice_ArgumentExceptionNamingIt()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => h.ClusterAdmin.CancelReassignmentsAsync(ImmutableArray.Create(
            PartitionTarget.Create("orders", 0, new[] { 3, 2, 1 }), PartitionTarget.Create("orders", 0, new[] { 1, 2, 3 }))));

        Assert.StartsWith("Partition orders-0 is given twice.", e.Message, StringComparison.Ordinal);
    }

    private sealed class Both(IProgress<ReassignmentProgress> a, IProgress<ReassignmentProgress> b) : IProgress<ReassignmentProgress>
    {
        public void Report(ReassignmentProgress value)
        {
            b.Report(value);
            a.Report(value);
        }
    }
}
