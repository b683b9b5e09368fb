using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Sizes and places a new topic the way the seed's topic-creation wizard does ("load aware" brokersets): from the
/// topic's projected throughput, a per-partition target, each broker's capacity and current usage, it proposes the
/// partition count, the brokerset with room (the one with the most headroom after placing) and the stride there;
/// or explains that none has room and how many brokers a new brokerset would need.
/// </summary>
/// <remarks>
/// <para><b>Partition count.</b> P = ⌈produce ÷ target⌉ (at least 1), rounded up to a multiple of the brokerset's
/// size when <see cref="SizingRequest.RoundToBrokersetSize"/> is set. A brokerset that fixes a partition count
/// (Orion's rule, <see cref="Brokerset.Partitions"/>) gives the topic that count; if it is below P the brokerset
/// cannot meet the target and is not proposed.</para>
/// <para><b>Load model.</b> Each partition carries w = produce ÷ P and c = consume ÷ P. Its leader takes in w and
/// sends c to consumers and w to each of the RF − 1 followers; each follower takes in w; every replica stores
/// w × retention (when a retention is given). The topic is placed on each brokerset by <see cref="Strategy"/> at
/// the stride the <see cref="StrideAdvisor"/> recommends there (given the topics already on it), and the resulting
/// per-broker traffic is added to the broker's current usage. A brokerset <i>has room</i> when every broker stays
/// within <see cref="BrokerCapacity.MaxUtilization"/> of each capacity; its headroom is 1 − the highest
/// load ÷ usable capacity over its brokers and resources.</para>
/// <para><b>New brokerset.</b> The smallest n ≥ RF such that idle brokers hold the topic when the busiest broker
/// has ⌈P·RF ÷ n⌉ replicas and ⌈P ÷ n⌉ leaders (a balanced placement, as the rack-aware strategy gives when P is a
/// multiple of n). Loads fall as n grows, so the first n that fits is the minimum.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("sizing advisor ({Strategy}, {Capacity})")]
public sealed class SizingAdvisor
{
    private const double Tolerance = 1e-9;
    private const int MaxNewBrokers = 100_000;

