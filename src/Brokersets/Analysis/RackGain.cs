using System.Diagnostics;

namespace Brokersets;

/// <summary>Leaderships one surviving rack gains when another rack fails (see <see cref="FailureImpact"/>).</summary>
/// <remarks><c>default(RackGain)</c> is an unnamed rack gaining nothing. Immutable.</remarks>
/// <param name="Rack">The surviving rack.</param>
/// <param name="Gained">Partitions whose leadership moves into it.</param>
[DebuggerDisplay("{Rack,nq} +{Gained}")]
public readonly record struct RackGain(string Rack, int Gained);
