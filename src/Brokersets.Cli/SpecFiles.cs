using System;
using System.Collections.Immutable;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>The brokersets, topics, racks and overrides a command reads: from files, or the built-in example when no file is named.</summary>
/// <param name="Spec">The brokersets (overrides applied, racks added when known) and the topics.</param>
/// <param name="Cluster">The cluster (racks), or <see langword="null"/> when no cluster file was given.</param>
/// <param name="Overrides">The broker overrides applied.</param>
/// <param name="IsExample">Whether this is the built-in example.</param>
/// <param name="Description">The <c>input: …</c> line the table formats print.</param>
internal sealed record SpecFiles(PlacementSpec Spec, Cluster? Cluster, BrokerOverrides Overrides, bool IsExample, string Description)
{
    private const string ExampleDescription =
        "built-in example (docs/examples): brokers 1-6, AZ1 = {1,4}, AZ2 = {2,5}, AZ3 = {3,6}; topics 'orders' (stride 0) and 'payments' (stride 1), 6 partitions x RF 3";

    /// <summary>Reads the files (or the built-in example when <paramref name="brokersets"/> and <paramref name="topics"/> are both null).</summary>
    /// <exception cref="UsageException">Only one of <paramref name="brokersets"/> and <paramref name="topics"/> is given.</exception>
    /// <exception cref="InputException">A file is missing or unreadable.</exception>
    /// <exception cref="BrokersetsFormatException">A file is malformed.</exception>
    /// <exception cref="ArgumentException">The topics name unknown brokersets, or an override collides; the message names the topics file.</exception>
    public static SpecFiles Load(string? brokersets, string? topics, string? cluster, string? overrides)
    {
        if ((brokersets is null) != (topics is null))
        {
            throw new UsageException("--brokersets and --topics go together: give both, or neither to place the built-in example.");
        }

        bool example = brokersets is null;
        ImmutableArray<Brokerset> sets = example
            ? InputFiles.ReadExample("brokersets.json", BrokersetsJson.Read)
            : InputFiles.Read(brokersets!, BrokersetsJson.Read);
        ImmutableArray<TopicSpec> topicList = example
            ? InputFiles.ReadExample("topics.json", TopicsJson.Read)
            : InputFiles.Read(topics!, TopicsJson.Read);
        Cluster? racks = cluster is not null
            ? InputFiles.Read(cluster, ClusterJson.Read)
            : example ? InputFiles.ReadExample("cluster.json", ClusterJson.Read) : null;
        BrokerOverrides replaced = overrides is not null
            ? InputFiles.Read(overrides, BrokerOverridesJson.Read)
            : BrokerOverrides.None;

        PlacementSpec spec;
        try
        {
            spec = PlacementSpec.Create(sets, topicList);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{topics ?? "(built-in example) topics.json"}: {ErrorMessages.OneLine(e)}", e);
        }

        try
        {
            spec = spec.WithOverrides(replaced);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{overrides}: {ErrorMessages.OneLine(e)}", e);
        }

        if (racks is not null)
        {
            spec = spec.WithRacks(racks);
        }

        foreach (TopicSpec t in topicList)
        {
            if (t.Topic.Contains('.', StringComparison.Ordinal) && t.Topic.Contains('_', StringComparison.Ordinal))
            {
                CliWarnings.Write($"{topics}: topic '{t.Topic}' mixes '.' and '_', which collide in Kafka's metric names (as Kafka warns); use one or the other.");
            }
        }

        string description = example ? ExampleDescription : $"{brokersets}, {topics}{(racks is null ? ", no racks" : ", racks from " + cluster)}";
        return new SpecFiles(spec, racks, replaced, example, description);
    }
}
