using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.IO;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets place --brokersets FILE --topics FILE [--cluster FILE] [--overrides FILE]
/// [--strategy rack-aware|orion] [--step-size N] [--format table|kafka-json]</c>: places every topic on its
/// brokerset and prints the tables or Kafka's reassignment JSON. Without files it places the built-in example.
/// </summary>
internal static class PlaceCommand
{
    private const string ExampleDescription =
        "built-in example (docs/examples): brokers 1-6, AZ1 = {1,4}, AZ2 = {2,5}, AZ3 = {3,6}; topics 'orders' (stride 0) and 'payments' (stride 1), 6 partitions x RF 3";

    /// <summary>Builds the <c>place</c> command.</summary>
    public static Command Create()
    {
        var brokersets = new Option<string>("--brokersets") { Description = "Orion's brokerset file (JSON array of {brokersetAlias, partitions?, entries})", HelpName = "FILE" };
        var topics = new Option<string>("--topics") { Description = "Orion's topic file (JSON array of {topicName, brokerset, replicationFactor?, stride?, partitions?})", HelpName = "FILE" };
        var cluster = new Option<string>("--cluster") { Description = "Cluster file with racks ({brokers: [{id, rack}]}); required by rack-aware for your own files", HelpName = "FILE" };
        var overrides = new Option<string>("--overrides") { Description = "Orion's broker-override file ({startBrokerIn, endBrokerIn, startBrokerOut, endBrokerOut})", HelpName = "FILE" };
        var strategy = new Option<string>("--strategy") { Description = "Placement strategy", DefaultValueFactory = _ => PlaceOptions.RackAware };
        strategy.AcceptOnlyFromAmong(PlaceOptions.RackAware, PlaceOptions.Orion);
        var stepSize = new Option<int>("--step-size") { Description = "Orion's step size k (default 3); only with --strategy orion", HelpName = "N" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlaceOptions.KafkaJson);

        var command = new Command("place", "Place topics on brokersets and print the assignment. Without --brokersets/--topics, places the built-in example.")
        {
            brokersets, topics, cluster, overrides, strategy, stepSize, format,
        };
        command.SetAction(parseResult => Execute(
            new PlaceOptions(
                parseResult.GetValue(brokersets),
                parseResult.GetValue(topics),
                parseResult.GetValue(cluster),
                parseResult.GetValue(overrides),
                parseResult.GetValue(strategy) ?? PlaceOptions.RackAware,
                parseResult.GetResult(stepSize) is null ? null : parseResult.GetValue(stepSize),
                parseResult.GetValue(format) ?? PlaceOptions.Table),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs <c>place</c> with <paramref name="options"/>.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="UsageException">Options that do not go together.</exception>
    /// <exception cref="InputException">A file is missing or unreadable.</exception>
    /// <exception cref="BrokersetsFormatException">A file is malformed.</exception>
    /// <exception cref="ArgumentException">The input makes the placement impossible.</exception>
    public static int Execute(PlaceOptions options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        PlacementStrategy strategy = DesiredState.StrategyOf(options.Strategy, options.StepSize);
        if ((options.Brokersets is null) != (options.Topics is null))
        {
            throw new UsageException("--brokersets and --topics go together: give both, or neither to place the built-in example.");
        }

        bool example = options.Brokersets is null;
        ImmutableArray<Brokerset> brokersets = example
            ? InputFiles.ReadExample("brokersets.json", BrokersetsJson.Read)
            : InputFiles.Read(options.Brokersets!, BrokersetsJson.Read);
        ImmutableArray<TopicSpec> topics = example
            ? InputFiles.ReadExample("topics.json", TopicsJson.Read)
            : InputFiles.Read(options.Topics!, TopicsJson.Read);
        Cluster? cluster = options.Cluster is not null
            ? InputFiles.Read(options.Cluster, ClusterJson.Read)
            : example ? InputFiles.ReadExample("cluster.json", ClusterJson.Read) : null;
        BrokerOverrides overrides = options.Overrides is not null
            ? InputFiles.Read(options.Overrides, BrokerOverridesJson.Read)
            : BrokerOverrides.None;

        PlacementSpec spec = DesiredState.CreateSpec(brokersets, topics, overrides, options.Topics ?? "(built-in example) topics.json");

        if (cluster is not null)
        {
            spec = spec.WithRacks(cluster);
        }

        ClusterAssignment assignment;
        try
        {
            assignment = strategy.PlaceAll(spec);
        }
        catch (ArgumentException e) when (cluster is null && strategy is RackAwareStridePlacement)
        {
            throw new ArgumentException($"{ErrorMessages.OneLine(e)} (pass --cluster FILE with every broker's rack, or use --strategy orion)", e);
        }

        if (options.Format == PlaceOptions.KafkaJson)
        {
            stdout.WriteLine(ReassignmentJson.Write(assignment));
            foreach (PlacementWarning warning in assignment.Warnings)
            {
                stderr.WriteLine("warning: " + warning.Message);
            }

            return ExitCodes.Success;
        }

        stdout.WriteLine($"strategy: {strategy}{(strategy is RackAwareStridePlacement ? " (default)" : string.Empty)}");
        stdout.WriteLine(example ? "input: " + ExampleDescription : $"input: {options.Brokersets}, {options.Topics}{(cluster is null ? ", no racks" : ", racks from " + options.Cluster)}");
        if (overrides.Count > 0)
        {
            stdout.WriteLine("overrides: " + overrides);
        }

        stdout.WriteLine();
        stdout.Write(assignment.ToString());
        int warnings = assignment.Warnings.Length;
        stdout.WriteLine(warnings == 0 ? "no warnings" : $"{warnings} warning{(warnings == 1 ? string.Empty : "s")} (listed under the topics above)");
        return ExitCodes.Success;
    }
}
