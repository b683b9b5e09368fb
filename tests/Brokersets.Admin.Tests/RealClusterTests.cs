using System;
using System.Linq;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>
/// Opt-in: runs against a real cluster when BROKERSETS_BOOTSTRAP_SERVERS is set (see README.md); otherwise each
/// test returns at once and reports nothing. Creates and moves only topics named <c>brokersets-it-*</c>.
/// </summary>
public sealed class RealClusterTests
{
    private static AdminClientConfig? Config()
    {
        string? servers = Environment.GetEnvironmentVariable("BROKERSETS_BOOTSTRAP_SERVERS");
        return string.IsNullOrWhiteSpace(servers) ? null : new AdminClientConfig { BootstrapServers = servers };
    }

    [Fact(Timeout = 120000)]
    public async Task RealCluster_ReadCreateMoveBack_WhenConfigured()
    {
        AdminClientConfig? config = Config();
        if (config is null)
        {
            return; // not configured: nothing to check
        }

        using ConfluentKafkaAdmin admin = ConfluentKafkaAdmin.Create(config);
        var cluster = new ClusterAdmin(admin);
        ObservedCluster observed = await cluster.ReadClusterAsync();
        int[] ids = observed.Cluster.Brokers.Select(b => b.Id).Order().ToArray();
        Assert.NotEmpty(ids);

        string topic = "brokersets-it-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateTopicsAsync(new[] { TopicAssignment.Create(topic, 1, new[] { ids[0] }) });
        if (ids.Length > 1)
        {
            await cluster.ApplyAsync(new[] { ReassignmentWave.Create(new[] { PartitionTarget.Create(topic, 0, new[] { ids[1] }) }, 10_000_000) },
                new ReassignmentOptions { PollInterval = TimeSpan.FromSeconds(1) });
            ObservedCluster after = await cluster.ReadClusterAsync();
            Assert.Equal(new[] { ids[1] }, after.Assignment[topic][0].ToArray());
        }
    }
}
