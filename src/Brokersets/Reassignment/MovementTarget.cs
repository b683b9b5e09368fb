using System;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// A minimal-movement target for a change (see <see cref="MinimalMovement"/>): the target assignment, the diff that
/// reaches it, the replicas it moves beside two lower bounds (each saying which targets it bounds) and beside
/// recomputing from scratch, the leader changes, and the failover spread of the changed topics afterwards.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{Kind}: moved {ReplicasMoved}, bound {LowerBound}, {LeaderChanges} leader changes, from scratch {FromScratchMoved}")]
public sealed class MovementTarget
{
    private FailureImpact? _failover;

    internal MovementTarget(MovementKind kind, PlacementSpec? spec, ClusterAssignment current, ClusterAssignment target,
        ReassignmentDiff diff, ImmutableArray<TopicMovement> topics, int? crossTopicLowerBound = null)
    {
        Kind = kind;
        Spec = spec;
        Current = current;
        Target = target;
        Diff = diff;
        Topics = topics;
        LowerBound = topics.Sum(t => t.LowerBound);
        CrossTopicLowerBound = crossTopicLowerBound;
        FromScratchMoved = topics.Sum(t => t.FromScratchMoved);
        ReplicasCreated = topics.Sum(t => t.ReplicasCreated);
    }

    /// <summary>The change the target was computed for.</summary>
    public MovementKind Kind { get; }

    /// <summary>The desired state after the change (brokersets and topics), when one was given.</summary>
    public PlacementSpec? Spec { get; }

    /// <summary>The assignment before the change.</summary>
    public ClusterAssignment Current { get; }

    /// <summary>The target assignment, new partitions included.</summary>
    public ClusterAssignment Target { get; }

    /// <summary>The reassignment of existing partitions from <see cref="Current"/> to <see cref="Target"/>; plan it with <see cref="ExecutionPlan"/>.</summary>
    public ReassignmentDiff Diff { get; }

    /// <summary>One row per topic of <see cref="Current"/> (then new topics), in that order.</summary>
    public ImmutableArray<TopicMovement> Topics { get; }

    /// <summary>Replicas copied to reach the target.</summary>
    public int ReplicasMoved => Diff.ReplicasMoved;

    /// <summary>
    /// A lower bound for the per-topic guarantees: no target in which every changed topic keeps the strategy's guarantees
    /// (valid lists on its brokerset, rack diversity, leader balance per broker and per rack, replica balance within
    /// racks: what <c>audit --mode balanced</c> checks) copies fewer replicas. The sum of the rows'
    /// <see cref="TopicMovement.LowerBound"/>; docs/reassignment.md explains it.
    /// </summary>
    public int LowerBound { get; }

    /// <summary>
    /// Where a brokerset's topics were also balanced across topics (see <see cref="MinimalMovement"/>): a lower bound for
    /// targets that keep the per-topic guarantees and, in every rack where this target does, hold replicas per broker
    /// (summed over the brokerset's topics) within 1 of each other. At least <see cref="LowerBound"/>;
    /// <see langword="null"/> when no brokerset was balanced across topics.
    /// </summary>
    public int? CrossTopicLowerBound { get; }

    /// <summary>Partitions whose preferred (first) replica changes: each is a leader change clients see.</summary>
    public int LeaderChanges => Diff.LeaderChanges;

    /// <summary>
    /// The failover spread of the changed topics in the target: the fewest distinct successors (brokers that inherit
    /// its leaderships when it fails) of any broker that leads one of them (see <see cref="FailureImpact.MinSuccessors"/>).
    /// </summary>
    public int MinSuccessors => Failover.MinSuccessors;

    /// <summary>The most leaderships one survivor gains when one broker fails, over the changed topics of the target (see <see cref="FailureImpact.MaxLeadersGained"/>).</summary>
    public int MaxLeadersGained => Failover.MaxLeadersGained;

    /// <summary>
    /// Replicas copied if each changed topic took the strategy's layout as is (followed, where the targets were balanced
    /// across a brokerset's topics, by the same pass; see <see cref="MinimalMovement"/>).
    /// </summary>
    public int FromScratchMoved { get; }

    /// <summary>Replicas of new partitions and topics (created, not moved).</summary>
    public int ReplicasCreated { get; }

    private FailureImpact Failover => _failover ??= FailureImpact.Create(ClusterAssignment.Create(Topics.Where(t => t.Changed).Select(t => Target[t.Topic])));

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Topics</c> and <c>Changes</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Topics,
        Changes = DumpView.Changes(Diff.Changes),
    };

    /// <summary>Renders the figures, the failover spread and one row per changed topic.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Kind).Append(": moved ").Append(ReplicasMoved).Append(" · bound ").Append(LowerBound).Append(" for per-topic guarantees");
        if (CrossTopicLowerBound is { } cross)
        {
            sb.Append(" · bound ").Append(cross).Append(" with cross-topic balance");
        }

        sb.Append(" · ").Append(LeaderChanges).Append(" leader changes · from scratch ").Append(FromScratchMoved);
        if (ReplicasCreated > 0)
        {
            sb.Append(" · ").Append(ReplicasCreated).Append(" replicas created");
        }

        sb.Append('\n');
        sb.Append("failover after: each leading broker has ≥ ").Append(MinSuccessors).Append(" successors, a survivor gains ≤ ").Append(MaxLeadersGained).Append('\n');
        var table = new TextTable("topic", "moved", "bound", "leaders", "from scratch", "created", "method").AlignRight(1, 2, 3, 4, 5);
        foreach (TopicMovement t in Topics)
        {
            if (t.Changed)
            {
                table.Add(t.Topic, Ids.Str(t.ReplicasMoved), Ids.Str(t.LowerBound), Ids.Str(t.LeaderChanges), Ids.Str(t.FromScratchMoved), Ids.Str(t.ReplicasCreated), t.Method);
            }
        }

        table.AppendTo(sb, "  ");
        return sb.ToString();
    }
}
