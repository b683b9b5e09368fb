using System.IO;
using Brokersets.Serialization;

namespace Brokersets.Tests.Cli;

/// <summary>The docs/examples desired state, computed with the core (not through the CLI), for the CLI's expectations.</summary>
internal static class ExampleLayout
{
    public static Cluster Cluster() => ClusterJson.Read(File.ReadAllText(CliRun.Example("cluster.json")), "cluster.json");

    public static PlacementSpec Spec() => PlacementSpec.Create(
        BrokersetsJson.Read(File.ReadAllText(CliRun.Example("brokersets.json")), "brokersets.json"),
        TopicsJson.Read(File.ReadAllText(CliRun.Example("topics.json")), "topics.json")).WithRacks(Cluster());

    /// <summary>The rack-aware layout of the example.</summary>
    public static ClusterAssignment RackAware() => PlacementStrategy.RackAware.PlaceAll(Spec());

    /// <summary>The drifted current assignment, <c>docs/examples/current.json</c>.</summary>
    public static ClusterAssignment Current() => ReassignmentJson.Read(File.ReadAllText(CliRun.Example("current.json")), "current.json");
}
