namespace Brokersets;

/// <summary>What change a <see cref="MovementTarget"/> was computed for.</summary>
public enum MovementKind
{
    /// <summary>Bring topics to their brokersets' balanced layout with the least movement (the general case; the default).</summary>
    Rebalance = 0,

    /// <summary>Brokers replaced by new ids through overrides: only their replicas move.</summary>
    ReplaceBrokers = 1,

    /// <summary>Brokers removed from a brokerset.</summary>
    RemoveBrokers = 2,

    /// <summary>Brokers (or a range) added to a brokerset.</summary>
    AddBrokers = 3,

    /// <summary>A topic moved to another brokerset.</summary>
    MoveTopic = 4,

    /// <summary>A topic's replication factor raised or lowered.</summary>
    ChangeReplicationFactor = 5,

    /// <summary>Partitions added to a topic (existing partitions untouched).</summary>
    AddPartitions = 6,
}
