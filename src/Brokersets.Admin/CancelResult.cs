using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace Brokersets.Admin;

/// <summary>What <see cref="ClusterAdmin.CancelReassignmentsAsync(ImmutableArray{PartitionTarget}, System.Threading.CancellationToken)"/> did.</summary>
/// <param name="Cancelled">The partitions whose move was cancelled (KIP-455).</param>
/// <param name="Restored">The cancelled partitions that came back in another order and were set back to the list they started from.</param>
/// <param name="LeaderElectionErrors">Restored partitions whose preferred leader could not be elected (ElectionNotNeeded is not an error).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record CancelResult(ImmutableArray<PartitionId> Cancelled, ImmutableArray<RestoredOrder> Restored, ImmutableArray<KafkaPartitionError> LeaderElectionErrors)
{
    /// <summary>Renders the counts and one line per restored partition and per election error.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Cancelled.Length).Append(" cancelled, ").Append(Restored.Length).Append(" restored to their starting order");
        foreach (RestoredOrder r in Restored)
        {
            sb.Append("\n  restored: ").Append(r);
        }

        foreach (KafkaPartitionError e in LeaderElectionErrors)
        {
            sb.Append("\n  election: ").Append(e);
        }

        return sb.ToString();
    }
}
