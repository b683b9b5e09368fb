using System;
using System.CommandLine;

namespace Brokersets.Cli;

/// <summary>The input-file options every command shares: <c>--brokersets</c>, <c>--topics</c>, <c>--cluster</c>, <c>--overrides</c>.</summary>
/// <param name="Brokersets">Orion's brokerset file.</param>
/// <param name="Topics">Orion's topic file.</param>
/// <param name="Cluster">The cluster file (racks).</param>
/// <param name="Overrides">Orion's broker-override file.</param>
internal sealed record InputOptions(Option<string> Brokersets, Option<string> Topics, Option<string> Cluster, Option<string> Overrides)
{
    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public static InputOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new InputOptions(
            new Option<string>("--brokersets") { Description = "Orion's brokerset file (JSON array of {brokersetAlias, partitions?, entries})", HelpName = "FILE" },
            new Option<string>("--topics") { Description = "Orion's topic file (JSON array of {topicName, brokerset, replicationFactor?, stride?, partitions?})", HelpName = "FILE" },
            new Option<string>("--cluster") { Description = "Cluster file with racks ({brokers: [{id, rack}]}); required by rack-aware for your own files", HelpName = "FILE" },
            new Option<string>("--overrides") { Description = "Orion's broker-override file ({startBrokerIn, endBrokerIn, startBrokerOut, endBrokerOut})", HelpName = "FILE" });
        command.Options.Add(options.Brokersets);
        command.Options.Add(options.Topics);
        command.Options.Add(options.Cluster);
        command.Options.Add(options.Overrides);
        return options;
    }

    /// <summary>Reads the files the parsed command line names.</summary>
    public SpecFiles Load(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return SpecFiles.Load(parseResult.GetValue(Brokersets), parseResult.GetValue(Topics), parseResult.GetValue(Cluster), parseResult.GetValue(Overrides));
    }
}
