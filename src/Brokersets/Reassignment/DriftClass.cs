namespace Brokersets;

/// <summary>How costly a <see cref="DriftFinding"/> is to repair, cheapest first.</summary>
public enum DriftClass
{
    /// <summary>Order only: a reorder plus a preferred-leader election; no data moves.</summary>
    OrderOnly = 0,

    /// <summary>Membership: replicas must be copied to other brokers.</summary>
    Membership = 1,

    /// <summary>Rack violation: replicas share a rack; repairing it moves data.</summary>
    RackViolation = 2,

    /// <summary>Needs an operator: topics or partitions to create, unknown or offline brokers, topics the spec cannot place or does not mention.</summary>
    Operational = 3,
}
