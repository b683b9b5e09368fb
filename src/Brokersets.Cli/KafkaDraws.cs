using System;
using System.Globalization;

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
    /// <summary>
    /// Draws <paramref name="draws"/> layouts from a fresh <see cref="Random"/> seeded with the choice's seed (0 when none).
    /// The summary is streamed: each draw's layout and failure impact are dropped once its figures are added to the
    /// running sums and maxima, so memory does not grow with the number of draws (only time does).
    /// </summary>
    /// <param name="files">The brokersets and topics to draw layouts for.</param>
    /// <param name="strategy">The Kafka strategy choice (its seed, 0 when none).</param>
    /// <param name="draws">How many layouts.</param>
    /// <param name="observe">Called once per draw, after its figures are added, with the draw's index, layout and failure impact (the tests check with it that no earlier draw stays reachable).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than 1.</exception>
    public static KafkaDraws Of(SpecFiles files, StrategyChoice strategy, int draws, Action<int, ClusterAssignment, FailureImpact>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        int seed = strategy.Seed ?? 0;
        var random = new Random(seed);
        double sumSkew = 0, sumSpread = 0, sumRackSkew = 0;
        double worstSkew = double.MinValue, worstSpread = double.MinValue, worstRackSkew = double.MinValue;
        for (int d = 0; d < draws; d++)
        {
            ClusterAssignment layout = strategy.PlaceKafkaDraw(files.Spec, random);
            FailureImpact impact = FailureImpact.Create(layout, files.Cluster);
            sumSkew += impact.FailoverSkew;
            sumSpread += impact.RackSpread;
            sumRackSkew += impact.RackFailoverSkew;
            worstSkew = Math.Max(worstSkew, impact.FailoverSkew);
            worstSpread = Math.Max(worstSpread, impact.RackSpread);
            worstRackSkew = Math.Max(worstRackSkew, impact.RackFailoverSkew);
            observe?.Invoke(d, layout, impact);
        }

        return new KafkaDraws(draws, seed, sumSkew / draws, worstSkew, sumSpread / draws, worstSpread, sumRackSkew / draws, worstRackSkew);
    }

    /// <summary>Renders the summary line.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"kafka random layouts ({Draws} draws, seed {Seed}): failover skew mean {MeanFailoverSkew:0.000}, worst {WorstFailoverSkew:0.000}; " +
            $"rack spread mean {MeanRackSpread:0.000}, worst {WorstRackSpread:0.000}; rack failure skew mean {MeanRackFailoverSkew:0.000}, worst {WorstRackFailoverSkew:0.000}");
}
