using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Brokersets.Admin;

/// <summary>
/// One wave of a reassignment: partitions moved together, under one replication throttle. The adapter sets the
/// throttles, submits the targets, waits until Kafka has finished them, then goes on with the next wave.
/// </summary>
/// <remarks>
/// <para>This is the adapter's input form of one step of the core's execution plan; a plan is a list of waves.</para>
/// <para>Immutable; create with <see cref="Create"/>, which validates.</para>
/// </remarks>
[DebuggerDisplay("Wave: {Targets.Length} partitions, throttle {ThrottleBytesPerSecond}")]
public sealed class ReassignmentWave
{
    private ReassignmentWave(ImmutableArray<PartitionTarget> targets, long? throttle, ImmutableArray<TopicThrottle> topicThrottles)
    {
        Targets = targets;
        ThrottleBytesPerSecond = throttle;
        TopicThrottles = topicThrottles;
    }

    /// <summary>The partitions to move and their target replicas, at most one target per partition.</summary>
    public ImmutableArray<PartitionTarget> Targets { get; }

    /// <summary>
    /// The replication throttle in bytes per second, set as <c>leader.replication.throttled.rate</c> and
    /// <c>follower.replication.throttled.rate</c> on every source and destination broker of the wave, or
    /// <see langword="null"/> for no throttle.
    /// </summary>
    public long? ThrottleBytesPerSecond { get; }

    /// <summary>
    /// Explicit per-topic throttled-replica lists; when empty and a rate is set, the adapter computes them from the
    /// cluster as Kafka's tool does (sources → leader list, new replicas → follower list).
    /// </summary>
    public ImmutableArray<TopicThrottle> TopicThrottles { get; }

    /// <summary>Creates a wave.</summary>
    /// <param name="targets">The partitions' targets; no partition twice.</param>
    /// <param name="throttleBytesPerSecond">The replication throttle in bytes/s (&gt; 0), or <see langword="null"/>.</param>
    /// <param name="topicThrottles">Optional explicit throttled-replica lists, at most one per topic.</param>
    /// <exception cref="ArgumentException">No targets, a partition twice, a non-positive rate, or a topic throttled twice.</exception>
    public static ReassignmentWave Create(IEnumerable<PartitionTarget> targets, long? throttleBytesPerSecond = null, IEnumerable<TopicThrottle>? topicThrottles = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ImmutableArray<PartitionTarget> list = targets.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException("A reassignment wave needs at least one partition target.", nameof(targets));
        }

        var seen = new HashSet<PartitionId>();
        foreach (PartitionTarget t in list)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(targets));
            if (!seen.Add(t.Id))
            {
                throw new ArgumentException($"Partition {t.Id} appears twice in one wave.", nameof(targets));
            }
        }

        if (throttleBytesPerSecond is <= 0)
        {
            throw new ArgumentException($"Throttle {throttleBytesPerSecond} B/s is not positive; pass null for no throttle.", nameof(throttleBytesPerSecond));
        }

        ImmutableArray<TopicThrottle> throttles = topicThrottles?.ToImmutableArray() ?? ImmutableArray<TopicThrottle>.Empty;
        string? twice = throttles.GroupBy(t => t.Topic, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null)
        {
            throw new ArgumentException($"Topic '{twice}' has two throttle entries in one wave.", nameof(topicThrottles));
        }

        return new ReassignmentWave(list, throttleBytesPerSecond, throttles);
    }

    /// <summary>
    /// The waves that carry out a core <see cref="ExecutionPlan"/>: one per plan wave (its targets, throttle rate and
    /// throttled-replica lists), then, when the plan has lists that move no data (order-only changes, replicas
    /// dropped), a last unthrottled wave with them. The preferred-leader election follows in
    /// <see cref="ClusterAdmin.ApplyAsync(ExecutionPlan, ReassignmentOptions?, IProgress{ReassignmentProgress}?, System.Threading.CancellationToken)"/>.
    /// </summary>
    /// <param name="plan">The plan.</param>
    public static ImmutableArray<ReassignmentWave> FromPlan(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var waves = ImmutableArray.CreateBuilder<ReassignmentWave>(plan.Waves.Length + 1);
        foreach (Wave wave in plan.Waves)
        {
            waves.Add(Create(
                wave.Reassignments.Select(r => PartitionTarget.Create(r.Topic, r.Partition, r.Replicas)),
                wave.ThrottleBytesPerSecond > 0 ? wave.ThrottleBytesPerSecond : null,
                wave.ThrottleBytesPerSecond > 0 ? wave.Throttles : null));
        }

        if (!plan.FinalReassignments.IsEmpty)
        {
            waves.Add(Create(plan.FinalReassignments.Select(r => PartitionTarget.Create(r.Topic, r.Partition, r.Replicas))));
        }

        return waves.ToImmutable();
    }

    /// <summary>Renders the throttle and one line per target.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Wave: ").Append(Targets.Length).Append(" partitions, throttle ")
            .Append(ThrottleBytesPerSecond is long r ? r.ToString(CultureInfo.InvariantCulture) + " B/s" : "none").Append('\n');
        foreach (PartitionTarget t in Targets)
        {
            sb.Append("  ").Append(t).Append('\n');
        }

        return sb.ToString();
    }
}
