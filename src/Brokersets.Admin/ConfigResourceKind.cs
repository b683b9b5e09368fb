namespace Brokersets.Admin;

/// <summary>What a configuration alteration applies to.</summary>
public enum ConfigResourceKind
{
    /// <summary>A topic (Kafka resource type 2); the resource name is the topic's name.</summary>
    Topic = 0,

    /// <summary>A broker (Kafka resource type 4); the resource name is the broker id.</summary>
    Broker = 1,
}
