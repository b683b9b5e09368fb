using System;
using Brokersets.Serialization;
using Brokersets.Tests.Cli;
using Brokersets.Cli;

namespace Brokersets.Tests.Serialization;

/// <summary>The whole output of <c>kafka-reassign-partitions --generate</c> pasted into a file: the error says which block to take.</summary>
public sealed class GenerateOutputTests : IDisposable
{
    // As Kafka's tool prints it (ReassignPartitionsCommand.generateAssignment).
    private const string Pasted = """
        Current partition replica assignment
        {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,2,3],"log_dirs":["any","any","any"]}]}

        Proposed partition reassignment configuration
        {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,2,3],"log_dirs":["any","any","any"]}]}
        """;

    private const string Expected = "this is the whole output of kafka-reassign-partitions --generate, not one JSON document; keep only the JSON line after 'Current partition replica assignment' (the current assignment, e.g. for --current or rollback) or the one after 'Proposed partition reassignment configuration' (the proposed target)";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_PastedGenerateOutput_SaysWhichBlockToTake()
    {
        BrokersetsFormatException e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.Read(Pasted, "generated.txt"));
        Assert.Contains(Expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("generated.txt", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.ReadPartitions(Pasted, "generated.txt"));
        Assert.Contains(Expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PastedGenerateOutputAsCurrent_OneLineInputError()
    {
        string current = _files.Write("generated.txt", Pasted);

        string line = CliRun.Of("diff", "--current", current, "--target", CliRun.Example("current.json")).AssertOneLineError(ExitCodes.InputError);

        Assert.Contains(Expected, line, StringComparison.Ordinal);
    }
}
