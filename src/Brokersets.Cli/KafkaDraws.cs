using System;
using System.Globalization;
using System.Linq;

namespace Brokersets.Cli;

/// <summary>
/// Failover figures over many of Kafka's random layouts (<c>analyze --strategy kafka --draws N --seed S</c>): each
/// draw places every topic with a start index and replica shift drawn from one <see cref="Random"/> seeded with S.
/// </summary>
/// <param name="Draws">How many layouts.</param>
/// <param name="Seed">The seed.</param>
/// <param name="MeanFailoverSkew">Mean of <see cref="FailureImpact.FailoverSkew"/>.</param>
/// <param name="WorstFailoverSkew">Largest <see cref="FailureImpact.FailoverSkew"/>.</param>
/// <param name="MeanRackSpread">Mean of <see cref="FailureImpact.RackSpread"/>.</param>
/// <param name="WorstRackSpread">Largest <see cref="FailureImpact.RackSpread"/>.</param>
/// <param name="MeanRackFailoverSkew">Mean of <see cref="FailureImpact.RackFailoverSkew"/>.</param>
/// <param name="WorstRackFailoverSkew">Largest <see cref="FailureImpact.RackFailoverSkew"/>.</param>
internal sealed record KafkaDraws(int Draws, int Seed, double MeanFailoverSkew, double WorstFailoverSkew, double MeanRackSpread, double WorstRackSpread,
    double MeanRackFailoverSkew, double WorstRackFailoverSkew)
{
    /// <summary>Draws <paramref name="draws"/> layouts from a fresh <see cref="Random"/> seeded with the choice's seed (0 when none).</summary>
    public static KafkaDraws Of(SpecFiles files, StrategyChoice strategy, int draws)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(strategy);
        int seed = strategy.Seed ?? 0;
        var random = new Random(seed);
        FailureImpact[] impacts = Enumerable.Range(0, draws)
            .Select(_ => FailureImpact.Create(strategy.PlaceKafkaDraw(files.Spec, random), files.Cluster))
            .ToArray();
        return new KafkaDraws(draws, seed, impacts.Average(f => f.FailoverSkew), impacts.Max(f => f.FailoverSkew), impacts.Average(f => f.RackSpread),
            impacts.Max(f => f.RackSpread), impacts.Average(f => f.RackFailoverSkew), impacts.Max(f => f.RackFailoverSkew));
    }

    /// <summary>Renders the summary line.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"kafka random layouts ({Draws} draws, seed {Seed}): failover skew mean {MeanFailoverSkew:0.000}, worst {WorstFailoverSkew:0.000}; " +
            $"rack spread mean {MeanRackSpread:0.000}, worst {WorstRackSpread:0.000}; rack failure skew mean {MeanRackFailoverSkew:0.000}, worst {WorstRackFailoverSkew:0.000}");
}
