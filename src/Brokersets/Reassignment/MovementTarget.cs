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
/// reaches it, and the replicas it moves beside a lower bound and beside recomputing from scratch.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{Kind}: moved {ReplicasMoved}, lower bound {LowerBound}, from scratch {FromScratchMoved}")]
public sealed class MovementTarget
{
    internal MovementTarget(MovementKind kind, PlacementSpec? spec, ClusterAssignment current, ClusterAssignment target,
        ReassignmentDiff diff, ImmutableArray<TopicMovement> topics, string lowerBoundReason, int? lowerBound = null)
    {
        Kind = kind;
        Spec = spec;
        Current = current;
        Target = target;
        Diff = diff;
        Topics = topics;
        LowerBoundReason = lowerBoundReason;
        LowerBound = lowerBound ?? topics.Sum(t => t.LowerBound);
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
    /// A lower bound on the replicas any target with the same balance must copy; see <see cref="LowerBoundReason"/>. Where
    /// a brokerset's topics were balanced across topics it can exceed the sum of the rows' bounds (it is then, per such
    /// brokerset, the larger of that sum and the copies its brokers must receive to reach the spread).
    /// </summary>
    public int LowerBound { get; }

    /// <summary>Why the lower bound holds.</summary>
    public string LowerBoundReason { get; }

    /// <summary>
    /// Replicas copied if each changed topic took the strategy's layout as is (followed, where the targets were balanced
    /// across a brokerset's topics, by the same pass; see <see cref="MinimalMovement"/>).
    /// </summary>
    public int FromScratchMoved { get; }

    /// <summary>Replicas of new partitions and topics (created, not moved).</summary>
    public int ReplicasCreated { get; }

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

    /// <summary>Renders the figures and one row per changed topic.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Kind).Append(": ").Append(ReplicasMoved).Append(" replicas moved, lower bound ").Append(LowerBound)
          .Append(", from scratch ").Append(FromScratchMoved);
        if (ReplicasCreated > 0)
        {
            sb.Append(", ").Append(ReplicasCreated).Append(" replicas created");
        }

        sb.Append('\n');
        sb.Append("lower bound: ").Append(LowerBoundReason).Append('\n');
        var table = new TextTable("topic", "moved", "lower bound", "from scratch", "created", "method").AlignRight(1, 2, 3, 4);
        foreach (TopicMovement t in Topics)
        {
            if (t.Changed)
            {
                table.Add(t.Topic, Ids.Str(t.ReplicasMoved), Ids.Str(t.LowerBound), Ids.Str(t.FromScratchMoved), Ids.Str(t.ReplicasCreated), t.Method);
            }
        }

        table.AppendTo(sb, "  ");
        return sb.ToString();
    }
}
