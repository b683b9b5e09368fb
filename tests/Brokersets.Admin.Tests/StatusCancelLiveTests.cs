using System;
using System.IO;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary><c>brokersets status</c> and <c>cancel</c> against moves the test broker keeps in flight.</summary>
public sealed class StatusCancelLiveTests
{
    private static void InFlight(TestKafkaCluster c)
    {
        AdminHarness.AddOrdersAndEvents(c);
        c.MoveTicks = 1_000_000; // the moves stay in flight for the whole test
        c.StartMove("orders", 0, 4, 2, 3);
        c.StartMove("events", 1, 5, 1);
        c.SetConfig(4, "1", "leader.replication.throttled.rate", "100000000");
        c.SetConfig(2, "orders", "leader.replication.throttled.replicas", "0:1,0:2,0:3");
    }

    [Fact(Timeout = 60000)]
    public async Task Status_MovesInFlight_ListsAddingRemovingAndThrottles()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(InFlight);

        (int code, string stdout, string stderr) = await RunAsync("status", "--bootstrap-servers", h.Cluster.BootstrapServers);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal(
            "2 reassignments in progress:\n" +
            "  topic   partition  replicas  adding  removing  target\n" +
            "  events          1  5,1,6     1       6         5,1\n" +
            "  orders          0  4,2,3,1   4       1         4,2,3\n" +
            "2 replication throttles set (remove once no move needs them: kafka-configs --alter --delete-config …):\n" +
            "  broker 1: leader.replication.throttled.rate=100000000 B/s (100 MB/s)\n" +
            "  topic orders: leader.replication.throttled.replicas=0:1,0:2,0:3\n",
            stdout);
    }

    [Fact(Timeout = 60000)]
    public async Task Cancel_IncludeOneTopic_CancelsOnlyItsMoves()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(InFlight);

        (int code, string stdout, string stderr) = await RunAsync("cancel", "--bootstrap-servers", h.Cluster.BootstrapServers, "--include", "orders");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.StartsWith("cancelled 1 reassignment:\n  orders-0\nnote: Kafka's KRaft controller puts the replicas being removed back in ascending order", stdout, StringComparison.Ordinal);
        Assert.Equal(1, h.Cluster.MovesInFlight());
        // KRaft: [4,2,3,1] adding 4, removing 1 reverts to the replicas minus those being added: 1 is no longer the
        // preferred leader. Without the pre-move lists nothing can set it back.
        Assert.Equal(new[] { 2, 3, 1 }, h.Cluster.ReplicasOf("orders")[0]);

        (code, stdout, _) = await RunAsync("cancel", "--bootstrap-servers", h.Cluster.BootstrapServers);
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("cancelled 1 reassignment:\n  events-1", stdout, StringComparison.Ordinal);
        Assert.Equal(0, h.Cluster.MovesInFlight());

        (code, stdout, _) = await RunAsync("status", "--bootstrap-servers", h.Cluster.BootstrapServers);
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("no reassignment in progress\n2 replication throttles set", stdout, StringComparison.Ordinal);
    }
}

