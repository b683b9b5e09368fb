using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>A broker's endpoint and rack as DescribeCluster reports it.</summary>
/// <param name="Id">The broker id.</param>
/// <param name="Host">The advertised host.</param>
/// <param name="Port">The advertised port.</param>
/// <param name="Rack">The rack, or <see langword="null"/>.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record KafkaNode(int Id, string Host, int Port, string? Rack)
{
    /// <summary>Renders <c>1 127.0.0.1:9092 (az-a)</c>.</summary>
    public override string ToString() => $"{Id} {Host}:{Port}" + (Rack is null ? "" : $" ({Rack})");
}
