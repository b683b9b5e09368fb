using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace Brokersets.Admin;

/// <summary>
/// A live cluster read into the core model: its brokers with racks, and every topic's replica assignment
/// (the "observed cluster" of drift detection).
/// </summary>
/// <param name="Description">The raw DescribeCluster answer (controller, endpoints).</param>
/// <param name="Cluster">The brokers with their racks.</param>
/// <param name="Assignment">The replica assignment of every topic whose partitions all have the same replication factor.</param>
/// <param name="Partitions">Every partition as reported, with leader and ISR, in topic and partition order.</param>
/// <param name="TopicsInFlux">
/// Topics left out of <see cref="Assignment"/> because their partitions have different replica counts,
/// which is what a topic looks like while a reassignment is adding replicas; their partitions are in <see cref="Partitions"/>.
/// </param>
[DebuggerDisplay("ObservedCluster: {Cluster.Brokers.Length} brokers, {Assignment.Topics.Length} topics")]
public sealed record ObservedCluster(
    KafkaClusterDescription Description,
    Cluster Cluster,
    ClusterAssignment Assignment,
    ImmutableArray<ObservedPartition> Partitions,
    ImmutableArray<string> TopicsInFlux)
{
    /// <summary>Renders the brokers, then the assignment, then the topics in flux.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Cluster).Append('\n').Append(Assignment);
        if (!TopicsInFlux.IsEmpty)
        {
            sb.Append("\nTopics in flux (uneven replica counts): ").Append(string.Join(", ", TopicsInFlux)).Append('\n');
        }

        return sb.ToString();
    }
}
