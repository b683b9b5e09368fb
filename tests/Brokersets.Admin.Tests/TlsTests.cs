using System;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>
/// TLS end to end: a CA, server and client certificate made at run time; the test broker serves TLS (optionally
/// requiring a client certificate); Confluent.Kafka (librdkafka, PEM files) and the KIP-455 client both connect.
/// </summary>
public sealed class TlsTests
{
    private const string Secret = "tls-s3cr3t-Pa55";

    private static ReassignmentWave[] OneMove() => new[]
    {
        ReassignmentWave.Create(new[] { PartitionTarget.Create("orders", 0, new[] { 4, 5, 6 }) }, 5000),
    };

    private static void Secure(AdminClientConfig c, TestCertificates pki, SecurityProtocol protocol, SaslMechanism? mechanism, bool clientCertificate)
    {
        c.SecurityProtocol = protocol;
        c.SslCaLocation = pki.CaPemPath;
        if (clientCertificate)
        {
            c.SslCertificateLocation = pki.ClientCertificatePemPath;
            c.SslKeyLocation = pki.ClientKeyPemPath;
        }

        if (mechanism is { } m)
        {
            c.SaslMechanism = m;
            c.SaslUsername = "admin";
            c.SaslPassword = Secret;
        }
    }

    [Theory(Timeout = 30000)]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData("PLAIN", false)]
    [InlineData("SCRAM-SHA-256", false)]
    [InlineData("SCRAM-SHA-512", true)]
    public async Task ApplyAsync_OverTls_ConfluentAndKip455BothConnect(string? saslMechanism, bool mutualTls)
    {
        using TestCertificates pki = TestCertificates.Create();
        TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(saslMechanism, pki.Server, mutualTls ? pki.Ca : null);
        cluster.Users["admin"] = Secret;
        cluster.AddTopic("orders", new[] { 1, 2, 3 });
        SaslMechanism? mechanism = saslMechanism switch
        {
            "PLAIN" => SaslMechanism.Plain,
            "SCRAM-SHA-256" => SaslMechanism.ScramSha256,
            "SCRAM-SHA-512" => SaslMechanism.ScramSha512,
            _ => null,
        };
        await using AdminHarness h = await AdminHarness.StartAsync(cluster: cluster, configure: c =>
            Secure(c, pki, mechanism is null ? SecurityProtocol.Ssl : SecurityProtocol.SaslSsl, mechanism, mutualTls));

        ObservedCluster observed = await h.ClusterAdmin.ReadClusterAsync();
        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(OneMove(), AdminHarness.FastOptions);

        Assert.Equal(6, observed.Cluster.Brokers.Length);
        Assert.Equal(new[] { 4, 5, 6 }, cluster.ReplicasOf("orders")[0]);
        Assert.Single(result.Submitted);
        Assert.False(cluster.HasAnyThrottle());
        Assert.Contains(cluster.Requests, r => r.ApiKey == ApiKeys.AlterPartitionReassignments); // KIP-455 client over TLS
        Assert.Contains(cluster.Requests, r => r.ApiKey == ApiKeys.ElectLeaders); // Confluent over TLS
        Assert.Equal(saslMechanism is not null, cluster.Requests.Any(r => r.ApiKey == ApiKeys.SaslAuthenticate));
        if (mutualTls)
        {
            Assert.NotEmpty(cluster.TlsClientSubjects);
            Assert.All(cluster.TlsClientSubjects, s => Assert.Equal("CN=brokersets-admin", s));
        }
    }

    [Fact(Timeout = 30000)]
    public async Task Kip455_WrongCa_ClearTlsError()
    {
        using TestCertificates pki = TestCertificates.Create();
        using TestCertificates other = TestCertificates.Create("Some Other CA");
        await using TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(tls: pki.Server);
        AdminClientConfig config = AdminHarness.Config(cluster.BootstrapServers);
        Secure(config, other, SecurityProtocol.Ssl, null, false);

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() =>
            KafkaConnection.OpenAsync("127.0.0.1", cluster.PortOf(1), KafkaConnectionSettings.FromConfig(config), default));

        Assert.Equal(ErrorCode.Local_Ssl, e.Code);
        Assert.Contains("TLS handshake with 127.0.0.1 failed", e.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Requests);
    }

    [Fact(Timeout = 30000)]
    public async Task ReadClusterAsync_WrongCa_ClearErrorNamingTheCertificateProblem()
    {
        using TestCertificates pki = TestCertificates.Create();
        using TestCertificates other = TestCertificates.Create("Some Other CA");
        TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(tls: pki.Server);
        await using AdminHarness h = await AdminHarness.StartAsync(cluster: cluster, configure: c => Secure(c, other, SecurityProtocol.Ssl, null, false), operationTimeout: TimeSpan.FromSeconds(4)); // room for librdkafka to log the handshake failure on a loaded machine

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ReadClusterAsync());

        Assert.Contains("certificate verify failed", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(cluster.Requests);
    }

    [Fact(Timeout = 30000)]
    public async Task Kip455_MutualTlsWithoutClientCertificate_Fails()
    {
        using TestCertificates pki = TestCertificates.Create();
        await using TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(tls: pki.Server, clientCa: pki.Ca);
        AdminClientConfig config = AdminHarness.Config(cluster.BootstrapServers);
        Secure(config, pki, SecurityProtocol.Ssl, null, clientCertificate: false);

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() =>
            KafkaConnection.OpenAsync("127.0.0.1", cluster.PortOf(1), KafkaConnectionSettings.FromConfig(config), default));

        Assert.True(e.Code is ErrorCode.Local_Ssl or ErrorCode.Local_Transport, e.Code.ToString());
        Assert.Empty(cluster.Requests);
        Assert.Empty(cluster.TlsClientSubjects);
    }
}
