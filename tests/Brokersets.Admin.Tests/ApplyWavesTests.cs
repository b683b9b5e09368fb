using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

public sealed class ApplyWavesTests
{
    private static void Setup(TestKafkaCluster c) => AdminHarness.AddOrdersAndEvents(c);

    private static ReassignmentWave[] TwoWaves() => new[]
    {
        ReassignmentWave.Create(new[]
        {
            PartitionTarget.Create("orders", 0, new[] { 4, 5, 6 }),
            PartitionTarget.Create("orders", 1, new[] { 2, 3, 4 }), // already there
            PartitionTarget.Create("events", 0, new[] { 1, 5 }),
        }, throttleBytesPerSecond: 1_000_000),
        ReassignmentWave.Create(new[]
        {
            PartitionTarget.Create("orders", 2, new[] { 6, 1, 2 }),
            PartitionTarget.Create("events", 1, new[] { 6, 5 }), // reorder only
        }, throttleBytesPerSecond: 2_000_000),
    };

    private static void AssertFinal(TestKafkaCluster c)
    {
        Assert.Equal(new[] { new[] { 4, 5, 6 }, new[] { 2, 3, 4 }, new[] { 6, 1, 2 } }, c.ReplicasOf("orders"));
        Assert.Equal(new[] { new[] { 1, 5 }, new[] { 6, 5 } }, c.ReplicasOf("events"));
        Assert.Equal(0, c.MovesInFlight());
        Assert.False(c.HasAnyThrottle());
    }

