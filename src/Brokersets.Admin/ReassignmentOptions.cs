using System;

namespace Brokersets.Admin;

/// <summary>How a reassignment run behaves. The defaults suit a production cluster.</summary>
public sealed record ReassignmentOptions
{
    /// <summary>How long to wait between two ListPartitionReassignments polls. Default 5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many times a failing request is retried when the failure is transient (lost connection, timeout,
    /// controller moved). Before each retry of a submission the cluster is re-read, so nothing is submitted twice.
    /// Default 5.
    /// </summary>
    public int TransientRetries { get; init; } = 5;

    /// <summary>Whether to run a preferred-leader election over the moved partitions at the end. Default <see langword="true"/>.</summary>
    public bool ElectPreferredLeaders { get; init; } = true;

    /// <summary>
    /// Whether cancelling the run's <see cref="System.Threading.CancellationToken"/> also cancels the moves in flight
    /// (KIP-455 cancellation: back to the original replicas). Default <see langword="true"/>; when
    /// <see langword="false"/> the moves continue in Kafka and a later run waits for them.
    /// </summary>
    public bool CancelMovesOnCancellation { get; init; } = true;

    /// <summary>How long the clean-up (throttles deleted or restored, cancellation) may take after a failure or cancellation. Default 30 s.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The defaults.</summary>
    public static ReassignmentOptions Default { get; } = new();
}
