using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace Brokersets.Admin;

/// <summary>What a completed reassignment run did.</summary>
/// <param name="WaveCount">Waves applied.</param>
/// <param name="Submitted">Partitions submitted to AlterPartitionReassignments (each exactly once).</param>
/// <param name="AlreadyAtTarget">Partitions skipped because they already had their target replicas.</param>
/// <param name="AdoptedInFlight">Partitions found already moving to their target (a resumed run); waited for, not re-sent.</param>
/// <param name="ThrottlesRemoved">The throttle configs the run set and removed again.</param>
/// <param name="LeaderElectionErrors">Partitions whose preferred leader could not be elected (ElectionNotNeeded is not an error).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ReassignmentResult(
    int WaveCount,
    ImmutableArray<PartitionId> Submitted,
    ImmutableArray<PartitionId> AlreadyAtTarget,
    ImmutableArray<PartitionId> AdoptedInFlight,
    ImmutableArray<ConfigAlteration> ThrottlesRemoved,
    ImmutableArray<KafkaPartitionError> LeaderElectionErrors)
{
    /// <summary>Renders the counts and any election errors.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(WaveCount).Append(" waves: ").Append(Submitted.Length).Append(" submitted, ")
            .Append(AlreadyAtTarget.Length).Append(" already at target, ").Append(AdoptedInFlight.Length).Append(" adopted in flight, ")
            .Append(ThrottlesRemoved.Length).Append(" throttle configs removed");
        foreach (KafkaPartitionError e in LeaderElectionErrors)
        {
            sb.Append("\n  election: ").Append(e);
        }

        return sb.ToString();
    }
}
