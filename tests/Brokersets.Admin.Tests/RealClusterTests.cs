using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Cli;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>
/// Opt-in: runs against a real cluster when BROKERSETS_BOOTSTRAP_SERVERS is set (see README.md); otherwise each
/// test is reported as skipped, with that reason. BROKERSETS_COMMAND_CONFIG may name a Kafka-style properties file (TLS,
/// SASL) read like <c>brokersets apply --command-config</c>. Creates, moves and finally deletes only topics named
/// <c>brokersets-it-*</c>, within the cluster's own brokers.
/// </summary>
public sealed class RealClusterTests
{
    private static (AdminClientConfig Config, string Servers, string? CommandConfig)? Config()
    {
        string? servers = Environment.GetEnvironmentVariable("BROKERSETS_BOOTSTRAP_SERVERS");
        if (string.IsNullOrWhiteSpace(servers))
        {
            return null;
        }

        string? commandConfig = Environment.GetEnvironmentVariable("BROKERSETS_COMMAND_CONFIG");
        return (AdminConnection.ReadConfig(servers, string.IsNullOrWhiteSpace(commandConfig) ? null : commandConfig).Config, servers, commandConfig);
    }

    [SkippableFact(Timeout = 240000)]
    public async Task RealCluster_CreateMoveAuditApplyDelete_WhenConfigured()
    {
        Skip.If(Config() is null, "BROKERSETS_BOOTSTRAP_SERVERS is not set: no real cluster to run against (see tests/Brokersets.Admin.Tests/README.md).");
        (AdminClientConfig config, string servers, string? commandConfig) = Config()!.Value;

        using ConfluentKafkaAdmin admin = ConfluentKafkaAdmin.Create(config);
        var cluster = new ClusterAdmin(admin);
        ObservedCluster observed = await cluster.ReadClusterAsync();
        int[] ids = observed.Cluster.Brokers.Select(b => b.Id).Order().ToArray();
        Assert.NotEmpty(ids);

        string topic = "brokersets-it-" + Guid.NewGuid().ToString("N")[..8];
        string plan = Path.GetTempFileName();
        try
        {
            await cluster.CreateTopicsAsync(new[] { TopicAssignment.Create(topic, 2, new[] { ids[0], ids[0] }) });
            Skip.If(ids.Length < 2, $"the cluster at {servers} has one broker: the topic was created, but nothing can be moved.");

            // Library: a throttled wave, then nothing left in flight.
            var options = new ReassignmentOptions { PollInterval = TimeSpan.FromSeconds(1) };
            await cluster.ApplyAsync(new[] { ReassignmentWave.Create(new[] { PartitionTarget.Create(topic, 0, new[] { ids[1] }) }, 10_000_000) }, options);
            ObservedCluster after = await cluster.ReadClusterAsync();
            Assert.Equal(new[] { ids[1] }, after.Assignment[topic][0].ToArray());
            Assert.DoesNotContain(await cluster.ListReassignmentsAsync(), r => r.Topic == topic);

            // Drift audit (Orion layout: needs no racks): the topic is listed as drifted, nothing is changed.
            PlacementSpec spec = PlacementSpec.Create(new[] { Brokerset.Create("all", ids) }, new[] { new TopicSpec(topic, "all", 2, 1, 0) });
            LiveAudit audit = await cluster.AuditAsync(spec, new OrionStridePlacement());
            Assert.DoesNotContain(audit.Report.Findings, f => f.Topic == topic && f.Kind == DriftKind.MissingTopic);

            // CLI: dry run changes nothing, --execute moves partition 1.
            File.WriteAllText(plan, $$"""{"version":1,"partitions":[{"topic":"{{topic}}","partition":1,"replicas":[{{ids[1]}}]}]}""");
            string[] args = new[] { "apply", "--bootstrap-servers", servers, "--plan", plan, "--poll-interval-ms", "1000" }
                .Concat(string.IsNullOrWhiteSpace(commandConfig) ? Array.Empty<string>() : new[] { "--command-config", commandConfig }).ToArray();
            Assert.Equal(0, BrokersetsCli.Run(args, TextWriter.Null, TextWriter.Null));
            Assert.Equal(new[] { ids[0] }, (await cluster.ReadClusterAsync()).Assignment[topic][1].ToArray());
            Assert.Equal(0, BrokersetsCli.Run(args.Append("--execute").ToArray(), TextWriter.Null, TextWriter.Null));
            Assert.Equal(new[] { ids[1] }, (await cluster.ReadClusterAsync()).Assignment[topic][1].ToArray());
        }
        finally
        {
            File.Delete(plan);
            using IAdminClient raw = new AdminClientBuilder(config).Build();
            await raw.DeleteTopicsAsync(new[] { topic }, new Confluent.Kafka.Admin.DeleteTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30) });
        }
    }
}
