using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>
/// A topic's replication-throttle lists as Kafka stores them: <c>leader.replication.throttled.replicas</c> and
/// <c>follower.replication.throttled.replicas</c>, each <c>"partition:broker,…"</c> (or <c>"*"</c>).
/// </summary>
/// <param name="Topic">The topic's name.</param>
/// <param name="LeaderReplicas">The value of <c>leader.replication.throttled.replicas</c>: the move's sources.</param>
/// <param name="FollowerReplicas">The value of <c>follower.replication.throttled.replicas</c>: the move's destinations.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record TopicThrottle(string Topic, string LeaderReplicas, string FollowerReplicas)
{
    /// <summary>Renders <c>orders: leader 0:1,0:2 follower 0:4</c>.</summary>
    public override string ToString() => $"{Topic}: leader {LeaderReplicas} follower {FollowerReplicas}";
}
