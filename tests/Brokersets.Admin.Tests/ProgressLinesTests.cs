using System;
using System.IO;
using Brokersets.Cli;

namespace Brokersets.Admin.Tests;

/// <summary><c>apply</c>'s progress lines: words instead of enum names, plurals, the plan's bytes/throttle/ETA, a bar only on a terminal.</summary>
public sealed class ProgressLinesTests
{
    // orders-0 [1,2,3] → [4,2,3] (2 GB) and a reorder of orders-1 (no data): one copying wave, then the final step.
    private static readonly ExecutionPlan Plan = ExecutionPlan.Create(
        ClusterAssignment.Create([TopicAssignment.Create("orders", new[] { new[] { 1, 2, 3 }, new[] { 2, 3, 4 } })]),
        ClusterAssignment.Create([TopicAssignment.Create("orders", new[] { new[] { 4, 2, 3 }, new[] { 3, 2, 4 } })]),
        new ExecutionOptions { ThrottleBytesPerSecond = 100_000_000 },
        PartitionSizes.Create([new("orders", [2_000_000_000, 5])]));

    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 5, TimeSpan.Zero);

    private static string Run(bool terminal, params ReassignmentProgress[] reports)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var lines = new ProgressLines(stdout, Plan, terminal, () => Noon);
        foreach (ReassignmentProgress r in reports)
        {
            lines.Report(r);
        }

        return stdout.ToString();
    }

    private static readonly ReassignmentProgress[] Reports =
    [
        new(ReassignmentPhase.Starting, 0, 2, 0, 0),
        new(ReassignmentPhase.Throttling, 1, 2, 1, 1),
        new(ReassignmentPhase.Submitted, 1, 2, 1, 1),
        new(ReassignmentPhase.Moving, 1, 2, 1, 1),
        new(ReassignmentPhase.Moving, 1, 2, 1, 1),
        new(ReassignmentPhase.Moving, 1, 2, 1, 0),
        new(ReassignmentPhase.WaveCompleted, 1, 2, 1, 0),
        new(ReassignmentPhase.Submitted, 2, 2, 1, 1),
        new(ReassignmentPhase.RemovingThrottles, 0, 2, 0, 0),
        new(ReassignmentPhase.ElectingLeaders, 0, 2, 0, 0),
        new(ReassignmentPhase.Completed, 0, 2, 0, 0),
    ];

    [Fact]
    public void Report_Redirected_PlainLinesWithFiguresAndNoRepeats()
    {
        Assert.Equal(
            "12:00:05 reading the cluster and the moves in flight\n" +
            "12:00:05 wave 1 of 1: setting throttles for 1 partition\n" +
            "12:00:05 wave 1 of 1: submitted 1 partition (2 GB, throttle 100 MB/s, eta 0:00:20)\n" +
            "12:00:05 wave 1 of 1: moving, 0 of 1 partition done\n" +
            "12:00:05 wave 1 of 1: moving, 1 of 1 partition done\n" +
            "12:00:05 wave 1 of 1: done, 1 partition at target\n" +
            "12:00:05 final step (no data moves): submitted 1 partition\n" +
            "12:00:05 leaving the throttles as found\n" +
            "12:00:05 electing preferred leaders\n" +
            "12:00:05 completed\n",
            Run(terminal: false, Reports));
    }

    [Fact]
    public void Report_Terminal_PollsRewriteOneLineWithABar()
    {
        string output = Run(terminal: true, Reports);

        Assert.Contains("12:00:05 wave 1 of 1: moving [....................] 0 of 1 partition done   \r12:00:05 wave 1 of 1: moving [####################] 1 of 1 partition done   \n12:00:05 wave 1 of 1: done", output, StringComparison.Ordinal);
    }
}
