using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets audit (--current KAFKA_JSON | --bootstrap-servers HOSTS [--command-config FILE]) --brokersets FILE --topics FILE [--cluster FILE] [--overrides FILE]
/// [--strategy rack-aware|orion] [--step-size N] [--mode exact|balanced] [--format table|kafka-json|json] [--include REGEX]
/// [--exclude REGEX] [--include-internal]</c>: every
/// deviation of the current assignment from the desired state, cheapest to repair first
/// (<see cref="DriftReport"/>), or the repair as Kafka JSON. Exit code 0 when clean,
/// <see cref="ExitCodes.DriftFound"/> when anything deviates.
/// </summary>
internal static class AuditCommand
{
    /// <summary>The desired layout is the strategy's exact layout (the default).</summary>
    public const string Exact = "exact";

    /// <summary>Any layout keeping the rack-aware guarantees is accepted (what <c>plan</c> produces).</summary>
    public const string Balanced = "balanced";

    /// <summary>Builds the <c>audit</c> command.</summary>
    public static Command Create()
    {
        var shared = new DesiredState.Options
        {
            Current = new Option<string>("--current") { Description = "The cluster's current assignment: Kafka's reassignment JSON listing every partition of its topics (or --bootstrap-servers)", HelpName = "KAFKA_JSON" },
        };
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "Audit a live cluster instead of --current: its brokers, racks and assignment are read with Brokersets.Admin", HelpName = "HOSTS" };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file for --bootstrap-servers (security.protocol, sasl.*, ssl.*)", HelpName = "FILE" };
        var mode = new Option<string>("--mode") { Description = "exact: the strategy's layout bit for bit; balanced: any layout keeping the rack-aware guarantees (e.g. a plan's minimal-movement target)", DefaultValueFactory = _ => Exact };
        mode.AcceptOnlyFromAmong(Exact, Balanced);
        var format = new Option<string>("--format") { Description = "table: findings cheapest first and the repair; kafka-json: the repair's changed partitions; json: findings and repair (schema in docs/json-output.md)", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlaceOptions.KafkaJson, PlanCommand.Json);
        var filter = new TopicFilter.Options();
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var command = new Command("audit", $"Report every deviation of the current assignment from the desired brokersets and topics (drift), cheapest first. Exit code 0 when clean, {ExitCodes.DriftFound} when drift is found.");
        shared.AddTo(command);
        command.Options.Add(bootstrap);
        command.Options.Add(commandConfig);
        command.Options.Add(mode);
        command.Options.Add(format);
        filter.AddTo(command);
        command.Options.Add(timeoutOption);
        command.SetAction(parseResult =>
        {
            string? current = parseResult.GetValue(shared.Current);
            string? servers = parseResult.GetValue(bootstrap);
            if ((current is null) == (servers is null))
            {
                throw new UsageException("audit needs exactly one of --current KAFKA_JSON (a file) and --bootstrap-servers HOSTS (a live cluster).");
            }

            TopicFilter topics = filter.Read(parseResult);
            DesiredState desired = shared.Read(parseResult);
            DriftMode driftMode = parseResult.GetValue(mode) == Balanced ? DriftMode.Balanced : DriftMode.ExactLayout;
            if (servers is not null)
            {
                if (parseResult.GetValue(format) == PlaceOptions.KafkaJson)
                {
                    throw new UsageException("--format kafka-json goes with --current; a live audit prints the findings and the repair plan.");
                }

                using var cancel = new System.Threading.CancellationTokenSource();
                return LiveAuditRunner.RunAsync(servers, parseResult.GetValue(commandConfig), SpecOf(desired.Spec, topics), desired.Strategy, driftMode,
                    parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancel.Token, topics, AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption)), parseResult.GetValue(format) == PlanCommand.Json).GetAwaiter().GetResult();
            }

            return Execute(current!, desired with { Spec = SpecOf(desired.Spec, topics) }, driftMode, parseResult.GetValue(format) ?? PlaceOptions.Table,
                parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, topics);
        });
        return command;
    }

    /// <summary>Runs <c>audit</c>.</summary>
    /// <returns><see cref="ExitCodes.Success"/> when nothing deviates, else <see cref="ExitCodes.DriftFound"/>.</returns>
    /// <exception cref="InputException">A file is missing or unreadable.</exception>
    /// <exception cref="BrokersetsFormatException">A file is malformed.</exception>
    public static int Execute(string currentPath, DesiredState desired, DriftMode mode, string format, TextWriter stdout, TextWriter stderr, TopicFilter? topics = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        topics ??= TopicFilter.Default;
        ClusterAssignment read = InputFiles.Read(currentPath, ReassignmentJson.Read);
        var named = desired.Spec.Topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        ClusterAssignment current = ClusterAssignment.Create(read.Topics.Where(t => topics.Takes(t.Topic, named.Contains(t.Topic))));
        string[] skippedTopics = read.Topics.Select(t => t.Topic).Where(t => !topics.Takes(t, named.Contains(t))).ToArray();
        string? skipped = TopicFilter.Note(skippedTopics, t => topics.Reason(t));
        if (skipped is not null)
        {
            (format == PlaceOptions.Table ? stdout : stderr).WriteLine(skipped);
        }

        DriftReport report = DriftReport.Create(desired.Spec, desired.Cluster, current, desired.Strategy, mode: mode);
        if (format == PlanCommand.Json)
        {
            stdout.WriteLine(ReportJson.Audit(desired.Strategy, mode, report, skippedTopics, []));
        }
        else if (format == PlaceOptions.KafkaJson)
        {
            KafkaOutput.Write(KafkaOutput.ChangedPartitions(report.Repair), stdout, stderr);
        }
        else
        {
            stdout.WriteLine($"strategy: {desired.Strategy}; desired layout: {(mode == DriftMode.Balanced ? "balanced (any layout keeping the guarantees)" : "exact")}");
            stdout.Write(report.ToString());
            if (!report.Repair.IsEmpty)
            {
                stdout.Write(report.Repair.ToString());
            }

            stdout.WriteLine(report.IsClean
                ? "clean: no drift"
                : string.Create(CultureInfo.InvariantCulture, $"drift found (exit code {ExitCodes.DriftFound}); 'audit --format kafka-json' prints the repair"));
        }

        return report.IsClean ? ExitCodes.Success : ExitCodes.DriftFound;
    }

    /// <summary>The desired state without the topics <paramref name="topics"/>' regexes leave out (named topics count as not internal).</summary>
    internal static PlacementSpec SpecOf(PlacementSpec spec, TopicFilter topics) =>
        topics.Include is null && topics.Exclude is null ? spec : PlacementSpec.Create(spec.Brokersets, spec.Topics.Where(t => topics.Takes(t.Topic, named: true)));
}
