using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets analyze --brokersets FILE --topics FILE --cluster FILE [--overrides FILE] [strategy options]
/// [--assignment KAFKA_JSON] [--draws N] [--format table|json]</c>: the cluster report, the failure impact (every
/// single broker and every rack) and the stride advice (a re-plan per brokerset) for the planned layout, or for an
/// existing layout read from Kafka's reassignment JSON.
/// </summary>
internal static class AnalyzeCommand
{
    /// <summary>Builds the <c>analyze</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("analyze",
            "Report loads, rack violations, single-broker and rack (AZ) failover and stride advice for the planned layout, or for an existing one (--assignment).");
        InputOptions input = InputOptions.AddTo(command);
        StrategyChoice.Options strategy = StrategyChoice.AddOptions(command, kafkaPartitions: false, seed: true);
        var assignment = new Option<string>("--assignment") { Description = "Analyse this layout (Kafka's reassignment JSON) instead of placing the topics", HelpName = "KAFKA_JSON" };
        var draws = new Option<int>("--draws") { Description = "With --strategy kafka: also summarise N random layouts drawn from --seed (default 0), as Kafka draws start index and replica shift", HelpName = "N" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, Json);
        command.Options.Add(assignment);
        command.Options.Add(draws);
        command.Options.Add(format);
        command.SetAction(parseResult => Execute(
            input.Load(parseResult),
            strategy.Resolve(parseResult),
            parseResult.GetValue(assignment),
            StrategyChoice.ValueOf(parseResult, draws),
            parseResult.GetValue(format) ?? PlaceOptions.Table,
            parseResult.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>The JSON output format.</summary>
    public const string Json = "json";

    /// <summary>Runs <c>analyze</c>.</summary>
    /// <returns>The exit code.</returns>
    public static int Execute(SpecFiles files, StrategyChoice strategy, string? assignmentFile, int? draws, string format, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(stdout);
        if (draws is not null && strategy.Strategy is not KafkaDefaultPlacement)
        {
            throw new UsageException("--draws applies only to --strategy kafka.");
        }

        if (draws is < 1)
        {
            throw new UsageException($"--draws {draws} must be at least 1.");
        }

        if (draws is not null && (assignmentFile is not null || ((KafkaDefaultPlacement)strategy.Strategy) is { StartIndex: > 0 } or { ReplicaShift: > 0 }))
        {
            throw new UsageException("--draws draws Kafka's start index and replica shift at random; it does not go with --assignment, --start-index or --replica-shift.");
        }

        ClusterAssignment layout = assignmentFile is null ? strategy.PlaceAll(files) : InputFiles.Read(assignmentFile, ReassignmentJson.Read);
        ClusterReport report = ClusterReport.Create(layout, files.Cluster);
        FailureImpact impact = FailureImpact.Create(layout, files.Cluster);
        ImmutableArray<StridePlan> plans = StridePlans(files, strategy);
        KafkaDraws? summary = draws is { } n ? KafkaDraws.Of(files, strategy, n) : null;
        if (format == Json)
        {
            stdout.WriteLine(CliJson.Write(new AnalyzeResult(strategy.ToString(), assignmentFile ?? "planned", report, impact, plans, summary)));
            return ExitCodes.Success;
        }

        PlaceCommand.WriteHeader(strategy, files, stdout);
        stdout.WriteLine(assignmentFile is null ? "layout: planned by the strategy" : $"layout: {assignmentFile} (Kafka reassignment JSON)");
        stdout.WriteLine(Summary(impact));
        stdout.WriteLine();
        stdout.Write(report.ToString());
        stdout.WriteLine();
        stdout.Write(impact.ToString());
        stdout.WriteLine();
        if (plans.IsEmpty)
        {
            stdout.WriteLine($"stride advice: none ({(strategy.Strategy is KafkaDefaultPlacement ? "Kafka's placement has no strides" : "no brokerset has topics")})");
        }
        else
        {
            stdout.WriteLine($"stride advice (re-plan of each brokerset's topics from {(files.IsExample ? "the example's topics" : "the topics file")}, {strategy.Strategy.Name}):");
            foreach (StridePlan plan in plans)
            {
                stdout.Write(plan.ToString());
            }
        }

        if (summary is not null)
        {
            stdout.WriteLine();
            stdout.WriteLine(summary.ToString());
        }

        return ExitCodes.Success;
    }

    /// <summary>The headline figures, three decimals: failover skew, the worst rack failure and where each rack's leadership goes.</summary>
    private static string Summary(FailureImpact impact) =>
        string.Create(CultureInfo.InvariantCulture,
            $"summary: failover skew {impact.FailoverSkew:0.000} (broker {impact.WorstBrokerId} fails), max leaders gained {impact.MaxLeadersGained}, min successors {impact.MinSuccessors}; " +
            $"rack failure skew {impact.RackFailoverSkew:0.000}, rack spread {impact.RackSpread:0.000}") +
        string.Concat(impact.RackFailures.Select(f => $"\n  {f.Rack} fails: {string.Join(", ", f.Gains.Select(g => $"{g.Rack} +{g.Gained}"))}"));

    private static ImmutableArray<StridePlan> StridePlans(SpecFiles files, StrategyChoice strategy)
    {
        if (strategy.Strategy is KafkaDefaultPlacement)
        {
            return ImmutableArray<StridePlan>.Empty;
        }

        var advisor = new StrideAdvisor(strategy.Strategy);
        return files.Spec.Brokersets
            .Select(b => (Set: b, Topics: files.Spec.Topics.Where(t => string.Equals(t.BrokersetName, b.Name, StringComparison.Ordinal)).ToList()))
            .Where(x => x.Topics.Count > 0)
            .Select(x => advisor.Replan(x.Set, x.Topics))
            .ToImmutableArray();
    }

    /// <summary>What <c>--format json</c> prints.</summary>
    private sealed record AnalyzeResult(string Strategy, string Layout, ClusterReport Report, FailureImpact FailureImpact, ImmutableArray<StridePlan> StridePlans, KafkaDraws? KafkaDraws);
}
