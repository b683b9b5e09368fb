using System.Collections.Immutable;
using System.Diagnostics;

namespace Brokersets;

/// <summary>What happens when one broker fails (one row of <see cref="FailureImpact.BrokerFailures"/>).</summary>
/// <remarks><c>default(BrokerFailure)</c> is broker 0 failing with no effect. Immutable.</remarks>
/// <param name="BrokerId">The failed broker.</param>
/// <param name="Rack">Its rack, or <see langword="null"/> when unknown.</param>
/// <param name="LeadersLost">Partitions it led (each elects its first surviving replica, or goes offline).</param>
/// <param name="Offline">Partitions it led that have no surviving replica (RF 1).</param>
/// <param name="Successors">Distinct survivors that gain at least one leadership.</param>
/// <param name="MaxGained">The most leaderships one survivor gains.</param>
/// <param name="WorstSurvivorBrokerId">The survivor leading the most partitions afterwards (lowest id on ties), or -1 when none survives.</param>
/// <param name="WorstSurvivorLeaders">Its leader count afterwards.</param>
/// <param name="EvenShare">Partitions still led afterwards ÷ surviving brokers.</param>
/// <param name="Skew"><paramref name="WorstSurvivorLeaders"/> ÷ <paramref name="EvenShare"/> (1.0 when nothing is left to lead).</param>
/// <param name="Gains">The survivors that gain leaderships, ascending id.</param>
[DebuggerDisplay("{BrokerId} fails: {LeadersLost} leaders to {Successors} successors, skew {Skew}")]
public readonly record struct BrokerFailure(int BrokerId, string? Rack, int LeadersLost, int Offline, int Successors, int MaxGained,
    int WorstSurvivorBrokerId, int WorstSurvivorLeaders, double EvenShare, double Skew, ImmutableArray<LeaderGain> Gains);
