using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace Brokersets.Admin;

/// <summary>
/// A drift audit of a live cluster (<see cref="ClusterAdmin.AuditAsync(PlacementSpec, PlacementStrategy?, DriftMode, System.Threading.CancellationToken)"/>): what was read, which brokers of the
/// desired state are offline, and the core <see cref="DriftReport"/> with its repair.
/// </summary>
/// <param name="Observed">The cluster as read (brokers with racks, assignments, topics in flux).</param>
/// <param name="Cluster">
/// The brokers audited against: the live ones from DescribeCluster plus the offline brokers, whose racks come from
/// the desired state (known only if it carries them, e.g. from a cluster file).
/// </param>
/// <param name="OfflineBrokers">Brokers of the desired state's brokersets that DescribeCluster does not list.</param>
/// <param name="Report">The findings, cheapest to repair first, and the repair diff.</param>
[DebuggerDisplay("LiveAudit: {Report.Findings.Length} findings, {OfflineBrokers.Length} offline brokers")]
public sealed record LiveAudit(ObservedCluster Observed, Cluster Cluster, ImmutableArray<int> OfflineBrokers, DriftReport Report)
{
    /// <summary>
    /// Plans the repair (the report's <see cref="DriftReport.Repair"/> diff) into waves: order-only changes move no
    /// data and go into the plan's final step, followed by the preferred-leader election.
    /// </summary>
    /// <param name="options">Per-broker limits and throttle; <c>default</c> is the cautious plan.</param>
    /// <exception cref="System.ArgumentException">A repaired partition's target keeps a replica on an offline broker (it could never complete), or has no live replica to copy from.</exception>
    /// <remarks>The <see cref="OfflineBrokers"/> serve no copy and get no throttle (see <see cref="ExecutionPlan.Create(ReassignmentDiff, ExecutionOptions, Cluster?, System.Collections.Generic.IEnumerable{int})"/>).</remarks>
    public ExecutionPlan PlanRepair(ExecutionOptions options = default) => ExecutionPlan.Create(Report.Repair, options, Cluster, OfflineBrokers);

    /// <summary>Renders the offline brokers, the topics skipped because they are moving, then the report.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (!OfflineBrokers.IsEmpty)
        {
            sb.Append("offline brokers (in the desired state, not listed by the cluster): ").AppendJoin(", ", OfflineBrokers).Append('\n');
        }

        if (!Observed.TopicsInFlux.IsEmpty)
        {
            sb.Append("topics being reassigned (uneven replica counts), audited once settled: ").AppendJoin(", ", Observed.TopicsInFlux).Append('\n');
        }

        return sb.Append(Report).ToString();
    }
}
