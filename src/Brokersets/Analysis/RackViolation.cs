using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets;

/// <summary>A partition with two or more replicas in one rack (an AZ outage takes several of its replicas at once).</summary>
/// <remarks><c>default(RackViolation)</c> is an empty violation with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition id.</param>
/// <param name="Rack">The shared rack.</param>
/// <param name="Brokers">The brokers of the partition in that rack, in replica order.</param>
/// <param name="Avoidable">
/// Whether the cluster has racks enough to avoid it: the rack holds more than ⌈RF ÷ R⌉ replicas, R being the racks
/// known in the report (when RF ≤ R, any two replicas in one rack are avoidable).
/// </param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct RackViolation(string Topic, int Partition, string Rack, ImmutableArray<int> Brokers, bool Avoidable)
{
    /// <summary>Renders <c>"clicks-3: brokers 1, 4 share rack az1"</c>.</summary>
    public override string ToString() =>
        $"{Topic}-{Partition}: brokers {(Brokers.IsDefault ? string.Empty : string.Join(", ", Brokers))} share rack {Rack}{(Avoidable ? string.Empty : " (unavoidable: RF exceeds the racks)")}";
}
