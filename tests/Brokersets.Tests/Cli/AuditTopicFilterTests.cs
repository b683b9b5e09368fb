using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Brokersets.Cli;
using Brokersets.Serialization;

namespace Brokersets.Tests.Cli;

/// <summary><c>audit</c> on a clean cluster that also runs internal and Connect topics: internal skipped by default, regexes for the rest.</summary>
public sealed class AuditTopicFilterTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The example's clean (rack-aware) layout plus the given extra topics, each one partition on brokers 1,2,3.</summary>
    private string CleanPlus(params string[] topics)
    {
        var json = JsonNode.Parse(ReassignmentJson.Write(ExampleLayout.RackAware()))!.AsObject();
        JsonArray partitions = json["partitions"]!.AsArray();
        foreach (string t in topics)
        {
            partitions.Add(new JsonObject { ["topic"] = t, ["partition"] = 0, ["replicas"] = new JsonArray(1, 2, 3) });
        }

        return _files.Write("current.json", json.ToJsonString());
    }

    private static CliRun Audit(string current, params string[] more) => CliRun.Of(
    [
        "audit", "--current", current, "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"),
        "--cluster", CliRun.Example("cluster.json"), .. more,
    ]);

    [Fact]
    public void Run_CleanClusterWithInternalTopics_ExitsZeroAndNamesWhatItSkipped()
    {
        CliRun run = Audit(CleanPlus("__consumer_offsets", "__transaction_state", "_schemas", "_confluent-metrics"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("skipped 4 topics: __consumer_offsets (internal), __transaction_state (internal), _confluent-metrics (internal), _schemas (internal)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("clean: no drift", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_IncludeInternal_ReportsThemAsUnknownTopics()
    {
        CliRun run = Audit(CleanPlus("__consumer_offsets", "_schemas"), "--include-internal");

        Assert.Equal(ExitCodes.DriftFound, run.ExitCode);
        Assert.Contains("UnknownTopic", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ConnectTopics_DriftUntilExcluded()
    {
        string current = CleanPlus("__consumer_offsets", "connect-offsets", "connect-status");

        Assert.Equal(ExitCodes.DriftFound, Audit(current).ExitCode);
        CliRun run = Audit(current, "--exclude", "connect-.*");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("skipped 3 topics: __consumer_offsets (internal), connect-offsets (--exclude), connect-status (--exclude)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExcludeMatchesTheWholeName()
    {
        // 'connect' alone matches no whole name, so the Connect topics stay audited (as Kafka's topic patterns match).
        Assert.Equal(ExitCodes.DriftFound, Audit(CleanPlus("connect-offsets"), "--exclude", "connect").ExitCode);
    }

    [Fact]
    public void Run_IncludeOneTopic_AuditsOnlyIt()
    {
        // The drifted example has drift in both orders and payments; audited alone, payments is neither checked nor expected.
        CliRun run = Audit(CliRun.Example("current.json"), "--include", "orders");

        Assert.Equal(ExitCodes.DriftFound, run.ExitCode);
        Assert.StartsWith("skipped 1 topic: payments (not matching --include)\n", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("payments", run.Stdout.Split('\n', 2)[1], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Audit(CleanPlus("connect-offsets"), "--include", "orders|payments").ExitCode);
    }

    [Fact]
    public void Run_InternalTopicNamedInTheTopicFile_IsAudited()
    {
        string topics = _files.Write("topics.json", """
            [ { "topicName": "orders", "brokerset": "Capacity_B6_P6_0", "replicationFactor": 3, "stride": 0 },
              { "topicName": "payments", "brokerset": "Capacity_B6_P6_0", "replicationFactor": 3, "stride": 1 },
              { "topicName": "_schemas", "brokerset": "Capacity_B6_P6_0", "replicationFactor": 3, "partitions": 1 } ]
            """);

        CliRun run = CliRun.Of("audit", "--current", CleanPlus("_schemas"), "--brokersets", CliRun.Example("brokersets.json"), "--topics", topics, "--cluster", CliRun.Example("cluster.json"));

        Assert.DoesNotContain("skipped", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("_schemas", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadRegex_IsAUsageErrorNamingTheOption()
    {
        string line = Audit(CliRun.Example("current.json"), "--exclude", "connect-(").AssertOneLineError(ExitCodes.UsageError);

        Assert.StartsWith("error: --exclude 'connect-(' is not a valid regular expression: ", line, StringComparison.Ordinal);
    }
}
