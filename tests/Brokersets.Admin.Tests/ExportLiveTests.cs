using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using Brokersets.Serialization;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary><c>brokersets export</c> against the test broker holding the cookbook's drifted cluster: the file round-trips through plan and diff.</summary>
public sealed class ExportLiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string file) => RepositoryFiles.Cookbook(file);

    private static async Task<TestKafkaCluster> DriftedClusterAsync()
    {
        (TestKafkaCluster test, _) = await RepositoryFiles.StartCookbookClusterAsync("drifted.json");
        test.AddTopic("__consumer_offsets", [1, 2, 3]);
        return test;
    }

    [Fact(Timeout = 60000)]
    public async Task Export_DriftedCluster_RoundTripsThroughDiffAndPlan()
    {
        await using TestKafkaCluster test = await DriftedClusterAsync();
        string exported = Path.Combine(_dir, "current.json");

        (int code, string stdout, string stderr) = await RunAsync("export", "--bootstrap-servers", test.BootstrapServers, "--output", exported);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal(string.Empty, stdout);
        ClusterAssignment drifted = ReassignmentJson.Read(File.ReadAllText(Example("drifted.json")), "drifted.json");
        ClusterAssignment read = ReassignmentJson.Read(File.ReadAllText(exported), exported);
        Assert.True(ReassignmentDiff.Create(drifted, read).IsEmpty);
        Assert.Equal(drifted.Topics.Select(t => t.Topic), read.Topics.Select(t => t.Topic)); // no internal topic
        Assert.Equal($"wrote {exported}: {drifted.PartitionCount} partitions of {drifted.Topics.Length} topics\n", stderr);

        // diff of the export against the file the cluster was built from: nothing changes
        (code, stdout, _) = await RunAsync("diff", "--current", exported, "--target", Example("drifted.json"), "--format", "kafka-json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(0, ReassignmentJsonPartitionCount(stdout));

        // plan from the export prints exactly what plan from the original file prints
        string[] desired = ["--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json"), "--format", "kafka-json"];
        (int c1, string fromExport, _) = await RunAsync(["plan", "--current", exported, .. desired]);
        (int c2, string fromFile, _) = await RunAsync(["plan", "--current", Example("drifted.json"), .. desired]);
        Assert.Equal((0, 0), (c1, c2));
        Assert.Equal(fromFile, fromExport);
        Assert.NotEqual(0, ReassignmentJsonPartitionCount(fromExport));
    }

    [Fact(Timeout = 60000)]
    public async Task Export_IncludeAndInternal_ChooseTheTopics()
    {
        await using TestKafkaCluster test = await DriftedClusterAsync();

        (int code, string stdout, _) = await RunAsync("export", "--bootstrap-servers", test.BootstrapServers, "--include", "orders");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["orders"], ReassignmentJson.Read(stdout, "stdout").Topics.Select(t => t.Topic));

        (_, stdout, _) = await RunAsync("export", "--bootstrap-servers", test.BootstrapServers, "--include-internal");
        Assert.Contains("__consumer_offsets", ReassignmentJson.Read(stdout, "stdout").Topics.Select(t => t.Topic));
    }

    [Fact(Timeout = 60000)]
    public async Task Plan_BootstrapServers_PrintsWhatPlanOnTheFilePrints()
    {
        await using TestKafkaCluster test = await DriftedClusterAsync();
        string[] desired = ["--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json"), "--format", "kafka-json"];

        (int c1, string live, string err) = await RunAsync(["plan", "--bootstrap-servers", test.BootstrapServers, .. desired]);
        (int c2, string fromFile, _) = await RunAsync(["plan", "--current", Example("drifted.json"), .. desired]);

        Assert.True(c1 == ExitCodes.Success, err);
        Assert.Equal(0, c2);
        Assert.Equal(fromFile, live);

        (int code, _, string stderr) = await RunAsync(["plan", "--current", Example("drifted.json"), "--bootstrap-servers", test.BootstrapServers, .. desired]);
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("error: plan needs exactly one of --current KAFKA_JSON (a file) and --bootstrap-servers HOSTS (a live cluster).", stderr.Trim());
    }

    [Fact(Timeout = 60000)]
    public async Task Plan_BootstrapServersWithADeadBroker_TakesItAsOffline()
    {
        await using TestKafkaCluster test = await DriftedClusterAsync();
        test.StopBroker(9); // the spare broker holding payments-4's third replica in the drifted cluster
        string[] desired = ["--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json")];

        (int code, string stdout, string stderr) = await RunAsync(["plan", "--bootstrap-servers", test.BootstrapServers, .. desired]);

        Assert.True(code == ExitCodes.Success, stderr + stdout);
        Assert.Contains("note: offline brokers 9: copies are served by live replicas; no throttle or election names them", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(":9", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Diff_BootstrapServers_AgainstTheFileTheClusterWasBuiltFrom_NoChange()
    {
        await using TestKafkaCluster test = await DriftedClusterAsync();

        (int code, string stdout, string stderr) = await RunAsync("diff", "--bootstrap-servers", test.BootstrapServers, "--target", Example("drifted.json"), "--format", "kafka-json");
        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal(0, ReassignmentJsonPartitionCount(stdout));

        (code, stdout, stderr) = await RunAsync("diff", "--bootstrap-servers", test.BootstrapServers, "--target", Example("current.json"), "--format", "kafka-json");
        Assert.True(code == ExitCodes.Success, stderr);
        Assert.NotEqual(0, ReassignmentJsonPartitionCount(stdout));
    }

    private static int ReassignmentJsonPartitionCount(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("partitions").GetArrayLength();
}
