using System.Diagnostics;

namespace Brokersets;

/// <summary>Limits and choices for splitting a <see cref="ReassignmentDiff"/> into <see cref="Wave"/>s.</summary>
/// <remarks>
/// <para><c>default(ExecutionOptions)</c> is valid and is the cautious plan: at most
/// <see cref="DefaultMaxIncomingPerBroker"/> copies into and <see cref="DefaultMaxOutgoingPerBroker"/> copies out of
/// any broker per wave, no bytes cap, no throttle, at most one new replica per partition per wave, and the current
/// leader kept first while new replicas copy. Values ≤ 0 mean the default.</para>
/// <para>Immutable.</para>
/// </remarks>
[DebuggerDisplay("in ≤ {EffectiveMaxIncoming}, out ≤ {EffectiveMaxOutgoing}, bytes cap {MaxBytesInFlight}, throttle {ThrottleBytesPerSecond} B/s")]
public readonly record struct ExecutionOptions
{
    /// <summary>The default of <see cref="MaxIncomingPerBroker"/>: 2.</summary>
    public const int DefaultMaxIncomingPerBroker = 2;

    /// <summary>The default of <see cref="MaxOutgoingPerBroker"/>: 2.</summary>
    public const int DefaultMaxOutgoingPerBroker = 2;

    /// <summary>The most new replicas one broker receives in one wave; ≤ 0 means <see cref="DefaultMaxIncomingPerBroker"/>.</summary>
    public int MaxIncomingPerBroker { get; init; }

    /// <summary>
    /// The most copies one broker serves (as the partition's current leader) in one wave; ≤ 0 means
    /// <see cref="DefaultMaxOutgoingPerBroker"/>. This is what keeps a recovering broker from knocking its leader out of
    /// the ISRs of other partitions.
    /// </summary>
    public int MaxOutgoingPerBroker { get; init; }

    /// <summary>
    /// The most bytes copied in one wave; ≤ 0 means no cap. A single move larger than the cap gets a wave of its own.
    /// Moves of unknown size count as 0 bytes.
    /// </summary>
    public long MaxBytesInFlight { get; init; }

    /// <summary>
    /// The replication throttle (bytes/s) to set during each wave, as Kafka's <c>leader.replication.throttled.rate</c>
    /// and <c>follower.replication.throttled.rate</c>; ≤ 0 means no throttle (and no ETA).
    /// </summary>
    public long ThrottleBytesPerSecond { get; init; }

    /// <summary>
    /// Whether one partition may gain several replicas in one wave. <see langword="false"/> (the default) moves at most one
    /// replica per partition per wave, so a replica set never doubles mid-move.
    /// </summary>
    public bool SeveralMovesPerPartition { get; init; }

    /// <summary>
    /// Whether the lists submitted while replicas copy put the target order first. <see langword="false"/> (the default)
    /// keeps the current leader first until the partition's last wave (its removal, if any, comes last), and the final
    /// preferred-leader election moves leadership.
    /// </summary>
    public bool TargetOrderWhileCopying { get; init; }

    /// <summary>The incoming limit in force.</summary>
    public int EffectiveMaxIncoming => MaxIncomingPerBroker > 0 ? MaxIncomingPerBroker : DefaultMaxIncomingPerBroker;

    /// <summary>The outgoing limit in force.</summary>
    public int EffectiveMaxOutgoing => MaxOutgoingPerBroker > 0 ? MaxOutgoingPerBroker : DefaultMaxOutgoingPerBroker;
}
