using System.Diagnostics;

namespace Brokersets;

/// <summary>Leaderships one surviving broker gains in a failure (see <see cref="FailureImpact"/>).</summary>
/// <remarks><c>default(LeaderGain)</c> is broker 0 gaining nothing. Immutable.</remarks>
/// <param name="BrokerId">The surviving broker.</param>
/// <param name="Gained">Partitions whose leadership moves to it.</param>
[DebuggerDisplay("{BrokerId} +{Gained}")]
public readonly record struct LeaderGain(int BrokerId, int Gained);
