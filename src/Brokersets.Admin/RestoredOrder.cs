using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>
/// A partition whose cancelled move came back with its replicas in another order, and that was set back to the exact
/// list it started from (a reorder: no data moves) before its preferred leader was elected.
/// </summary>
/// <remarks>
/// Kafka's KRaft controller reverts a cancelled move to the current replicas minus the ones being added, and during a
/// move it keeps the replicas being removed in ascending order: <c>[3,2,1]</c> moving to <c>[2,1,4]</c> comes back as
/// <c>[2,1,3]</c>, so the preferred leader would change without this step.
/// </remarks>
/// <param name="Topic">The topic's name.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="Reverted">The replicas the cluster reverted to.</param>
/// <param name="Restored">The replicas the partition started from, now in place again.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record RestoredOrder(string Topic, int Partition, ImmutableArray<int> Reverted, ImmutableArray<int> Restored)
{
    /// <summary>The partition.</summary>
    public PartitionId Id => new(Topic, Partition);

    /// <summary>Renders <c>orders-0: reverted to [2,1,3], restored [3,2,1]</c>.</summary>
    public override string ToString() => $"{Id}: reverted to [{string.Join(",", Reverted)}], restored [{string.Join(",", Restored)}]";
}
