using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets;

/// <summary>What happens when every broker of one rack (AZ) fails (one row of <see cref="FailureImpact.RackFailures"/>).</summary>
/// <remarks><c>default(RackFailure)</c> is an unnamed rack failing with no effect. Immutable.</remarks>
/// <param name="Rack">The failed rack.</param>
/// <param name="Brokers">Its brokers.</param>
/// <param name="LeadersLost">Partitions led from it.</param>
/// <param name="Offline">Partitions led from it with no replica outside it.</param>
/// <param name="WorstSurvivorBrokerId">The surviving broker leading the most partitions afterwards (lowest id on ties), or -1 when none survives.</param>
/// <param name="WorstSurvivorLeaders">Its leader count afterwards.</param>
/// <param name="EvenShare">Partitions still led afterwards ÷ surviving brokers.</param>
/// <param name="Skew"><paramref name="WorstSurvivorLeaders"/> ÷ <paramref name="EvenShare"/> (1.0 when nothing is left to lead).</param>
/// <param name="Spread">
/// How unevenly the moved leaderships land on the surviving racks: the largest rack gain ÷ that rack's proportional
/// share (moved leaderships × rack size ÷ surviving brokers of known racks). 1.0 splits them in proportion to rack
/// size; R − 1 (with R equal racks) puts them all into one rack. 1.0 when nothing moves.
/// </param>
/// <param name="Gains">Leaderships gained by each surviving rack, ordinal order (racks gaining none included).</param>
[DebuggerDisplay("{Rack,nq} fails: {LeadersLost} leaders, spread {Spread}, skew {Skew}")]
public readonly record struct RackFailure(string Rack, int Brokers, int LeadersLost, int Offline, int WorstSurvivorBrokerId, int WorstSurvivorLeaders,
    double EvenShare, double Skew, double Spread, ImmutableArray<RackGain> Gains);
