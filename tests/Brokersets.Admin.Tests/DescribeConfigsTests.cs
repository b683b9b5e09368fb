using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary><see cref="ConfluentKafkaAdmin.DescribeConfigsAsync"/> over the wire: only dynamic values, each broker described by itself.</summary>
public sealed class DescribeConfigsTests
{
    private const sbyte Topic = 2;
    private const sbyte Broker = 4;
    private const string LeaderRate = "leader.replication.throttled.rate";
    private const string FollowerRate = "follower.replication.throttled.rate";
    private const string LeaderReplicas = "leader.replication.throttled.replicas";
    private const string FollowerReplicas = "follower.replication.throttled.replicas";
    private static readonly string[] Throttles = { LeaderRate, FollowerRate, LeaderReplicas, FollowerReplicas };

    private static void Setup(TestKafkaCluster c) => AdminHarness.AddOrdersAndEvents(c);

    [Fact(Timeout = 30000)]
    public async Task DescribeConfigsAsync_BrokersAndTopics_OnlyDynamicValuesEachBrokerAskedItself()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.SetConfig(Broker, "1", LeaderRate, "777");
            c.SetConfig(Broker, "", FollowerRate, "5000"); // the cluster-wide default of every broker
            c.StaticBrokerConfigs[LeaderRate] = "9000"; // server.properties of every broker
            c.SetConfig(Topic, "orders", LeaderReplicas, "1:2,1:3");
            c.SetConfig(Topic, "orders", "retention.ms", "1000"); // not asked for
            c.SetConfig(Topic, "events", FollowerReplicas, "*");
        });

        var values = await h.Admin.DescribeConfigsAsync(
            new[] { (ConfigResourceKind.Broker, "1"), (ConfigResourceKind.Topic, "orders"), (ConfigResourceKind.Broker, "3"), (ConfigResourceKind.Topic, "events") },
            Throttles, CancellationToken.None);

        // Broker 3's static leader rate (server.properties) and the defaults are not dynamic values.
        Assert.Equal(new[]
        {
            "broker 1: follower.replication.throttled.rate=5000 (cluster default)",
            "broker 1: leader.replication.throttled.rate=777",
            "topic orders: leader.replication.throttled.replicas=1:2,1:3",
            "broker 3: follower.replication.throttled.rate=5000 (cluster default)",
            "topic events: follower.replication.throttled.replicas=*",
        }, values.Select(v => v.ToString()));
        Assert.Contains(h.Cluster.Requests, r => r is { Broker: 1, ApiKey: ApiKeys.DescribeConfigs });
        Assert.Contains(h.Cluster.Requests, r => r is { Broker: 3, ApiKey: ApiKeys.DescribeConfigs });
    }

    [Fact(Timeout = 30000)]
    public async Task DescribeConfigsAsync_UnknownTopic_ErrorKeepsTopic()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() =>
            h.Admin.DescribeConfigsAsync(new[] { (ConfigResourceKind.Topic, "nope") }, Throttles, CancellationToken.None));

        Assert.Equal(ErrorCode.UnknownTopicOrPart, e.Code);
        Assert.Equal("nope", e.Topic);
    }
}
