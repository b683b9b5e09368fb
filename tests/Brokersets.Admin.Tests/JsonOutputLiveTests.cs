using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using Json.Schema;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary>Live <c>audit</c> and <c>apply --format json</c> against the test broker: the real output matches the schema shown in docs/json-output.md.</summary>
public sealed class JsonOutputLiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Setup(TestKafkaCluster c) => c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 });

    private string Plan() => Write("plan.json",
        """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,6]},{"topic":"orders","partition":2,"replicas":[6,1,2]}]}""");

    /// <summary>The JSON Schema block under the heading <c>## `{command} --format json`</c> of docs/json-output.md.</summary>
    private static JsonSchema DocumentedSchema(string command)
    {
        string doc = RepositoryFiles.Doc("json-output.md");
        string section = doc[doc.IndexOf($"## `{command} --format json`", StringComparison.Ordinal)..];
        int start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        return JsonSchema.FromText(section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)]);
    }

    private static void AssertValid(JsonSchema schema, string json)
    {
        EvaluationResults result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, json);
    }

    [Fact(Timeout = 60000)]
    public async Task Audit_LiveDrift_ValidAgainstTheDocumentedSchemaExitCodeThree()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        string brokersets = Write("brokersets.json", """[{"brokersetAlias":"B3","entries":[{"startBrokerIdx":4,"endBrokerIdx":6}]}]""");
        string topics = Write("topics.json", """[{"topicName":"orders","brokerset":"B3","partitions":3}]""");
        string cluster = Write("cluster.json", """{"brokers":[{"id":4,"rack":"az-a"},{"id":5,"rack":"az-b"},{"id":6,"rack":"az-c"}]}""");

        (int code, string stdout, string stderr) = await RunAsync("audit", "--bootstrap-servers", h.Cluster.BootstrapServers, "--brokersets", brokersets, "--topics", topics, "--cluster", cluster, "--format", "json");

        Assert.True(code == ExitCodes.DriftFound, stderr);
        AssertValid(DocumentedSchema("audit"), stdout);
        JsonNode node = JsonNode.Parse(stdout)!;
        Assert.False((bool)node["clean"]!);
        Assert.Contains(node["findings"]!.AsArray(), f => (string?)f!["class"] == "membership" && (string?)f["topic"] == "orders");
        Assert.Equal(3, (int)node["repair"]!["partitionsTouched"]!);
        Assert.Empty(h.Cluster.AlterSubmissions);
    }

    [Fact(Timeout = 60000)]
    public async Task Apply_DryRunAndExecute_ValidAgainstTheDocumentedSchema()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        JsonSchema schema = DocumentedSchema("apply");

        (int dry, string dryOut, string dryErr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", Plan(), "--throttle-mbps", "5", "--format", "json");
        Assert.True(dry == 0, dryErr);
        AssertValid(schema, dryOut);
        JsonNode plan = JsonNode.Parse(dryOut)!;
        Assert.False((bool)plan["executed"]!);
        Assert.Null(plan["result"]);
        Assert.Equal(6, (int)plan["brokers"]!);
        Assert.Equal(5_000_000, (long)plan["plan"]!["throttleBytesPerSecond"]!);
        Assert.Empty(h.Cluster.AlterSubmissions);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", Plan(),
            "--throttle-mbps", "5", "--poll-interval-ms", "20", "--format", "json", "--execute");
        Assert.True(code == 0, stderr);
        AssertValid(schema, stdout);
        JsonNode done = JsonNode.Parse(stdout)!;
        Assert.True((bool)done["executed"]!);
        // one entry per submission (a partition is submitted in each wave it moves in): the plan's two partitions
        Assert.Equal(new[] { 0, 2 }, done["result"]!["submitted"]!.AsArray().Select(p => (int)p!["partition"]!).Distinct().Order().ToArray());
        Assert.Equal(new[] { new[] { 4, 5, 6 }, new[] { 2, 3, 4 }, new[] { 6, 1, 2 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Contains(" wave 1 of ", stderr, StringComparison.Ordinal); // progress lines go to stderr

        Assert.False(schema.Evaluate(JsonDocument.Parse(stdout.Replace("\"throttleBytesPerSecond\"", "\"throttleMbps\"", StringComparison.Ordinal)).RootElement).IsValid);
    }

    [Fact(Timeout = 60000)]
    public async Task Apply_UnreachableClusterWithJson_OneLineErrorExit4()
    {
        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", "127.0.0.1:1", "--plan", Plan(), "--timeout", "2", "--format", "json");

        Assert.Equal(ExitCodes.ClusterError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
