namespace Brokersets.Admin;

/// <summary>Where a reassignment run is; reported through <see cref="ReassignmentProgress"/>.</summary>
public enum ReassignmentPhase
{
    /// <summary>Reading the cluster and the reassignments already in flight.</summary>
    Starting = 0,

    /// <summary>Waiting for reassignments found in flight when the run started (they are not re-sent).</summary>
    WaitingForInFlight,

    /// <summary>Setting a wave's replication throttles.</summary>
    Throttling,

    /// <summary>A wave's moves were submitted.</summary>
    Submitted,

    /// <summary>Polling until a wave's moves are done.</summary>
    Moving,

    /// <summary>A wave is done: every partition is at its target.</summary>
    WaveCompleted,

    /// <summary>Leaving the throttles as found: deleting those the run set, setting back those that had a value before.</summary>
    RemovingThrottles,

    /// <summary>Running the preferred-leader election.</summary>
    ElectingLeaders,

    /// <summary>Cancelling the moves in flight (KIP-455 cancellation).</summary>
    Cancelling,

    /// <summary>Every wave is done.</summary>
    Completed,

    /// <summary>
    /// After a cancellation: setting partitions that the cancel reverted in another order (KRaft sorts the replicas being
    /// removed) back to the exact replicas they started from, a reorder without data, then electing their preferred leaders.
    /// </summary>
    RestoringOrder,
}
