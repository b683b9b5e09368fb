using System;
using System.IO;
using System.Linq;
using Brokersets.Cli;
using Brokersets.Serialization;

namespace Brokersets.Tests.Cli;

public sealed class AuditCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string Current = CliRun.Example("current.json");

    private static CliRun Audit(string current, params string[] more) => CliRun.Of(
    [
        "audit", "--current", current, "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"),
        "--cluster", CliRun.Example("cluster.json"), .. more,
    ]);

    private static string LayoutJson() => ReassignmentJson.Write(ExampleLayout.RackAware());

    [Fact]
    public void Run_DriftedExample_ExitCodeThreeCheapestFirst()
    {
        CliRun run = Audit(Current);

        Assert.Equal(ExitCodes.DriftFound, run.ExitCode);
        Assert.Equal(3, ExitCodes.DriftFound);
        Assert.Contains("drift: 6 findings (1 order-only, 4 membership, 1 rack, 0 operational)", run.Stdout, StringComparison.Ordinal);
        int orderOnly = run.Stdout.IndexOf("order-only  WrongOrder", StringComparison.Ordinal);
        int membership = run.Stdout.IndexOf("membership  ReplicaOutsideBrokerset", StringComparison.Ordinal);
        int rack = run.Stdout.IndexOf("rack        RackCollision", StringComparison.Ordinal);
        Assert.True(orderOnly > 0 && orderOnly < membership && membership < rack, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Run_KafkaJson_RepairAppliedToCurrentGivesTheLayout()
    {
        CliRun run = Audit(Current, "--format", "kafka-json");

        Assert.Equal(ExitCodes.DriftFound, run.ExitCode);
        var applied = KafkaFile.Apply(KafkaFile.Lists(File.ReadAllText(Current)), run.Stdout);
        KafkaFile.AssertSame(KafkaFile.Lists(LayoutJson()), applied);
        // Only the drifted partitions are listed.
        Assert.Equal(
            new[] { ("orders", 0), ("orders", 1), ("orders", 2), ("payments", 3), ("payments", 5) },
            KafkaFile.Lists(run.Stdout).Keys.OrderBy(k => k).ToArray());
    }

    [Fact]
    public void Run_Layout_CleanExitZero()
    {
        string current = Path.Combine(_files.Directory, "layout.json");
        File.WriteAllText(current, LayoutJson());

        CliRun run = Audit(current);
        CliRun json = Audit(current, "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("drift: 0 findings", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("clean: no drift\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        Assert.Equal("{\"version\":1,\"partitions\":[]}\n", json.Stdout);
    }

    [Fact]
    public void Run_UnknownTopicOnly_DriftWithEmptyRepair()
    {
        string current = Path.Combine(_files.Directory, "extra.json");
        File.WriteAllText(current, LayoutJson()[..^2] + ",{\"topic\":\"logs\",\"partition\":0,\"replicas\":[1,2,3]}]}");

        CliRun run = Audit(current);

        Assert.Equal(ExitCodes.DriftFound, run.ExitCode);
        Assert.Contains("UnknownTopic", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedCurrent_OneLineInputError()
    {
        string current = Path.Combine(_files.Directory, "bad.json");
        File.WriteAllText(current, "{\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2,-3]}]}");

        string line = Audit(current).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("broker id -3 is negative", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "loose")]
    [InlineData("--format", "yaml")]
    [InlineData("--step-size", "1")]
    public void Run_BadOption_UsageError(string option, string value)
    {
        Audit(Current, option, value).AssertOneLineError(ExitCodes.UsageError);
    }
}
