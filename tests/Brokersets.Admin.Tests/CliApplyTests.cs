using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary><c>brokersets apply</c> (and the live-audit helper) in process, against the test broker.</summary>
public sealed class CliApplyTests : IDisposable
{
    private const string Secret = "cli-s3cr3t-Pa55";
    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Plan() => Write("plan.json",
        """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,6]},{"topic":"orders","partition":2,"replicas":[6,1,2]}]}""");

    private static void Setup(TestKafkaCluster c) => c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 });

    [Theory(Timeout = 30000)]
    [InlineData("plan.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,"x"]}]}""", "--plan")]
    [InlineData("plan.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,4,5]}]}""", "--plan")]
    [InlineData("topics.json", """[{"topicName":"orders","brokerset":"nowhere"}]""", "--topics")]
    [InlineData("cluster.json", """{"brokers":[{"id":1,"rack":7}]}""", "--cluster")]
    public async Task Apply_BadFile_FailsBeforeAnyRequestReachesTheCluster(string name, string text, string option)
    {
        // the test broker alone, without the harness's admin client, so that any request it sees is the tool's
        await using TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync();
        Setup(cluster);
        string bad = Write(name, text);
        string brokersets = Write("brokersets.json", """[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""");
        string topics = Write("good-topics.json", """[{"topicName":"orders","brokerset":"B6"}]""");
        string[] files = option switch
        {
            "--plan" => ["--plan", bad],
            "--topics" => ["--brokersets", brokersets, "--topics", bad],
            _ => ["--plan", Plan(), "--cluster", bad],
        };

        (int code, string stdout, string stderr) = await RunAsync(["apply", "--bootstrap-servers", cluster.BootstrapServers, .. files, "--execute"]);

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"error: {bad}: ", stderr, StringComparison.Ordinal);
        Assert.Equal(1, stderr.Count(c => c == '\n'));
        Assert.Empty(cluster.Requests); // not even a Metadata request: the file was refused before connecting
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_DryRun_PrintsWavesChangesNothing()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", Plan(), "--max-incoming", "1");

        Assert.True(code == 0, stderr);
        Assert.Contains("cluster: 6 brokers (controller 1), 1 topics", stdout, StringComparison.Ordinal);
        Assert.Contains("execution plan: ", stdout, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing was changed", stdout, StringComparison.Ordinal);
        Assert.Empty(h.Cluster.AlterSubmissions);
        Assert.Empty(h.Cluster.ConfigOperations);
        Assert.Equal(new[] { 1, 2, 3 }, h.Cluster.ReplicasOf("orders")[0]);
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_PlanExecute_ClusterAtTargetWithProgressLines()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", Plan(),
            "--throttle-mbps", "5", "--poll-interval-ms", "20", "--execute");

        Assert.True(code == 0, stderr);
        Assert.Equal(new[] { new[] { 4, 5, 6 }, new[] { 2, 3, 4 }, new[] { 6, 1, 2 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Contains(h.Cluster.ConfigOperations, o => o is { Key: "leader.replication.throttled.rate", Value: "5000000" });
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.Matches(@"\d\d:\d\d:\d\d wave 1 of \d+: moving, \d+ of \d+ partitions? done\n", stdout.Replace("\r", ""));
        Assert.Contains("done: ", stdout, StringComparison.Ordinal);
        Assert.Equal(6, h.Cluster.LeaderOf("orders", 2));
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_PresetBrokerRate_RestoredAndPrinted()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.SetConfig(4, "1", "leader.replication.throttled.rate", "777");
        });

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", Plan(),
            "--throttle-mbps", "5", "--poll-interval-ms", "20", "--execute");

        Assert.True(code == 0, stderr);
        Assert.Contains(h.Cluster.ConfigOperations, o => o is { Name: "1", Key: "leader.replication.throttled.rate", Value: "5000000" });
        Assert.Equal(new[] { "4 1: leader.replication.throttled.rate=777" }, h.Cluster.AllConfigs());
        Assert.Contains(" restored to their prior value\n  restored: broker 1: set leader.replication.throttled.rate=777", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_SpecFilesOverSaslPropertiesFile_RebalancedAndSecretNeverPrinted()
    {
        TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync(saslMechanism: "SCRAM-SHA-256");
        cluster.Users["admin"] = Secret;
        cluster.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 1 }, new[] { 3, 1, 2 }, new[] { 1, 2, 3 }, new[] { 2, 3, 1 }, new[] { 3, 1, 2 });
        await using var _ = cluster;
        string brokersets = Write("brokersets.json", """[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""");
        string topics = Write("topics.json", """[{"topicName":"orders","brokerset":"B6","replicationFactor":3,"partitions":6}]""");
        string properties = Write("admin.properties", $"""
            # as for kafka-reassign-partitions.sh --command-config
            security.protocol=SASL_PLAINTEXT
            sasl.mechanism=SCRAM-SHA-256
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="{Secret}";
            default.api.timeout.ms=5000
            """);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", cluster.BootstrapServers, "--command-config", properties,
            "--brokersets", brokersets, "--topics", topics, "--poll-interval-ms", "20", "--execute");

        Assert.True(code == 0, stderr);
        Assert.Contains("minimal-movement rebalance of 1 topic(s)", stdout, StringComparison.Ordinal);
        int[][] after = cluster.ReplicasOf("orders");
        Assert.Equal(6, after.SelectMany(r => r).Distinct().Count()); // spread over all six brokers
        Assert.DoesNotContain(Secret, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_SpecFiles_TopicMixingDotAndUnderscore_WarnsAsTheOtherCommands()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders.eu_west", new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 }));
        string brokersets = Write("brokersets.json", """[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""");
        string topics = Write("topics.json", """[{"topicName":"orders.eu_west","brokerset":"B6","replicationFactor":3,"partitions":3}]""");

        (int code, _, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--brokersets", brokersets, "--topics", topics);

        Assert.True(code == 0, stderr);
        Assert.Equal($"warning: {topics}: topic 'orders.eu_west' mixes '.' and '_', which collide in Kafka's metric names (as Kafka warns); use one or the other.", stderr.Trim());
        Assert.Empty(h.Cluster.AlterSubmissions);
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_UnreachableCluster_OneLineErrorExit3()
    {
        string properties = Write("fast.properties", "default.api.timeout.ms=1000\nsocket.connection.setup.timeout.ms=1000\n");

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", "127.0.0.1:1", "--command-config", properties, "--plan", Plan());

        Assert.Equal(AdminConnection.ClusterErrorExitCode, code);
        Assert.StartsWith("error: DescribeCluster failed: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Empty(stdout);
    }

    [Theory(Timeout = 30000)]
    [InlineData("security.protocol=SASL_SSL\nthis line is wrong\n", "admin.properties:2: expected key=value")]
    [InlineData("sasl.password=" + Secret + "\nno.such.property=" + Secret + "\n", "no.such.property")]
    [InlineData("ssl.keystore.location=/x.jks\n", "ssl.keystore.location (JKS/PKCS12) is not supported")]
    [InlineData("sasl.jaas.config=" + Secret + "\n", "sasl.jaas.config has no username")]
    [InlineData("security.protocol=SASL_SSL\nsasl.mechanism=GSSAPI\n", "kafka-reassign-partitions")]
    public async Task Apply_BadPropertiesFile_OneLineErrorWithoutSecrets(string text, string expected)
    {
        string properties = Write("admin.properties", text);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", "127.0.0.1:1", "--command-config", properties, "--plan", Plan());

        Assert.Equal(1, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain(Secret, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_NeitherPlanNorSpec_UsageError()
    {
        (int code, _, string stderr) = await RunAsync("apply", "--bootstrap-servers", "127.0.0.1:1");

        Assert.Equal(2, code);
        Assert.Contains("--plan FILE or both --brokersets and --topics", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Apply_Cancelled_MovesCancelledThrottlesRemovedExit130()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Setup(c);
            c.MoveTicks = 1_000_000;
        });
        using var cts = new CancellationTokenSource();
        var stdout = new CancelOnLine(": moving, ", cts);
        var stderr = new StringWriter();
        var options = new ApplyOptions(h.Cluster.BootstrapServers, null, Plan(), new PlaceOptions(),
            new ExecutionOptions { ThrottleBytesPerSecond = 1_000_000 }, TimeSpan.FromMilliseconds(20), Execute: true);

        int code = await ApplyCommand.ExecuteAsync(options, stdout, stderr, cts.Token);

        Assert.Equal(AdminConnection.CancelledExitCode, code);
        string[] lines = stderr.ToString().TrimEnd().Split('\n');
        Assert.Equal("error: cancelled; moves in flight were cancelled and throttles left as found (ours deleted, prior values restored).", lines[0].TrimEnd());
        // KRaft reverted both moves with the removing replicas sorted; the run set them back to Setup's lists.
        Assert.StartsWith("replica order restored after the cancel (Kafka reverted it in another order): orders-0: reverted to [", lines[1], StringComparison.Ordinal);
        Assert.Contains("], restored [1,2,3]; orders-2: reverted to [", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("], restored [3,4,5]", lines[1].TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Equal(0, h.Cluster.MovesInFlight());
        Assert.Equal(new[] { 1, 2, 3 }, h.Cluster.ReplicasOf("orders")[0]);
        Assert.False(h.Cluster.HasAnyThrottle());
    }

    [Fact(Timeout = 30000)]
    public async Task LiveAuditRunner_DriftedCluster_PrintsFindingsAndRepairPlan()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        PlacementSpec spec = PlacementSpec.Create(new[] { Brokerset.Parse("B3", "4-6") }, new[] { new TopicSpec("orders", "B3", 3, 3, 0) });
        var stdout = new StringWriter();

        int code = await LiveAuditRunner.RunAsync(h.Cluster.BootstrapServers, null, spec, PlacementStrategy.RackAware, DriftMode.ExactLayout, stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(ExitCodes.DriftFound, code);
        Assert.Contains("drift: ", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("execution plan: ", stdout.ToString(), StringComparison.Ordinal);
        Assert.Empty(h.Cluster.AlterSubmissions);
    }

    [Fact(Timeout = 30000)]
    public async Task Audit_BootstrapServers_AuditsTheLiveClusterWithTheOfflineExitCodes()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        string brokersets = Write("brokersets.json", """[{"brokersetAlias":"B3","entries":[{"startBrokerIdx":4,"endBrokerIdx":6}]}]""");
        string topics = Write("topics.json", """[{"topicName":"orders","brokerset":"B3","partitions":3}]""");
        string cluster = Write("cluster.json", """{"brokers":[{"id":4,"rack":"az-a"},{"id":5,"rack":"az-b"},{"id":6,"rack":"az-c"}]}""");

        // 'orders' lives on 1-5; the desired brokerset is 4-6: membership drift, exit code 3 like the offline audit.
        (int code, string stdout, _) = await RunAsync("audit", "--bootstrap-servers", h.Cluster.BootstrapServers, "--brokersets", brokersets, "--topics", topics, "--cluster", cluster);
        Assert.Equal(ExitCodes.DriftFound, code);
        Assert.Contains("drift: ", stdout, StringComparison.Ordinal);
        Assert.Empty(h.Cluster.AlterSubmissions);

        // exactly one source of the current assignment
        (int both, _, string err) = await RunAsync("audit", "--bootstrap-servers", h.Cluster.BootstrapServers, "--current", Plan(), "--brokersets", brokersets, "--topics", topics, "--cluster", cluster);
        Assert.Equal(ExitCodes.UsageError, both);
        Assert.StartsWith("error: audit needs exactly one of --current", err, StringComparison.Ordinal);
    }

    private sealed class CancelOnLine(string marker, CancellationTokenSource cts) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(marker, StringComparison.Ordinal))
            {
                cts.Cancel();
            }
        }
    }
}
