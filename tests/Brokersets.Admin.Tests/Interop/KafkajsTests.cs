using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;

namespace Brokersets.Admin.Tests.Interop;

/// <summary>
/// kafkajs 2.2 (pinned in tests/interop/package.json, installed with <c>npm ci</c>) against the test broker, through
/// tests/interop/kafkajs-admin.js. Skipped with the reason when node or the installed package is missing (outside CI).
/// </summary>
public sealed class KafkajsTests
{
    [SkippableFact(Timeout = 90000)]
    public async Task KafkajsAdmin_ListCreateAlterListCancelDescribe_DecodesWhatTheTestBrokerHolds()
    {
        string dir = Path.Combine(ExternalTool.RepositoryRoot(), "tests", "interop");
        string? node = ExternalTool.Find("node");
        ExternalTool.SkipUnlessPresent(node is null ? "node is not installed (apt-get install nodejs npm)." : null);
        ExternalTool.SkipUnlessPresent(File.Exists(Path.Combine(dir, "node_modules", "kafkajs", "package.json")) ? null : "kafkajs is not installed: run npm ci in tests/interop.");
        await using TestKafkaCluster c = await TestKafkaCluster.StartSixBrokersAsync();
        c.MoveTicks = 1_000_000; // moves stay in flight until cancelled
        c.SetConfig(4, "1", "leader.replication.throttled.rate", "1000000");

        (int code, string stdout, string stderr) = await ExternalTool.RunAsync(node!, new[] { "kafkajs-admin.js", c.BootstrapServers, "interop" }, workingDirectory: dir);

        Assert.True(code == 0, $"kafkajs-admin.js exited {code}: {stderr}");
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement o = doc.RootElement;

        // describeCluster (Metadata v6): every broker with its port, the controller, the cluster id.
        JsonElement cluster = o.GetProperty("cluster");
        Assert.Equal(c.Brokers.Select(b => b.Id).Order(), cluster.GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("nodeId").GetInt32()).Order());
        Assert.All(cluster.GetProperty("brokers").EnumerateArray(), b => Assert.Equal(c.PortOf(b.GetProperty("nodeId").GetInt32()), b.GetProperty("port").GetInt32()));
        Assert.Equal(c.ControllerId, cluster.GetProperty("controller").GetInt32());
        Assert.Equal(c.ClusterId, cluster.GetProperty("clusterId").GetString());

        // createTopics (v3) with explicit replicas and a config; a second create gets TOPIC_ALREADY_EXISTS.
        Assert.True(o.GetProperty("created").GetBoolean());
        Assert.False(o.GetProperty("createdAgain").GetBoolean()); // kafkajs: false = every topic failed with TOPIC_ALREADY_EXISTS
        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 3, 2, 1 } }, Replicas(o.GetProperty("afterCreate")));

        // alter + list: the KRaft layout (target, then the removing replicas ascending), adding/removing ascending.
        JsonElement[] listed = o.GetProperty("listed").GetProperty("topics").EnumerateArray().Single().GetProperty("partitions").EnumerateArray()
            .OrderBy(p => p.GetProperty("partition").GetInt32()).ToArray();
        Assert.Equal(new[] { 4, 5, 6, 1, 2, 3 }, Ints(listed[0], "replicas"));
        Assert.Equal(new[] { 4, 5, 6 }, Ints(listed[0], "addingReplicas"));
        Assert.Equal(new[] { 1, 2, 3 }, Ints(listed[0], "removingReplicas"));
        Assert.Equal(new[] { 2, 1, 4, 3 }, Ints(listed[1], "replicas"));
        Assert.Equal(new[] { 4 }, Ints(listed[1], "addingReplicas"));
        Assert.Equal(new[] { 3 }, Ints(listed[1], "removingReplicas"));

        // cancel one: only partition 0 is still moving; partition 1 is back as KRaft reverts it (current minus
        // adding: [2,1,3], not [3,2,1]); a second cancel is NO_REASSIGNMENT_IN_PROGRESS, an unknown broker
        // INVALID_REPLICA_ASSIGNMENT, both per partition.
        JsonElement after = o.GetProperty("listedAfterCancel").GetProperty("topics").EnumerateArray().Single();
        Assert.Equal(new[] { 0 }, after.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32()));
        Assert.Equal("NO_REASSIGNMENT_IN_PROGRESS", o.GetProperty("cancelAgain").GetString());
        Assert.Equal("INVALID_REPLICA_ASSIGNMENT", o.GetProperty("unknownBroker").GetString());
        Assert.Equal(new[] { new[] { 4, 5, 6, 1, 2, 3 }, new[] { 2, 1, 3 } }, Replicas(o.GetProperty("afterCancel")));
        Assert.Equal(c.ReplicasOf("interop"), Replicas(o.GetProperty("afterCancel")));

        // describeConfigs (v2) with synonyms: the topic's own value (DYNAMIC_TOPIC_CONFIG) set at creation, the broker's
        // own rate (DYNAMIC_BROKER_CONFIG) over Kafka's default.
        JsonElement[] resources = o.GetProperty("configs").GetProperty("resources").EnumerateArray().ToArray();
        JsonElement topicReplicas = Entry(resources.Single(r => r.GetProperty("resourceName").GetString() == "interop"), "leader.replication.throttled.replicas");
        Assert.Equal("0:1", topicReplicas.GetProperty("configValue").GetString());
        JsonElement rate = Entry(resources.Single(r => r.GetProperty("resourceName").GetString() == "1"), "leader.replication.throttled.rate");
        Assert.Equal("1000000", rate.GetProperty("configValue").GetString());
        Assert.Equal(new[] { "1000000", "9223372036854775807" }, rate.GetProperty("configSynonyms").EnumerateArray().Select(s => s.GetProperty("configValue").GetString()));
        Assert.All(resources, r => Assert.Equal(0, r.GetProperty("errorCode").GetInt32()));
    }

    private static int[] Ints(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static int[][] Replicas(JsonElement topics) =>
        topics.EnumerateArray().Single().GetProperty("partitions").EnumerateArray().OrderBy(p => p.GetProperty("partitionId").GetInt32())
            .Select(p => Ints(p, "replicas")).ToArray();

    private static JsonElement Entry(JsonElement resource, string name) =>
        resource.GetProperty("configEntries").EnumerateArray().Single(e => e.GetProperty("configName").GetString() == name);
}
