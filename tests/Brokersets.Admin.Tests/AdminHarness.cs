using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>A test cluster plus the real Confluent-based adapter connected to it, with short timeouts.</summary>
internal sealed class AdminHarness : IAsyncDisposable
{
    private AdminHarness(TestKafkaCluster cluster, ConfluentKafkaAdmin admin)
    {
        Cluster = cluster;
        Admin = admin;
        ClusterAdmin = new ClusterAdmin(admin);
    }

    public TestKafkaCluster Cluster { get; }

    public ConfluentKafkaAdmin Admin { get; }

    public ClusterAdmin ClusterAdmin { get; }

    public static ReassignmentOptions FastOptions { get; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        TransientRetries = 4,
        CleanupTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<AdminHarness> StartAsync(Action<TestKafkaCluster>? setup = null, Action<AdminClientConfig>? configure = null, TestKafkaCluster? cluster = null, TimeSpan? operationTimeout = null)
    {
        cluster ??= await TestKafkaCluster.StartSixBrokersAsync();
        setup?.Invoke(cluster);
        AdminClientConfig config = Config(cluster.BootstrapServers);
        configure?.Invoke(config);
        return new AdminHarness(cluster, ConfluentKafkaAdmin.Create(config, operationTimeout ?? TimeSpan.FromSeconds(5), _ => { }));
    }

    /// <summary>The two topics most tests move: orders (3 partitions, RF 3 on brokers 1–5) and events (2 partitions, RF 2 on 4–6).</summary>
    public static void AddOrdersAndEvents(TestKafkaCluster c)
    {
        c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 });
        c.AddTopic("events", new[] { 4, 5 }, new[] { 5, 6 });
    }

    public static AdminClientConfig Config(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        SocketTimeoutMs = 2000,
        SocketConnectionSetupTimeoutMs = 2000,
        ReconnectBackoffMs = 10,
        ReconnectBackoffMaxMs = 100,
    };

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Collects progress reports synchronously (<see cref="Progress{T}"/> would post them later).</summary>
internal sealed class ProgressLog : IProgress<ReassignmentProgress>
{
    public List<ReassignmentProgress> Reports { get; } = new();

    public void Report(ReassignmentProgress value)
    {
        lock (Reports)
        {
            Reports.Add(value);
        }
    }
}

/// <summary>Runs an action whenever a given phase is reported (to inject a fault or cancel at a precise point).</summary>
internal sealed class OnPhase(ReassignmentPhase phase, Action action) : IProgress<ReassignmentProgress>
{
    public void Report(ReassignmentProgress value)
    {
        if (value.Phase == phase)
        {
            action();
        }
    }
}
