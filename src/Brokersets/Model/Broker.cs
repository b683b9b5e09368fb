using System.Diagnostics;

namespace Brokersets;

/// <summary>
/// A Kafka broker as placement sees it: its <c>broker.id</c> and its rack (availability zone).
/// </summary>
/// <remarks>
/// <para><c>default(Broker)</c> is broker 0 with an unknown rack.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
/// <param name="Id">Kafka's <c>broker.id</c> (not a position in a brokerset). Validated (≥ 0) where brokers are collected.</param>
/// <param name="Rack">The broker's rack or availability zone (Kafka's <c>broker.rack</c>), or <see langword="null"/> when unknown.</param>
[DebuggerDisplay("{ToString(),nq}")]
public readonly record struct Broker(int Id, string? Rack = null)
{
    /// <summary>Renders <c>"4 (us-east-1a)"</c>, or just the id when the rack is unknown.</summary>
    public override string ToString() => Rack is null ? Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Id} ({Rack})";
}