/// <summary><c>brokersets cancel --started-from</c>: the KRaft revert's order is checked against the pre-move lists and set back.</summary>
public sealed class CancelStartedFromTests
{
    [Fact(Timeout = 60000)]
    public async Task Cancel_StartedFrom_SetsTheKraftRevertBackToThePreMoveOrderAndElects()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            AdminHarness.AddOrdersAndEvents(c);
            c.MoveTicks = 1_000_000;
            c.StartMove("orders", 0, 4, 2, 3);
            c.StartMove("events", 1, 5, 1);
        });
        string dir = Directory.CreateTempSubdirectory("brokersets-cancel-").FullName;
        try
        {
            // Names orders-0 only: events-1 is cancelled too, and reported as not checked.
            string rollback = Path.Combine(dir, "rollback.json");
            File.WriteAllText(rollback, "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2,3]}]}");

            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int code = await Task.Run(() => BrokersetsCli.Run(["cancel", "--bootstrap-servers", h.Cluster.BootstrapServers, "--started-from", rollback], stdout, stderr));

            Assert.True(code == ExitCodes.Success, stderr.ToString());
            Assert.Equal(
                "cancelled 2 reassignments:\n" +
                "  events-1\n" +
                "  orders-0\n" +
                "replica order set back after the cancel (1 partition, preferred leaders elected):\n" +
                "  orders-0: reverted to [2,3,1], restored [1,2,3]\n" +
                $"note: 1 cancelled partition not in {rollback}: order not checked (events-1)\n",
                stdout.ToString());
            Assert.Equal(0, h.Cluster.MovesInFlight());
            Assert.Equal(new[] { 1, 2, 3 }, h.Cluster.ReplicasOf("orders")[0]);
            Assert.Equal(1, h.Cluster.LeaderOf("orders", 0));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>docs/cookbook.md, "Watch and cancel a running reassignment": each command run against the test broker prints its block.</summary>
public sealed class CookbookStatusCancelTests
{
    [Fact(Timeout = 60000)]
    public async Task CookbookCommands_MovesInFlight_PrintWhatTheDocShows()
    {
        string doc = RepositoryFiles.Doc("cookbook.md");
        string section = doc[doc.IndexOf("## Watch and cancel a running reassignment", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            AdminHarness.AddOrdersAndEvents(c);
            c.MoveTicks = 1_000_000;
            c.StartMove("orders", 0, 4, 2, 3);
            c.StartMove("events", 1, 5, 1);
            c.SetConfig(4, "1", "leader.replication.throttled.rate", "100000000");
            c.SetConfig(2, "orders", "leader.replication.throttled.replicas", "0:1,0:2,0:3");
        });

        // The rollback file of the plan that started the moves (plan --output-dir plan-out), as the doc says.
        string rollback = Path.Combine(Directory.CreateTempSubdirectory("brokersets-cookbook-").FullName, "rollback.json");
        File.WriteAllText(rollback, "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2,3]}]}");

        const string Prefix = "```sh\ndotnet run --project src/Brokersets.Cli -- ";
        int commands = 0;
        for (int at = section.IndexOf(Prefix, StringComparison.Ordinal); at >= 0; at = section.IndexOf(Prefix, at + 1, StringComparison.Ordinal))
        {
            int start = at + Prefix.Length;
            string command = section[start..section.IndexOf('\n', start)];
            int block = section.IndexOf("```text\n", start, StringComparison.Ordinal) + "```text\n".Length;
            string expected = section[block..section.IndexOf("```\n", block, StringComparison.Ordinal)];
            string[] args = command.Replace("kafka1:9092", h.Cluster.BootstrapServers, StringComparison.Ordinal)
                .Replace("plan-out/rollback.json", rollback, StringComparison.Ordinal).Split(' ');
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int code = await Task.Run(() => BrokersetsCli.Run(args, stdout, stderr));
            Assert.True(code == ExitCodes.Success, stderr.ToString());
            Assert.Equal(expected, stdout.ToString());
            commands++;
        }

        Assert.Equal(2, commands);
        Assert.Equal(1, h.Cluster.MovesInFlight());
    }
}

/// <summary><c>status --format json</c> parses and matches the schema shown in docs/json-output.md.</summary>
public sealed class StatusJsonTests
{
    [Fact(Timeout = 60000)]
    public async Task StatusJson_MovesAndThrottles_ValidAgainstTheDocumentedSchema()
    {
        string doc = RepositoryFiles.Doc("json-output.md");
        string section = doc[doc.IndexOf("## `status --format json`", StringComparison.Ordinal)..];
        int start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var schema = Json.Schema.JsonSchema.FromText(section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)]);

        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            AdminHarness.AddOrdersAndEvents(c);
            c.MoveTicks = 1_000_000;
            c.StartMove("orders", 0, 4, 2, 3);
            c.SetConfig(4, "1", "leader.replication.throttled.rate", "100000000");
            c.SetConfig(2, "orders", "leader.replication.throttled.replicas", "0:1,0:2,0:3");
        });
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = await Task.Run(() => BrokersetsCli.Run(["status", "--bootstrap-servers", h.Cluster.BootstrapServers, "--format", "json"], stdout, stderr));

        Assert.True(code == ExitCodes.Success, stderr.ToString());
        var node = System.Text.Json.Nodes.JsonNode.Parse(stdout.ToString());
        Json.Schema.EvaluationResults result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(stdout.ToString()).RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        Assert.True(result.IsValid, stdout.ToString());
        Assert.Equal("orders", (string?)node!["reassignments"]![0]!["topic"]);
        Assert.Equal("[4,2,3]", node["reassignments"]![0]!["target"]!.ToJsonString());
        Assert.Equal(100_000_000, (long)node["throttles"]![0]!["bytesPerSecond"]!);

        // The schema is strict: a renamed field fails it (so the check above can fail).
        var renamed = System.Text.Json.JsonDocument.Parse(stdout.ToString().Replace("\"bytesPerSecond\"", "\"rate\"", StringComparison.Ordinal)).RootElement;
        Assert.False(schema.Evaluate(renamed).IsValid);
    }
}