    private static void AssertSubmittedOnce(TestKafkaCluster c) =>
        Assert.All(c.AlterSubmissions.Where(s => s.Replicas is not null).GroupBy(s => (s.Topic, s.Partition)), g => Assert.Single(g));

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_TwoWavesWithThrottles_FinalClusterIsTargetAndThrottlesRemoved()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        var progress = new ProgressLog();

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions, progress);

        AssertFinal(h.Cluster);
        AssertSubmittedOnce(h.Cluster);
        Assert.Equal(new[] { "orders-0", "events-0", "orders-2", "events-1" }, result.Submitted.Select(p => p.ToString()));
        Assert.Equal(new[] { "orders-1" }, result.AlreadyAtTarget.Select(p => p.ToString()));
        Assert.DoesNotContain(h.Cluster.AlterSubmissions, s => s.Topic == "orders" && s.Partition == 1);
        Assert.Empty(result.LeaderElectionErrors);
        Assert.Equal(6, h.Cluster.LeaderOf("events", 1));
        Assert.Equal(4, h.Cluster.LeaderOf("orders", 0));

        // Wave 1 throttles, as Kafka's tool computes them: sources on the leader list, new replicas on the follower list.
        var ops = h.Cluster.ConfigOperations.ToList();
        Assert.Contains(ops, o => o is { Type: 2, Name: "orders", Key: "leader.replication.throttled.replicas", Value: "0:1,0:2,0:3" });
        Assert.Contains(ops, o => o is { Type: 2, Name: "orders", Key: "follower.replication.throttled.replicas", Value: "0:4,0:5,0:6" });
        Assert.Contains(ops, o => o is { Type: 4, Name: "1", Key: "leader.replication.throttled.rate", Value: "1000000" });
        Assert.Contains(ops, o => o is { Type: 4, Name: "6", Key: "follower.replication.throttled.rate", Value: "2000000" });
        Assert.Equal(result.ThrottlesDeleted.Length, ops.Count(o => o.Value is null));
        Assert.Empty(result.ThrottlesRestored);
        Assert.Contains(progress.Reports, p => p is { Phase: ReassignmentPhase.Moving, Wave: 2, WaveCount: 2 });
        Assert.Equal(ReassignmentPhase.Completed, progress.Reports[^1].Phase);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_RunAgain_NothingSubmitted()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);
        int before = h.Cluster.AlterSubmissions.Count;

        ReassignmentResult again = await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        Assert.Equal(before, h.Cluster.AlterSubmissions.Count);
        Assert.Empty(again.Submitted);
        Assert.Equal(5, again.AlreadyAtTarget.Length);
        AssertFinal(h.Cluster);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_MoveAlreadyInFlightToTarget_WaitedForNotResent()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 4;
            c.StartMove("orders", 0, 4, 5, 6); // a crashed earlier run had submitted this
        });

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        Assert.Contains(new PartitionId("orders", 0), result.AdoptedInFlight);
        Assert.DoesNotContain(h.Cluster.AlterSubmissions, s => s.Topic == "orders" && s.Partition == 0);
        AssertFinal(h.Cluster);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_ConnectionDroppedAfterAlterWasHandled_NoDoubleSubmission()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.AlterPartitionReassignments, Kind = TestFaultKind.DropAfterHandling });

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        AssertFinal(h.Cluster);
        AssertSubmittedOnce(h.Cluster);
        Assert.Equal(4, result.Submitted.Length);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_ConnectionDroppedBeforeAlterWasHandled_SubmittedOnceAfterRetry()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.AlterPartitionReassignments, Kind = TestFaultKind.DropBeforeHandling });

        await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        AssertFinal(h.Cluster);
        AssertSubmittedOnce(h.Cluster);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_ListTimesOutAndDropsMidWave_RetriedAndCompleted()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.ListPartitionReassignments, Kind = TestFaultKind.Delay, Delay = TimeSpan.FromSeconds(3), Times = 1 });
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.ListPartitionReassignments, Kind = TestFaultKind.DropBeforeHandling, Times = 2 });

        await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        AssertFinal(h.Cluster);
        AssertSubmittedOnce(h.Cluster);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_NotControllerOnce_RetriedTransparently()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.AlterPartitionReassignments, Kind = TestFaultKind.Error, ErrorCode = (short)ErrorCode.NotController });

        await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        AssertFinal(h.Cluster);
        AssertSubmittedOnce(h.Cluster);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_AlterFailsWithErrorCode_ErrorKeptAndThrottlesRemoved()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.AlterPartitionReassignments, Kind = TestFaultKind.Error, ErrorCode = (short)ErrorCode.PolicyViolation });

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions));

        Assert.Equal(ErrorCode.PolicyViolation, e.Code);
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.Empty(h.Cluster.AlterSubmissions);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_TargetOnUnknownBroker_PartitionErrorKeepsTopicAndPartition()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        ReassignmentWave wave = ReassignmentWave.Create(new[] { PartitionTarget.Create("orders", 2, new[] { 3, 4, 99 }) }, 1000);

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(new[] { wave }, AdminHarness.FastOptions));

        Assert.Equal(ErrorCode.InvalidReplicaAssignment, e.Code);
        Assert.Equal("orders", e.Topic);
        Assert.Equal(2, e.Partition);
        Assert.False(h.Cluster.HasAnyThrottle());
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_ThrottleRejected_ErrorKeptNothingSubmittedNothingLeft()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.IncrementalAlterConfigs, Kind = TestFaultKind.Error, ErrorCode = (short)ErrorCode.ClusterAuthorizationFailed });

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions));

        Assert.Equal(ErrorCode.ClusterAuthorizationFailed, e.Code);
        Assert.Empty(h.Cluster.AlterSubmissions);
        Assert.False(h.Cluster.HasAnyThrottle());
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_Cancelled_MovesInFlightCancelledAndThrottlesRemoved()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 1_000_000; // never completes on its own
        });
        using var cts = new CancellationTokenSource();
        var progress = new OnPhase(ReassignmentPhase.Moving, cts.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions, progress, cts.Token));

        Assert.Equal(0, h.Cluster.MovesInFlight());
        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Contains(h.Cluster.AlterSubmissions, s => s is { Topic: "orders", Partition: 0, Replicas: null });
        Assert.False(h.Cluster.HasAnyThrottle());
    }

    [Fact(Timeout = 30000)]
    public async Task CancelReassignmentsAsync_TwoInFlight_BothRevert()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 1_000_000;
            c.StartMove("orders", 0, 4, 5, 6);
            c.StartMove("events", 1, 1, 2);
        });

        var listed = await h.ClusterAdmin.ListReassignmentsAsync();
        var cancelled = await h.ClusterAdmin.CancelReassignmentsAsync();

        Assert.Equal(2, listed.Length);
        Assert.Equal(new[] { 4, 5, 6 }, listed.Single(r => r.Topic == "orders").Target);
        Assert.Equal(new[] { 1, 2, 3 }, listed.Single(r => r.Topic == "orders").Removing);
        Assert.Equal(2, cancelled.Length);
        Assert.Equal(0, h.Cluster.MovesInFlight());
        Assert.Equal(new[] { 5, 6 }, h.Cluster.ReplicasOf("events")[1]);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_FirstBootstrapBrokerUnreachable_OthersUsed()
    {
        // Broker 7 hosts nothing the plan touches; it is down and listed first in bootstrap.servers.
        TestKafkaCluster cluster = await TestKafkaCluster.StartAsync(
            Enumerable.Range(1, 7).Select(i => (i, (string?)("az-" + (char)('a' + ((i - 1) % 3))))).ToList(), controllerId: 1);
        cluster.SetReachable(7, reachable: false);
        string bootstrap = $"127.0.0.1:{cluster.PortOf(7)},{cluster.BootstrapServers}";
        await using AdminHarness h = await AdminHarness.StartAsync(Setup, c => c.BootstrapServers = bootstrap, cluster);

        await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions);

        AssertFinal(h.Cluster);
        Assert.DoesNotContain(h.Cluster.Requests, r => r.Broker == 7);
    }

    [Fact(Timeout = 30000)]
    public async Task Kip455Client_NoControllerKnownFirstServerDown_FallsBackToNextBootstrapServer()
    {
        await using TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync();
        Setup(cluster);
        cluster.MoveTicks = 100;
        cluster.StartMove("orders", 0, 4, 5, 6);
        cluster.SetReachable(1, reachable: false);
        var settings = KafkaConnectionSettings.FromConfig(AdminHarness.Config(cluster.BootstrapServers));
        await using var client = new PartitionReassignmentClient(settings, _ => throw new KafkaAdminException(ErrorCode.Local_TimedOut, "no controller"));

        var moving = await client.ListAsync(null, CancellationToken.None);

        Assert.Equal("orders-0: replicas: 4,5,6,1,2,3. adding: 4,5,6. removing: 1,2,3.", Assert.Single(moving).ToString());
        Assert.Contains(cluster.Requests, r => r.Broker == 2 && r.ApiKey == ApiKeys.ListPartitionReassignments);
    }
}
