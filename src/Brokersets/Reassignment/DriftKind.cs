namespace Brokersets;

/// <summary>What a <see cref="DriftFinding"/> is about.</summary>
public enum DriftKind
{
    /// <summary>The partition has the desired brokers in another order (the preferred leader may differ): fixed by a reorder and a preferred-leader election, no data moves.</summary>
    WrongOrder = 0,

    /// <summary>A replica sits on a broker outside the topic's brokerset.</summary>
    ReplicaOutsideBrokerset = 1,

    /// <summary>The partition's brokers are in the brokerset but are not the desired ones.</summary>
    WrongReplicas = 2,

    /// <summary>The topic's replication factor differs from the desired one.</summary>
    ReplicationFactorMismatch = 3,

    /// <summary>Replicas of one partition share a rack (or crowd one when RF exceeds the rack count).</summary>
    RackCollision = 4,

    /// <summary>The topic has fewer partitions than desired: create them.</summary>
    MissingPartitions = 5,

    /// <summary>The topic has more partitions than desired (Kafka cannot delete partitions).</summary>
    ExtraPartitions = 6,

    /// <summary>The cluster has a topic the desired state does not mention.</summary>
    UnknownTopic = 7,

    /// <summary>The desired state has a topic the cluster does not run: create it.</summary>
    MissingTopic = 8,

    /// <summary>A replica or a brokerset member is a broker the cluster does not know.</summary>
    UnknownBroker = 9,

    /// <summary>A replica sits on an offline broker.</summary>
    OfflineBroker = 10,

    /// <summary>The desired state of a topic cannot be placed (the strategy refused it); the message says why.</summary>
    UnplaceableTopic = 11,
}
