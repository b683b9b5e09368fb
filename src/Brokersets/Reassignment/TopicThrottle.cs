using System.Diagnostics;

namespace Brokersets;

/// <summary>
/// The throttled-replica lists of one topic for one wave, in the format Kafka's
/// <c>leader.replication.throttled.replicas</c> and <c>follower.replication.throttled.replicas</c> topic configs take:
/// <c>partition:broker</c> entries, de-duplicated, sorted as strings and joined with commas (as
/// <c>kafka-reassign-partitions</c> writes them).
/// </summary>
/// <remarks><c>default(TopicThrottle)</c> is an empty row with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="LeaderReplicas">Every (partition, current replica) of the partitions moving in the wave: the replicas that may serve copies.</param>
/// <param name="FollowerReplicas">Every (partition, new replica) of the wave: the replicas that copy.</param>
[DebuggerDisplay("{Topic,nq}: leader {LeaderReplicas,nq}; follower {FollowerReplicas,nq}")]
public readonly record struct TopicThrottle(string Topic, string LeaderReplicas, string FollowerReplicas);
