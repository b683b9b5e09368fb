using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// The desired state that <c>plan</c> and <c>audit</c> compare a cluster with: brokersets, topics, the cluster's
/// brokers and racks, optional overrides, and the strategy; read from the files their shared options name.
/// </summary>
/// <param name="Spec">The brokersets and topics, overrides applied, racks from the cluster.</param>
/// <param name="Cluster">The brokers and their racks (from <c>--cluster</c>; without it, for <c>--strategy orion</c>, the brokersets' brokers with unknown racks).</param>
/// <param name="Overrides">The broker overrides (none when no file is given).</param>
/// <param name="Strategy">The placement strategy.</param>
internal sealed record DesiredState(PlacementSpec Spec, Cluster Cluster, BrokerOverrides Overrides, PlacementStrategy Strategy)
{
    /// <summary>Reads the files and builds the desired state.</summary>
    /// <exception cref="UsageException">A strategy option that does not go together with the others, or no <c>--cluster</c> for <c>--strategy rack-aware</c>.</exception>
    /// <exception cref="InputException">A file is missing or unreadable.</exception>
    /// <exception cref="BrokersetsFormatException">A file is malformed.</exception>
    /// <exception cref="ArgumentException">The topics do not fit the brokersets (the message names the topic file).</exception>
    public static DesiredState Read(string brokersetsPath, string topicsPath, string? clusterPath, string? overridesPath, string strategy, int? stepSize)
    {
        PlacementStrategy placement = StrategyChoice.From(strategy, stepSize).Strategy;
        if (clusterPath is null && strategy != StrategyChoice.Orion)
        {
            throw new UsageException($"--cluster FILE (every broker's rack) is required by --strategy {strategy}; only --strategy orion works without racks.");
        }

        SpecFiles files = SpecFiles.Load(brokersetsPath, topicsPath, clusterPath, overridesPath);
        Cluster cluster = files.Cluster ?? Brokersets.Cluster.Create(files.Spec.Brokersets.SelectMany(b => b.Brokers).DistinctBy(b => b.Id));
        return new DesiredState(files.Spec, cluster, files.Overrides, placement);
    }

    /// <summary>The options <c>plan</c> and <c>audit</c> share: <c>--current</c>, the desired-state files and the strategy.</summary>
    internal sealed class Options
    {
        public Option<string> Current { get; init; } = new("--current") { Description = "The cluster's current assignment: Kafka's reassignment JSON listing every partition of its topics", HelpName = "KAFKA_JSON", Required = true };

        public Option<string> Brokersets { get; } = new("--brokersets") { Description = "Orion's brokerset file (JSON array of {brokersetAlias, partitions?, entries})", HelpName = "FILE", Required = true };

        public Option<string> Topics { get; } = new("--topics") { Description = "Orion's topic file (JSON array of {topicName, brokerset, replicationFactor?, stride?, partitions?})", HelpName = "FILE", Required = true };

        public Option<string> Cluster { get; } = new("--cluster") { Description = "Cluster file with racks ({brokers: [{id, rack}]}); required by --strategy rack-aware, optional with orion", HelpName = "FILE" };

        public Option<string> Overrides { get; } = new("--overrides") { Description = "Orion's broker-override file ({startBrokerIn, endBrokerIn, startBrokerOut, endBrokerOut})", HelpName = "FILE" };

        public Option<string> Strategy { get; } = CreateStrategy();

        public Option<int> StepSize { get; } = new("--step-size") { Description = "Orion's step size k (default 3); only with --strategy orion", HelpName = "N" };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(Current);
            command.Options.Add(Brokersets);
            command.Options.Add(Topics);
            command.Options.Add(Cluster);
            command.Options.Add(Overrides);
            command.Options.Add(Strategy);
            command.Options.Add(StepSize);
        }

        /// <summary>Reads the desired state the parsed options name.</summary>
        public DesiredState Read(ParseResult parseResult) => DesiredState.Read(
            parseResult.GetValue(Brokersets)!,
            parseResult.GetValue(Topics)!,
            parseResult.GetValue(Cluster),
            parseResult.GetValue(Overrides),
            parseResult.GetValue(Strategy) ?? StrategyChoice.RackAware,
            parseResult.GetResult(StepSize) is null ? null : parseResult.GetValue(StepSize));

        private static Option<string> CreateStrategy()
        {
            var strategy = new Option<string>("--strategy") { Description = "Placement strategy", DefaultValueFactory = _ => StrategyChoice.RackAware };
            strategy.AcceptOnlyFromAmong(StrategyChoice.RackAware, StrategyChoice.Orion);
            return strategy;
        }
    }
}
