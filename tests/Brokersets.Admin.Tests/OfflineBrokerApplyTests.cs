using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary>"Broker 5 died, replace it by 7": <c>apply</c> against a test cluster whose broker 5 is stopped.</summary>
public sealed class OfflineBrokerApplyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-offline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<TestKafkaCluster> StartAsync() =>
        TestKafkaCluster.StartAsync([(1, "a"), (2, "b"), (3, "c"), (4, "a"), (5, "b"), (6, "c"), (7, "b")]);

    private static void Setup(TestKafkaCluster c)
    {
        c.AddTopic("orders", new[] { 5, 1, 2 }, new[] { 1, 5, 3 }, new[] { 2, 3, 4 });
        c.StopBroker(5);
    }

    private string Plan(string replacements)
    {
        string path = Path.Combine(_dir, "plan.json");
        File.WriteAllText(path, replacements);
        return path;
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_DeadBroker_ReadOfflineFromTheClusterAndCopiedFromLiveReplicasOnly()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup, cluster: await StartAsync());
        Assert.Equal(1, h.Cluster.LeaderOf("orders", 0)); // the controller moved leadership off the dead broker
        string plan = Plan("""{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[7,1,2]},{"topic":"orders","partition":1,"replicas":[1,7,3]}]}""");

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", plan,
            "--throttle-mbps", "5", "--poll-interval-ms", "20", "--execute");

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("cluster: 6 brokers", stdout, StringComparison.Ordinal);
        Assert.Contains("offline brokers: 5 (copies are served by live replicas; no throttle or election names them)\n", stdout.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Contains("\n  orders          0     1   7", stdout.Replace("\r", ""), StringComparison.Ordinal); // served by 1, not 5
        Assert.Equal(new[] { new[] { 7, 1, 2 }, new[] { 1, 7, 3 }, new[] { 2, 3, 4 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Contains(h.Cluster.ConfigOperations, o => o is { Type: 4, Name: "1", Key: "leader.replication.throttled.rate" });
        Assert.DoesNotContain(h.Cluster.ConfigOperations, o => o.Type == 4 && o.Name == "5");
        Assert.DoesNotContain(h.Cluster.ConfigOperations, o => o.Type == 2 && o.Value is { } v && v.Split(',').Any(e => e.EndsWith(":5", StringComparison.Ordinal)));
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.Equal(7, h.Cluster.LeaderOf("orders", 0));
        // A dead broker is not in DescribeCluster, so its rack is unknown without a cluster file.
        Assert.Equal("warning: broker 7 replaces offline broker 5 in orders-0, orders-1, but the rack of offline broker 5 is unknown (give it in --cluster), so the rack spread is not checked", stderr.Trim());
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_ReplacementInAnotherRack_WarnsInTheDryRun()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup, cluster: await StartAsync());
        string plan = Plan("""{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[6,1,2]}]}""");
        string cluster = Path.Combine(_dir, "cluster.json");
        File.WriteAllText(cluster, """{"brokers":[{"id":5,"rack":"b"}]}""");

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", plan, "--cluster", cluster);

        Assert.True(code == 0, stderr + stdout);
        Assert.Equal("warning: broker 6 replaces offline broker 5 in orders-0, but it is in rack c, offline broker 5 was in b", stderr.Trim());
        Assert.Empty(h.Cluster.AlterSubmissions);
    }
}
