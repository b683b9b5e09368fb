using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>
/// A config value set at run time (IncrementalAlterConfigs, <c>kafka-configs --alter</c>) on a topic or broker, as
/// <see cref="IKafkaAdmin.DescribeConfigsAsync"/> reports it. Values from a broker's <c>server.properties</c> and
/// Kafka's defaults are not reported.
/// </summary>
/// <param name="Kind">Topic or broker.</param>
/// <param name="ResourceName">The topic's name, or the broker id as a string: the resource described.</param>
/// <param name="Name">The config name, e.g. <c>leader.replication.throttled.rate</c>.</param>
/// <param name="Value">The value, or <see langword="null"/> when Kafka hides it (a sensitive config such as a password).</param>
/// <param name="IsClusterDefault">
/// Whether the value is the cluster-wide dynamic default of all brokers (<c>kafka-configs --entity-type brokers
/// --entity-default</c>), in effect on this broker because it has no value of its own; deleting the broker's own value
/// brings it back. Always <see langword="false"/> for a topic.
/// </param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ConfigValue(ConfigResourceKind Kind, string ResourceName, string Name, string? Value, bool IsClusterDefault)
{
    /// <summary>Renders <c>broker 1: leader.replication.throttled.rate=1000</c>, with <c> (cluster default)</c> when <see cref="IsClusterDefault"/>.</summary>
    public override string ToString() =>
        $"{(Kind == ConfigResourceKind.Broker ? "broker" : "topic")} {ResourceName}: {Name}={Value ?? "(hidden)"}" + (IsClusterDefault ? " (cluster default)" : "");
}
