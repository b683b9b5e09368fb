using System;
using System.IO;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

public sealed class DiffCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Kafka(string name) => TestData.PathOf(Path.Combine("kafka", name));

    [Fact]
    public void Run_ExecuteExample_KafkaJsonListsOnlyChangedPartitions()
    {
        // execute-output.txt: orders is 0:[1,2,3] 1:[2,3,1] 2:[3,1,2]; the minimal file asks 0:[4,2,3] 1:[2,3,4] 2:[3,1,2].
        // Partition 2 is unchanged, so only 0 and 1 are printed, in Kafka's compact form.
        CliRun run = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", Kafka("reassignment-v1-minimal.json"), "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[4,2,3]},{\"topic\":\"orders\",\"partition\":1,\"replicas\":[2,3,4]}]}\n",
            run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Run_GenerateExample_OutputAppliedToCurrentGivesTarget()
    {
        string current = Kafka("generate-current.json");
        string target = Kafka("reassignment-v1-compact.json");

        CliRun run = CliRun.Of("diff", "--current", current, "--target", target, "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var applied = KafkaFile.Apply(KafkaFile.Lists(File.ReadAllText(current)), run.Stdout);
        KafkaFile.AssertSame(KafkaFile.Lists(File.ReadAllText(target)), applied);
        Assert.Equal(5, KafkaFile.Lists(run.Stdout).Count); // every partition of the proposal changes
    }

    [Fact]
    public void Run_GenerateExampleTable_TotalsAndRowsByHand()
    {
        // orders-0 [1,2,3]→[3,4,2] +4 -1 leader 1→3; orders-1 [2,3,1]→[4,2,3] +4 -1 leader 2→4;
        // orders-2 [3,1,2]→[2,3,4] +4 -1 leader 3→2; payments-0 [1,2]→[4,3] +4,3 -1,2 leader 1→4;
        // payments-1 [2,3]→[2,4] +4 -3, same leader. Totals: 6 added, 6 removed, 4 leader changes, 0 order-only.
        CliRun run = CliRun.Of("diff", "--current", Kafka("generate-current.json"), "--target", Kafka("reassignment-v1-compact.json"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        string[] lines = run.Stdout.Split('\n');
        Assert.Equal("diff: 5 of 5 target partitions change: 6 replicas added (copied), 6 removed, 4 preferred-leader changes, 0 order-only", lines[0]);
        Assert.Matches(@"^  orders +0  1,2,3 +3,4,2 +4 +1 +1→3$", lines[2]);
        Assert.Matches(@"^  payments +0  1,2 +4,3 +4,3 +1,2 +1→4$", lines[5]);
        Assert.Matches(@"^  payments +1  2,3 +2,4 +4 +3$", lines[6]);
        Assert.Contains("per broker", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("only in current", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PartitionsOnlyInCurrent_ReportedNotReassigned()
    {
        string target = _files.Write("target.json", "{\"partitions\":[{\"topic\":\"payments\",\"partition\":1,\"replicas\":[3,2]}]}");

        CliRun table = CliRun.Of("diff", "--current", Kafka("generate-current.json"), "--target", target);
        CliRun json = CliRun.Of("diff", "--current", Kafka("generate-current.json"), "--target", target, "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, table.ExitCode);
        Assert.StartsWith("diff: 1 of 1 target partitions change: 0 replicas added (copied), 0 removed, 1 preferred-leader changes, 1 order-only\n", table.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("only in current (not reassigned, left as they are): orders-0, orders-1, orders-2, payments-0\n", table.Stdout, StringComparison.Ordinal);
        Assert.Equal("{\"version\":1,\"partitions\":[{\"topic\":\"payments\",\"partition\":1,\"replicas\":[3,2]}]}\n", json.Stdout);
    }

    [Fact]
    public void Run_ReplicationFactorChangeOfOnePartition_Compared()
    {
        // Kafka allows a list of another length: orders-1 [2,3,1] → [2,3] (one removed, nothing copied).
        string target = _files.Write("target.json", "{\"partitions\":[{\"topic\":\"orders\",\"partition\":1,\"replicas\":[2,3]},{\"topic\":\"orders\",\"partition\":2,\"replicas\":[3,1,4]}]}");

        CliRun run = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", target);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("diff: 2 of 2 target partitions change: 1 replicas added (copied), 2 removed, 0 preferred-leader changes, 0 order-only\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NothingChanges_EmptyJsonAndNoteOnStderr()
    {
        CliRun run = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", Kafka("execute-current.json"), "--format", "kafka-json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("{\"version\":1,\"partitions\":[]}\n", run.Stdout);
        Assert.StartsWith("note: no partition changes", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TargetPartitionMissingFromCurrent_OneLineInputError()
    {
        string target = _files.Write("target.json", "{\"partitions\":[{\"topic\":\"orders\",\"partition\":7,\"replicas\":[1,2,3]}]}");

        string line = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", target).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("partition orders-7 is not in the current assignment", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TargetTopicMissingFromCurrent_OneLineInputError()
    {
        string line = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", Kafka("reassignment-v1-compact.json"), "--format", "kafka-json")
            .AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("partition payments-0 is not in the current assignment", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DuplicateReplica_KafkasMessage()
    {
        string line = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", Kafka(Path.Combine("invalid", "duplicate-replica.json")))
            .AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("Partition replica lists may not contain duplicate entries: orders-0 contains multiple entries for 1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NegativeBrokerIdInCurrent_OneLineInputError()
    {
        string current = _files.Write("current.json", "{\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,-2,3]}]}");

        string line = CliRun.Of("diff", "--current", current, "--target", Kafka("execute-current.json")).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("broker id -2 is negative", line, StringComparison.Ordinal);
        Assert.Contains("current.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedJson_OneLineInputError()
    {
        string target = _files.Write("target.json", "{\"partitions\":[{\"topic\":\"orders\",");

        string line = CliRun.Of("diff", "--current", Kafka("execute-current.json"), "--target", target).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains("target.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingFile_OneLineInputError()
    {
        string line = CliRun.Of("diff", "--current", Path.Combine(_files.Directory, "nope.json"), "--target", Kafka("execute-current.json")).AssertOneLineError(ExitCodes.InputError);

        Assert.EndsWith("nope.json: file not found", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff", "--current", "a.json")]
    [InlineData("diff", "--current", "a.json", "--target", "b.json", "--format", "yaml")]
    public void Run_BadCommandLine_UsageError(params string[] args)
    {
        CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError);
    }
}
