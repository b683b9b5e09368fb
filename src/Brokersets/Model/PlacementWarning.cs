using System.Diagnostics;

namespace Brokersets;

/// <summary>What a <see cref="PlacementWarning"/> is about.</summary>
public enum PlacementWarningKind
{
    /// <summary>Two or more replicas of one partition share a rack (the Orion formula never reads racks).</summary>
    RackCollision = 0,

    /// <summary>The topic asked for a partition count but its brokerset fixes another, which wins (Orion's rule).</summary>
    PartitionCountOverridden = 1,
}

/// <summary>
/// Something about a placement an operator should know but that does not make it invalid, such as replicas of
/// one partition sharing a rack.
/// </summary>
/// <remarks><c>default(PlacementWarning)</c> is an empty rack-collision warning with no topic. Immutable.</remarks>
/// <param name="Kind">What the warning is about.</param>
/// <param name="Topic">The topic concerned.</param>
/// <param name="Partition">The partition concerned, or -1 when the warning is about the whole topic.</param>
/// <param name="Message">A one-line, human-readable description naming the topic, partition, brokers and rack.</param>
[DebuggerDisplay("{Message,nq}")]
public readonly record struct PlacementWarning(PlacementWarningKind Kind, string Topic, int Partition, string Message)
{
    /// <summary>Returns <see cref="Message"/>.</summary>
    public override string ToString() => Message ?? string.Empty;
}
