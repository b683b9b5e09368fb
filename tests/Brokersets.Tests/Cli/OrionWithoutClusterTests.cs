using System;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

/// <summary><c>--strategy orion</c> needs no racks, so <c>--cluster</c> is optional with it; rack-aware still asks for it by name.</summary>
public sealed class OrionWithoutClusterTests
{
    private static readonly string[] Files = ["--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json")];

    [Theory]
    [InlineData("audit")]
    [InlineData("plan")]
    [InlineData("place")]
    [InlineData("analyze")]
    public void Orion_NoClusterFile_RunsAndMatchesTheRunWithRacks(string command)
    {
        string[] current = command is "audit" or "plan" ? ["--current", CliRun.Example("current.json")] : [];
        string[] format = command is "audit" ? ["--format", "kafka-json"] : command is "place" ? ["--format", "kafka-json"] : [];

        CliRun without = CliRun.Of([command, .. current, .. Files, "--strategy", "orion", .. format]);
        CliRun with = CliRun.Of([command, .. current, .. Files, "--strategy", "orion", "--cluster", CliRun.Example("cluster.json"), .. format]);

        Assert.True(without.ExitCode is ExitCodes.Success or ExitCodes.DriftFound, without.Stderr);
        Assert.Equal(with.ExitCode, without.ExitCode);
        Assert.DoesNotContain("error:", without.Stderr, StringComparison.Ordinal);
        if (command is "audit" or "place")
        {
            // Orion's layout does not depend on racks: the same lists with and without the cluster file.
            Assert.Equal(with.Stdout, without.Stdout);
        }
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("plan")]
    public void RackAware_NoClusterFile_UsageErrorNamingTheOption(string command)
    {
        CliRun run = CliRun.Of(command, "--current", CliRun.Example("current.json"), Files[0], Files[1], Files[2], Files[3]);

        string line = run.AssertOneLineError(ExitCodes.UsageError);
        Assert.Contains("--cluster FILE", line, StringComparison.Ordinal);
        Assert.Contains("--strategy orion", line, StringComparison.Ordinal);
    }
}
