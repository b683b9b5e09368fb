using System.Diagnostics;

namespace Brokersets.Admin;

/// <summary>A progress report of a reassignment run.</summary>
/// <param name="Phase">What the run is doing.</param>
/// <param name="Wave">The current wave, 1-based (0 before the first wave).</param>
/// <param name="WaveCount">How many waves the run has.</param>
/// <param name="PartitionsInWave">Partitions in the current wave.</param>
/// <param name="PartitionsRemaining">Partitions of the current wave not yet at their target.</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record ReassignmentProgress(ReassignmentPhase Phase, int Wave, int WaveCount, int PartitionsInWave, int PartitionsRemaining)
{
    /// <summary>Renders <c>wave 2/5 Moving: 3 of 10 partitions remaining</c>.</summary>
    public override string ToString() => $"wave {Wave}/{WaveCount} {Phase}: {PartitionsRemaining} of {PartitionsInWave} partitions remaining";
}
