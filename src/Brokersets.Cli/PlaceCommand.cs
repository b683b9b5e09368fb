using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.CommandLine;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets place --brokersets FILE --topics FILE [--cluster FILE] [--overrides FILE]
/// [--strategy rack-aware|orion|kafka] [--step-size N] [--start-index N --replica-shift M] [--start-partition P0]
/// [--seed S] [--format table|kafka-json]</c>: places every topic on its brokerset and prints the tables or Kafka's
/// reassignment JSON. Without files it places the built-in example.
/// </summary>
internal static class PlaceCommand
{
    /// <summary>Builds the <c>place</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("place", "Place topics on brokersets and print the assignment. Without --brokersets/--topics, places the built-in example.");
        InputOptions input = InputOptions.AddTo(command);
        StrategyChoice.Options strategy = StrategyChoice.AddOptions(command, kafkaPartitions: true, seed: true);
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlaceOptions.KafkaJson);
        command.Options.Add(format);
        command.SetAction(parseResult => Execute(
            new PlaceOptions(
                parseResult.GetValue(input.Brokersets),
                parseResult.GetValue(input.Topics),
                parseResult.GetValue(input.Cluster),
                parseResult.GetValue(input.Overrides),
                strategy.Resolve(parseResult),
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
        StrategyChoice strategy = options.Strategy ?? StrategyChoice.From(StrategyChoice.RackAware, null);
        SpecFiles files = SpecFiles.Load(options.Brokersets, options.Topics, options.Cluster, options.Overrides);
        if (strategy.StartPartition > 0)
        {
            return ExecuteAddedPartitions(strategy, files, options.Format, stdout);
        }

        ClusterAssignment assignment = strategy.PlaceAll(files);
        if (options.Format == PlaceOptions.KafkaJson)
        {
            stdout.WriteLine(ReassignmentJson.Write(assignment));
            foreach (PlacementWarning warning in assignment.Warnings)
            {
                stderr.WriteLine("warning: " + warning.Message);
            }

            return ExitCodes.Success;
        }

        WriteHeader(strategy, files, stdout);
        stdout.Write(assignment.ToString());
        int warnings = assignment.Warnings.Length;
        stdout.WriteLine(warnings == 0 ? "no warnings" : $"{warnings} warning{(warnings == 1 ? string.Empty : "s")} (listed under the topics above)");
        return ExitCodes.Success;
    }

    /// <summary>Writes the <c>strategy:</c>, <c>input:</c> and <c>overrides:</c> lines and a blank line.</summary>
    public static void WriteHeader(StrategyChoice strategy, SpecFiles files, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stdout);
        stdout.WriteLine($"strategy: {strategy}");
        stdout.WriteLine("input: " + files.Description);
        if (files.Overrides.Count > 0)
        {
            stdout.WriteLine("overrides: " + files.Overrides);
        }

        stdout.WriteLine();
    }

    /// <summary>Kafka with a start partition P0: each topic's partitions placed as ids P0.. (what Kafka's CreatePartitions adds).</summary>
    private static int ExecuteAddedPartitions(StrategyChoice strategy, SpecFiles files, string format, TextWriter stdout)
    {
        var kafka = (KafkaDefaultPlacement)strategy.Strategy;
        var random = strategy.Seed is { } seed ? new Random(seed) : null;
        var topics = new List<(TopicSpec Topic, Brokerset Set, ImmutableArray<PartitionRow> Rows)>();
        foreach (TopicSpec t in files.Spec.Topics)
        {
            Brokerset set = files.Spec.BrokersetOf(t);
            KafkaDefaultPlacement placement = random is null ? kafka : new KafkaDefaultPlacement(random.Next(set.Count), random.Next(set.Count), kafka.StartPartition);
            topics.Add((t, set, placement.PlacePartitions(set, t)));
        }

        if (format == PlaceOptions.KafkaJson)
        {
            stdout.WriteLine(ReassignmentJson.Write(topics.OrderBy(t => t.Topic.Topic, StringComparer.Ordinal)
                .SelectMany(t => t.Rows.Select(r => new PartitionReassignment(t.Topic.Topic, r.Partition, r.Replicas)))));
            return ExitCodes.Success;
        }

        WriteHeader(strategy, files, stdout);
        foreach ((TopicSpec t, Brokerset set, ImmutableArray<PartitionRow> rows) in topics)
        {
            stdout.WriteLine($"{t.Topic}: partitions {rows[0].Partition}-{rows[^1].Partition} (added) × RF {t.ReplicationFactor} on {set.Name}");
            foreach (PartitionRow row in rows)
            {
                stdout.WriteLine($"  {row}{(row.Racks.IsEmpty ? string.Empty : " racks " + string.Join(",", row.Racks))}");
            }

            stdout.WriteLine();
        }

        return ExitCodes.Success;
    }
}
