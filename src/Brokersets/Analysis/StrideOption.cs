using System.Diagnostics;

namespace Brokersets;

/// <summary>One stride a <see cref="StrideAdvisor"/> tried for a new topic, with the failover it gives the brokerset.</summary>
/// <remarks><c>default(StrideOption)</c> is stride 0 with skew 0 (not a computed option). Immutable.</remarks>
/// <param name="Stride">The stride.</param>
/// <param name="FailoverSkew">The brokerset's failover skew (see <see cref="FailureImpact.FailoverSkew"/>) with the new topic at this stride.</param>
/// <param name="MaxLeadersGained">The most leaderships one survivor gains in a single-broker failure.</param>
[DebuggerDisplay("stride {Stride}: skew {FailoverSkew}, max gain {MaxLeadersGained}")]
public readonly record struct StrideOption(int Stride, double FailoverSkew, int MaxLeadersGained);
