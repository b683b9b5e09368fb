using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>Faults around the controller (down, failing over, the whole cluster unreachable) and moves redirected by someone else.</summary>
public sealed class ControllerAndRedirectTests
{
    private static void Setup(TestKafkaCluster c)
    {
        c.AddTopic("orders", new[] { 2, 3, 4 }, new[] { 3, 4, 5 });
        c.AddTopic("events", new[] { 4, 5 }, new[] { 5, 6 });
    }

    /// <summary>Moves among brokers 2..6 only, so broker 1 (the controller) holds no throttle.</summary>
    private static ReassignmentWave[] Waves() => new[]
    {
        ReassignmentWave.Create(new[]
        {
            PartitionTarget.Create("orders", 0, new[] { 5, 6, 2 }),
            PartitionTarget.Create("events", 1, new[] { 6, 2 }),
        }, throttleBytesPerSecond: 1_000_000),
    };

    private static ReassignmentOptions Quick => AdminHarness.FastOptions with { TransientRetries = 1 };

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_ControllerUnreachable_ClearErrorNamingItNothingChanged()
    {
        // librdkafka sends DescribeCluster (like CreateTopics and ElectLeaders) via the controller it knows: with the
        // controller down the run stops before touching anything, and says which broker it could not reach.
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.SetReachable(1, reachable: false); // still named controller by Metadata
        }, operationTimeout: TimeSpan.FromSeconds(1));

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(Waves(), Quick));

        Assert.Equal(ErrorCode.Local_TimedOut, e.Code);
        Assert.Contains("controller", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Cluster.AlterSubmissions);
        Assert.Empty(h.Cluster.ConfigOperations);
    }

    [Fact(Timeout = 30000)]
    public async Task Kip455Client_ControllerEndpointUnreachable_FallsBackToBootstrapServer()
    {
        await using TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync();
        Setup(cluster);
        cluster.SetReachable(1, reachable: false);
        var settings = KafkaConnectionSettings.FromConfig(AdminHarness.Config(cluster.BootstrapServers));
        await using var client = new PartitionReassignmentClient(settings, _ => Task.FromResult<(string, int)?>(("127.0.0.1", cluster.PortOf(1))));

        var errors = await client.AlterAsync(new (string, int, System.Collections.Generic.IReadOnlyList<int>?)[] { ("orders", 0, new[] { 5, 6, 2 }) }, CancellationToken.None);

        Assert.Empty(errors);
        Assert.Contains(cluster.Requests, r => r.Broker == 2 && r.ApiKey == ApiKeys.AlterPartitionReassignments);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_ControllerFailsOverMidWave_CompletesWithElectionOnNewController()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 3;
        }, c => c.TopicMetadataRefreshIntervalMs = 200); // librdkafka learns the new controller from Metadata
        var failover = new OnPhase(ReassignmentPhase.Moving, () =>
        {
            h.Cluster.ControllerId = 2;
            h.Cluster.SetReachable(1, reachable: false);
        });

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(Waves(), AdminHarness.FastOptions, failover);

        Assert.Equal(new[] { 5, 6, 2 }, h.Cluster.ReplicasOf("orders")[0]);
        Assert.Empty(result.LeaderElectionErrors);
        Assert.Equal(5, h.Cluster.LeaderOf("orders", 0));
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.All(h.Cluster.AlterSubmissions.GroupBy(s => (s.Topic, s.Partition)), g => Assert.Single(g));
    }

    [Fact(Timeout = 30000)]
    public async Task CreateTopicsAsync_ControllerUnreachable_ClearErrorNothingCreated()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.SetReachable(1, reachable: false), operationTimeout: TimeSpan.FromSeconds(1));

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() =>
            h.ClusterAdmin.CreateTopicsAsync(new[] { TopicAssignment.Create("new-topic", 1, new[] { 2, 3 }) }));

        Assert.Equal(ErrorCode.Local_TimedOut, e.Code);
        Assert.Contains("controller", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Cluster.Topics);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_WholeClusterUnreachable_ClearErrorNothingSubmittedNoThrottle()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            for (int b = 1; b <= 6; b++)
            {
                c.SetReachable(b, reachable: false);
            }
        }, operationTimeout: TimeSpan.FromSeconds(3)); // long enough for librdkafka to log a refused connection, even on a loaded machine

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(Waves(), Quick));

        Assert.True(e.IsTransient);
        Assert.StartsWith("DescribeCluster failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("last connection error", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Cluster.Requests);
        Assert.False(h.Cluster.HasAnyThrottle());
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_MoveRedirectedBySomeoneElseMidWave_ReportedNotFought()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 4;
        });
        var redirect = new OnPhase(ReassignmentPhase.Submitted, () => h.Cluster.StartMove("orders", 0, 6, 5, 4));

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(Waves(), AdminHarness.FastOptions, redirect));

        KafkaPartitionError error = Assert.Single(e.Errors);
        Assert.Equal(("orders", (int?)0, ErrorCode.ReassignmentInProgress), (error.Topic, error.Partition, error.Code));
        Assert.Contains("someone else redirected the move to [6,5,4] (ours: [5,6,2])", error.Message, StringComparison.Ordinal);
        Assert.Single(h.Cluster.AlterSubmissions, s => s is { Topic: "orders", Partition: 0 }); // ours once; not re-sent, not cancelled
        Assert.Equal(new[] { 6, 2 }, h.Cluster.ReplicasOf("events")[1]); // the rest of the wave completed
        Assert.False(h.Cluster.HasAnyThrottle());
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_CancelledAfterSomeoneElseRedirectedAMove_OnlyOurMovesCancelled()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 1_000_000;
        });
        using var cts = new CancellationTokenSource();
        int polls = 0;
        var progress = new OnPhase(ReassignmentPhase.Moving, () =>
        {
            if (++polls == 1)
            {
                h.Cluster.StartMove("orders", 0, 6, 5, 4); // theirs now
            }
            else
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ClusterAdmin.ApplyAsync(Waves(), AdminHarness.FastOptions, progress, cts.Token));

        Assert.DoesNotContain(h.Cluster.AlterSubmissions, s => s is { Topic: "orders", Partition: 0, Replicas: null });
        Assert.Contains(h.Cluster.AlterSubmissions, s => s is { Topic: "events", Partition: 1, Replicas: null });
        Assert.Equal(1, h.Cluster.MovesInFlight()); // the other tool's move goes on
        Assert.False(h.Cluster.HasAnyThrottle());
    }
}
