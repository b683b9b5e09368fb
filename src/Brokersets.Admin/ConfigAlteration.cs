using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>One IncrementalAlterConfigs operation: set a config to a value, or delete it (<see cref="Value"/> = <see langword="null"/>).</summary>
/// <param name="Kind">Topic or broker.</param>
/// <param name="ResourceName">The topic's name, or the broker id as a string.</param>
/// <param name="Name">The config name, e.g. <c>leader.replication.throttled.rate</c>.</param>
/// <param name="Value">The value to set, or <see langword="null"/> to delete the config (back to its default).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ConfigAlteration(ConfigResourceKind Kind, string ResourceName, string Name, string? Value)
{
    /// <summary>Whether this alteration deletes the config.</summary>
    public bool IsDelete => Value is null;

    /// <summary>Renders <c>broker 1: set leader.replication.throttled.rate=1000</c> or <c>topic t: delete x</c>.</summary>
    public override string ToString() =>
        $"{(Kind == ConfigResourceKind.Broker ? "broker" : "topic")} {ResourceName}: " + (Value is null ? $"delete {Name}" : $"set {Name}={Value}");
}
