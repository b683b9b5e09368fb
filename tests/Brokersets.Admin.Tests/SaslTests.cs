using System;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

public sealed class SaslTests
{
    private const string Secret = "s3cr3t-Pa55word";

    [Theory(Timeout = 30000)]
    [InlineData("PLAIN", SaslMechanism.Plain)]
    [InlineData("SCRAM-SHA-256", SaslMechanism.ScramSha256)]
    [InlineData("SCRAM-SHA-512", SaslMechanism.ScramSha512)]
    public async Task ApplyAsync_SaslPlaintext_ConfluentAndKip455BothAuthenticate(string brokerMechanism, SaslMechanism mechanism)
    {
        TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(saslMechanism: brokerMechanism);
        cluster.Users["admin"] = Secret;
        cluster.AddTopic("orders", new[] { 1, 2, 3 });
        await using AdminHarness h = await AdminHarness.StartAsync(cluster: cluster, configure: c =>
        {
            c.SecurityProtocol = SecurityProtocol.SaslPlaintext;
            c.SaslMechanism = mechanism;
            c.SaslUsername = "admin";
            c.SaslPassword = Secret;
        });

        ObservedCluster observed = await h.ClusterAdmin.ReadClusterAsync();
        await h.ClusterAdmin.ApplyAsync(new[] { ReassignmentWave.Create(new[] { PartitionTarget.Create("orders", 0, new[] { 4, 5, 6 }) }, 5000) }, AdminHarness.FastOptions);

        Assert.Equal(6, observed.Cluster.Brokers.Length);
        Assert.Equal(new[] { 4, 5, 6 }, cluster.ReplicasOf("orders")[0]);
        Assert.Contains(cluster.Requests, r => r.ApiKey == 36);
    }

    [Theory(Timeout = 30000)]
    [InlineData("PLAIN", SaslMechanism.Plain)]
    [InlineData("SCRAM-SHA-256", SaslMechanism.ScramSha256)]
    public async Task Kip455_WrongPassword_SaslErrorWithoutCredentials(string brokerMechanism, SaslMechanism mechanism)
    {
        await using TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(saslMechanism: brokerMechanism);
        cluster.Users["admin"] = Secret;
        AdminClientConfig config = AdminHarness.Config(cluster.BootstrapServers);
        config.SecurityProtocol = SecurityProtocol.SaslPlaintext;
        config.SaslMechanism = mechanism;
        config.SaslUsername = "admin";
        config.SaslPassword = "wrong-" + Secret;
        var settings = Protocol.KafkaConnectionSettings.FromConfig(config);

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() =>
            Protocol.KafkaConnection.OpenAsync("127.0.0.1", cluster.PortOf(1), settings, default));

        Assert.Equal(ErrorCode.SaslAuthenticationFailed, e.Code);
        Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SaslMechanism.Gssapi)]
    [InlineData(SaslMechanism.OAuthBearer)]
    public void Create_UnsupportedMechanism_ClearErrorPointingToJsonExport(SaslMechanism mechanism)
    {
        var config = new AdminClientConfig { BootstrapServers = "127.0.0.1:9", SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = mechanism };

        NotSupportedException e = Assert.Throws<NotSupportedException>(() => ConfluentKafkaAdmin.Create(config));

        Assert.Contains("kafka-reassign-partitions", e.Message, StringComparison.Ordinal);
    }
}