    /// <summary>Creates an advisor.</summary>
    /// <param name="strategy">The strategy that places topics on the brokersets.</param>
    /// <param name="capacity">What each broker can carry; <c>default</c> for the documented defaults.</param>
    public SizingAdvisor(PlacementStrategy strategy, BrokerCapacity capacity = default)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Strategy = strategy;
        Capacity = capacity;
    }

    /// <summary>The strategy that places topics.</summary>
    public PlacementStrategy Strategy { get; }

    /// <summary>What each broker can carry.</summary>
    public BrokerCapacity Capacity { get; }

    /// <summary>The fewest partitions meeting the per-partition target: ⌈produce ÷ target⌉, at least 1.</summary>
    /// <exception cref="ArgumentException">A rate or target is not a finite positive number; the message names the topic.</exception>
    public static int MinimumPartitions(SizingRequest request)
    {
        Check(request);
        double exact = request.ProduceBytesPerSecond / request.PartitionTargetBytesPerSecond;
        if (exact > int.MaxValue / 2)
        {
            ThrowHelper.Argument($"Topic '{request.Topic}': {exact.ToString("0", CultureInfo.InvariantCulture)} partitions would be needed; raise the per-partition target.", nameof(request));
        }

        int p = Math.Max(1, (int)Math.Ceiling(exact));
        // undo a ceiling pushed up by rounding (1.1 ÷ 0.1 = 11.000000000000002)
        return p > 1 && (p - 1) * request.PartitionTargetBytesPerSecond >= request.ProduceBytesPerSecond ? p - 1 : p;
    }

    /// <summary>
    /// The current usage of every broker of <paramref name="report"/>: network in = <see cref="BrokerLoad.BytesInPerSecond"/>,
    /// network out = <see cref="BrokerLoad.BytesOutPerSecond"/> (replication only: the report does not know consumers),
    /// disk = <see cref="BrokerLoad.Bytes"/> (the same units: bytes per second and bytes).
    /// </summary>
    public static ImmutableArray<BrokerUsage> UsageFrom(ClusterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Brokers.Select(b => new BrokerUsage(b.BrokerId, b.BytesInPerSecond, b.BytesOutPerSecond, b.Bytes)).ToImmutableArray();
    }

    /// <summary>Proposes the partition count, brokerset and stride for <paramref name="request"/> on the brokersets of <paramref name="spec"/>.</summary>
    /// <param name="spec">The brokersets (with racks when the strategy needs them) and the topics already on them.</param>
    /// <param name="request">The new topic.</param>
    /// <param name="usage">The current usage per broker; brokers not listed are idle. <see langword="null"/> for all idle.</param>
    /// <exception cref="ArgumentException">An invalid request, a topic of that name already in the spec, or a broker listed twice in <paramref name="usage"/>.</exception>
    public SizingAdvice Advise(PlacementSpec spec, SizingRequest request, IEnumerable<BrokerUsage>? usage = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int minimum = MinimumPartitions(request);
        if (spec.Topics.Any(t => string.Equals(t.Topic, request.Topic, StringComparison.Ordinal)))
        {
            ThrowHelper.Argument($"Topic '{request.Topic}' already exists in the spec; size a new topic.", nameof(request));
        }

        var current = new Dictionary<int, BrokerUsage>();
        foreach (BrokerUsage u in usage ?? Enumerable.Empty<BrokerUsage>())
        {
            if (!current.TryAdd(u.BrokerId, u))
            {
                ThrowHelper.Argument($"Broker {u.BrokerId} has two usage entries.", nameof(usage));
            }
        }

        var fits = ImmutableArray.CreateBuilder<BrokersetFit>(spec.Brokersets.Length);
        var advices = new Dictionary<string, StrideAdvice>(StringComparer.Ordinal);
        int best = -1;
        foreach (Brokerset b in spec.Brokersets)
        {
            BrokersetFit fit = Evaluate(spec, b, request, minimum, current, advices);
            fits.Add(fit);
            if (fit.Fits && (best < 0 || fit.Headroom > fits[best].Headroom + Tolerance))
            {
                best = fits.Count - 1;
            }
        }

        (int newBrokers, int newPartitions) = NewBrokerset(request, minimum);
        BrokersetFit? chosen = best < 0 ? null : fits[best];
        string explanation = chosen is { } c
            ? $"{c.Brokerset} has the most headroom after placing: its tightest broker ({c.TightestBrokerId}, {c.Resource}) reaches {Format.Percent(1 - c.Headroom)} of its usable capacity, leaving {Format.Percent(c.Headroom)}" +
              (fits.Count(f => f.Fits) > 1 ? $" ({fits.Count(f => f.Fits) - 1} other brokerset{(fits.Count(f => f.Fits) == 2 ? " has" : "s have")} room with less headroom)." : ".")
            : $"No brokerset has room ({(fits.Count == 0 ? "the spec has no brokersets" : string.Join("; ", fits.Select(f => f.Brokerset + ": " + f.Reason)))}); " +
              (newBrokers > 0
                  ? $"a new brokerset needs at least {newBrokers} idle brokers for {newPartitions} partitions."
                  : "no new brokerset is enough either: one partition's traffic exceeds a broker's usable capacity; lower the per-partition target.");
        return new SizingAdvice(request, Strategy.Name, Capacity, minimum, chosen, chosen is { } x ? advices[x.Brokerset] : null,
            fits.MoveToImmutable(), newBrokers, newPartitions, explanation);
    }

    /// <summary>
    /// Whether idle brokers hold the topic on a new brokerset of <paramref name="brokers"/> brokers with
    /// <paramref name="partitions"/> partitions, under the balanced model (see the remarks); the loads of the busiest broker:
    /// network in and out in bytes per second, disk in bytes (rounded to a whole byte; <see cref="long.MaxValue"/> beyond it).
    /// </summary>
    public (bool Fits, double InBytesPerSecond, double OutBytesPerSecond, long DiskBytes) FitsNewBrokerset(SizingRequest request, int brokers, int partitions)
    {
        Check(request);
        if (brokers < request.ReplicationFactor || partitions < 1)
        {
            return (false, 0, 0, 0);
        }

        int rf = request.ReplicationFactor;
        double w = request.ProduceBytesPerSecond / partitions;
        double c = request.ConsumeBytesPerSecond / partitions;
        long replicas = ((long)partitions * rf + brokers - 1) / brokers;
        long leaders = ((long)partitions + brokers - 1) / brokers;
        double inRate = replicas * w;
        double outRate = leaders * (c + ((rf - 1) * w));
        double disk = replicas * w * RetentionSeconds(request);
        bool fits = inRate <= Capacity.UsableInBytesPerSecond * (1 + Tolerance) && outRate <= Capacity.UsableOutBytesPerSecond * (1 + Tolerance)
            && (request.RetentionHours <= 0 || disk <= Capacity.UsableDiskBytes * (1 + Tolerance));
        return (fits, inRate, outRate, WholeBytes(disk));
    }

    /// <summary>Seconds of data a replica stores: bytes stored = bytes per second × this.</summary>
    private static double RetentionSeconds(SizingRequest request) => request.RetentionHours * 3600;

    /// <summary>A modelled disk figure as whole bytes (saturating at <see cref="long.MaxValue"/> for absurd rates × retentions).</summary>
    private static long WholeBytes(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Round(bytes);

    private static string MBps(double bytesPerSecond) => (bytesPerSecond / Format.BytesPerMB).ToString(CultureInfo.InvariantCulture);

    private static int RoundUp(int value, int multiple) => checked((value + multiple - 1) / multiple * multiple);

    private static void Check(SizingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Topic))
        {
            ThrowHelper.Argument("A sizing request needs a topic name.", nameof(request));
        }

        string t = request.Topic;
        if (!double.IsFinite(request.ProduceBytesPerSecond) || request.ProduceBytesPerSecond <= 0)
        {
            ThrowHelper.Argument($"Topic '{t}': produce rate {MBps(request.ProduceBytesPerSecond)} MB/s must be a finite number > 0.", nameof(request));
        }

        if (!double.IsFinite(request.ConsumeBytesPerSecond) || request.ConsumeBytesPerSecond < 0)
        {
            ThrowHelper.Argument($"Topic '{t}': consume rate {MBps(request.ConsumeBytesPerSecond)} MB/s must be a finite number ≥ 0.", nameof(request));
        }

        if (!double.IsFinite(request.PartitionTargetBytesPerSecond) || request.PartitionTargetBytesPerSecond <= 0)
        {
            ThrowHelper.Argument($"Topic '{t}': per-partition target {MBps(request.PartitionTargetBytesPerSecond)} MB/s must be a finite number > 0.", nameof(request));
        }

        if (request.ReplicationFactor < 1)
        {
            ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture, $"Topic '{t}': replication factor {request.ReplicationFactor} is less than 1."), nameof(request));
        }

        if (!double.IsFinite(request.RetentionHours) || request.RetentionHours < 0)
        {
            ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture, $"Topic '{t}': retention {request.RetentionHours} hours must be a finite number ≥ 0."), nameof(request));
        }
    }

    private (int Brokers, int Partitions) NewBrokerset(SizingRequest request, int minimum)
    {
        for (int n = request.ReplicationFactor; n <= MaxNewBrokers; n++)
        {
            int p = request.RoundToBrokersetSize ? RoundUp(minimum, n) : minimum;
            if (FitsNewBrokerset(request, n, p).Fits)
            {
                return (n, p);
            }

            if (!request.RoundToBrokersetSize && (long)n >= (long)minimum * request.ReplicationFactor)
            {
                break; // every broker holds at most one replica already: more brokers change nothing
            }
        }

        return (0, minimum);
    }

    private BrokersetFit Evaluate(PlacementSpec spec, Brokerset b, SizingRequest request, int minimum, Dictionary<int, BrokerUsage> current, Dictionary<string, StrideAdvice> advices)
    {
        int n = b.Count;
        int rf = request.ReplicationFactor;
        if (rf > n)
        {
            return NotPlaced(b, $"RF {rf} exceeds its {n} brokers");
        }

        if (b.Partitions > 0 && b.Partitions < minimum)
        {
            return NotPlaced(b, $"it fixes {b.Partitions} partitions, fewer than the {minimum} the target needs");
        }

        int partitions = b.Partitions > 0 ? b.Partitions : request.RoundToBrokersetSize ? RoundUp(minimum, n) : minimum;
        var topic = new TopicSpec(request.Topic, b.Name, partitions, rf);
        StrideAdvice advice;
        TopicAssignment placed;
        try
        {
            IEnumerable<TopicSpec> existing = spec.Topics.Where(t => string.Equals(t.BrokersetName, b.Name, StringComparison.Ordinal));
            advice = new StrideAdvisor(Strategy).AdviseNewTopic(b, existing, topic);
            placed = Strategy.Place(b, topic with { Stride = advice.RecommendedStride });
        }
        catch (ArgumentException e)
        {
            return NotPlaced(b, "cannot place: " + Serialization.JsonInput.MessageOf(e));
        }

        advices[b.Name] = advice;
        double[] inRate = new double[n];
        double[] outRate = new double[n];
        double[] disk = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (current.TryGetValue(b.BrokerIds[i], out BrokerUsage u))
            {
                (inRate[i], outRate[i], disk[i]) = (u.NetworkInBytesPerSecond, u.NetworkOutBytesPerSecond, u.DiskBytes);
            }
        }

        AddLoad(placed, b, request, inRate, outRate, disk);
        double worst = double.MinValue;
        int worstBroker = -1;
        string resource = string.Empty;
        for (int i = 0; i < n; i++)
        {
            Consider(inRate[i] / Capacity.UsableInBytesPerSecond, i, "network in");
            Consider(outRate[i] / Capacity.UsableOutBytesPerSecond, i, "network out");
            if (request.RetentionHours > 0)
            {
                Consider(disk[i] / Capacity.UsableDiskBytes, i, "disk");
            }
        }

        bool fits = worst <= 1 + Tolerance;
        string reason = fits
            ? $"room: tightest broker {b.BrokerIds[worstBroker]} at {Format.Percent(worst)} of usable {resource}"
            : $"no room: broker {b.BrokerIds[worstBroker]} would reach {Format.Percent(worst)} of usable {resource}";
        return new BrokersetFit(b.Name, n, partitions, advice.RecommendedStride, true, fits, 1 - worst, b.BrokerIds[worstBroker], resource,
            inRate.Max(), outRate.Max(), WholeBytes(disk.Max()), reason);

        void Consider(double ratio, int position, string what)
        {
            if (ratio > worst + Tolerance)
            {
                (worst, worstBroker, resource) = (ratio, position, what);
            }
        }
    }

    /// <summary>Adds the topic's traffic and disk per broker position (see the load model in the remarks).</summary>
    private static void AddLoad(TopicAssignment placed, Brokerset b, SizingRequest request, double[] inRate, double[] outRate, double[] disk)
    {
        int rf = placed.ReplicationFactor;
        double w = request.ProduceBytesPerSecond / placed.PartitionCount;
        double c = request.ConsumeBytesPerSecond / placed.PartitionCount;
        double stored = w * RetentionSeconds(request);
        for (int p = 0; p < placed.PartitionCount; p++)
        {
            ReadOnlySpan<int> row = placed[p];
            for (int j = 0; j < row.Length; j++)
            {
                int at = b.PositionOf(row[j]);
                inRate[at] += w;
                disk[at] += stored;
                if (j == 0)
                {
                    outRate[at] += c + ((rf - 1) * w);
                }
            }
        }
    }

    private static BrokersetFit NotPlaced(Brokerset b, string reason) =>
        new(b.Name, b.Count, 0, 0, false, false, 0, -1, string.Empty, 0, 0, 0, reason);
}
