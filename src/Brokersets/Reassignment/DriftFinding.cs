using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets;

/// <summary>One deviation of an observed cluster from its desired state (a row of a <see cref="DriftReport"/>).</summary>
/// <remarks><c>default(DriftFinding)</c> is an empty wrong-order finding with no topic. Immutable.</remarks>
/// <param name="Class">How costly the repair is.</param>
/// <param name="Kind">What the deviation is.</param>
/// <param name="Topic">The topic concerned, or an empty string when the finding is about a broker.</param>
/// <param name="Partition">The partition concerned, or -1 when the finding is about a whole topic or a broker.</param>
/// <param name="Brokers">The brokers concerned (e.g. those outside the brokerset, or sharing a rack).</param>
/// <param name="Message">A one-line description naming the topic, partition, brokers and racks.</param>
[DebuggerDisplay("{Class}/{Kind}: {Message,nq}")]
public readonly record struct DriftFinding(DriftClass Class, DriftKind Kind, string Topic, int Partition, ImmutableArray<int> Brokers, string Message)
{
    /// <summary>Returns <see cref="Message"/>.</summary>
    public override string ToString() => Message ?? string.Empty;
}
