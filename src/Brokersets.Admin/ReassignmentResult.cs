using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace Brokersets.Admin;

/// <summary>What a completed reassignment run did.</summary>
/// <remarks>
/// The run leaves throttles as found: every throttle config it set is either in <see cref="ThrottlesDeleted"/> (it had
/// no value of its own before the run) or in <see cref="ThrottlesRestored"/> (set back to the value it had before).
/// </remarks>
/// <param name="WaveCount">Waves applied.</param>
/// <param name="Submitted">Partitions submitted to AlterPartitionReassignments (each exactly once).</param>
/// <param name="AlreadyAtTarget">Partitions skipped because they already had their target replicas.</param>
/// <param name="AdoptedInFlight">Partitions found already moving to their target (a resumed run); waited for, not re-sent.</param>
/// <param name="ThrottlesDeleted">The throttle configs the run set that had no value before; deleted again (<see cref="ConfigAlteration.IsDelete"/>).</param>
/// <param name="ThrottlesRestored">The throttle configs the run set that already had a value (an operator's rate, another tool's throttled replicas); set back to that value, which <see cref="ConfigAlteration.Value"/> holds.</param>
/// <param name="LeaderElectionErrors">Partitions whose preferred leader could not be elected (ElectionNotNeeded is not an error).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ReassignmentResult(
    int WaveCount,
    ImmutableArray<PartitionId> Submitted,
    ImmutableArray<PartitionId> AlreadyAtTarget,
    ImmutableArray<PartitionId> AdoptedInFlight,
    ImmutableArray<ConfigAlteration> ThrottlesDeleted,
    ImmutableArray<ConfigAlteration> ThrottlesRestored,
    ImmutableArray<KafkaPartitionError> LeaderElectionErrors)
{
    /// <summary>Renders the counts, one line per throttle restored to its prior value, and any election errors.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(WaveCount).Append(" waves: ").Append(Submitted.Length).Append(" submitted, ")
            .Append(AlreadyAtTarget.Length).Append(" already at target, ").Append(AdoptedInFlight.Length).Append(" adopted in flight, ")
            .Append(ThrottlesDeleted.Length).Append(" throttle configs deleted, ").Append(ThrottlesRestored.Length).Append(" restored to their prior value");
        foreach (ConfigAlteration a in ThrottlesRestored)
        {
            sb.Append("\n  restored: ").Append(a);
        }

        foreach (KafkaPartitionError e in LeaderElectionErrors)
        {
            sb.Append("\n  election: ").Append(e);
        }

        return sb.ToString();
    }
}
