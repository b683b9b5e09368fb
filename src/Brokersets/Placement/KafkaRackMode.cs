namespace Brokersets;

/// <summary>
/// How <see cref="KafkaDefaultPlacement"/> treats racks, as Kafka's <c>RackAwareMode</c> does for its callers
/// (<c>kafka-topics</c>, <c>kafka-reassign-partitions --disable-rack-aware</c>).
/// </summary>
public enum KafkaRackMode
{
    /// <summary>
    /// Kafka's default: rack-aware when every broker has a rack, rack-unaware when none has, and an error when only
    /// some have (Kafka's "Not all brokers have rack information …").
    /// </summary>
    Enforced = 0,

    /// <summary>Racks are ignored: always the rack-unaware variant.</summary>
    Disabled = 1,

    /// <summary>Rack-aware when every broker has a rack, otherwise rack-unaware (no error for a mix).</summary>
    Safe = 2,
}
