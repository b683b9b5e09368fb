using System.Diagnostics;

namespace Brokersets;

/// <summary>How much one topic moves in a <see cref="MovementTarget"/>, beside its lower bound and the from-scratch figure.</summary>
/// <remarks><c>default(TopicMovement)</c> is an empty row with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Changed">Whether the change concerns the topic (otherwise it is left as it is and every figure is 0).</param>
/// <param name="ReplicasMoved">Replicas copied to reach the target.</param>
/// <param name="LowerBound">No target in which the topic keeps the strategy's per-topic guarantees copies fewer of its replicas (see <see cref="MovementTarget.LowerBound"/>).</param>
/// <param name="FromScratchMoved">Replicas copied if the strategy's layout were applied as is (partition i gets list i), after the pass across the brokerset's topics where that ran.</param>
/// <param name="ReplicasCreated">Replicas of new partitions (created, not moved).</param>
/// <param name="Method">How the target was found: <c>exact matching</c> (optimal among the layout's lists), <c>greedy matching</c> (when the lists are too varied to match exactly), <c>repair</c> (the current lists mended, see <see cref="MinimalMovement"/>), <c>layout</c> (the strategy's layout, taken when the pass across topics copies less from it), <c>new partitions only</c> or <c>unchanged</c>; <c>, balanced across topics</c> is appended when the pass across the brokerset's topics changed the topic; <c>substitution</c> when replaced brokers' replicas went to their replacements in the same positions (nothing else moved).</param>
/// <param name="LeaderChanges">Partitions of the topic whose preferred (first) replica changes.</param>
[DebuggerDisplay("{Topic,nq}: moved {ReplicasMoved} (bound {LowerBound}, {LeaderChanges} leader changes, from scratch {FromScratchMoved})")]
public readonly record struct TopicMovement(string Topic, bool Changed, int ReplicasMoved, int LowerBound, int FromScratchMoved, int ReplicasCreated, string Method, int LeaderChanges = 0);
