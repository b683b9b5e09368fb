using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests.Generators;

/// <summary>An input of Kafka's classic placement: a brokerset (racks on all brokers or on none) and the call's numbers.</summary>
public sealed record KafkaCase(Brokerset Brokerset, int Partitions, int ReplicationFactor, int StartIndex, int ReplicaShift, int StartPartition)
{
    public KafkaDefaultPlacement Strategy => new(StartIndex, ReplicaShift, StartPartition);

    public TopicSpec Topic => new("t", Brokerset.Name, Partitions, ReplicationFactor);

    public override string ToString() =>
        $"{Brokerset} [{string.Join(",", Brokerset.Brokers)}] P={Partitions} RF={ReplicationFactor} start={StartIndex} shift={ReplicaShift} P0={StartPartition}";
}

/// <summary>Several topics on one brokerset (with racks), placed by one strategy, and the loads to report on.</summary>
public sealed record AnalysisCase(Cluster Cluster, Brokerset Brokerset, PlacementStrategy Strategy, IReadOnlyList<TopicSpec> Topics)
{
    public ClusterAssignment Place() =>
        Strategy.PlaceAll(PlacementSpec.Create(new[] { Brokerset }, Topics));

    public override string ToString() =>
        $"{Strategy} on {Brokerset} [{string.Join(",", Brokerset.Brokers)}]: {string.Join("; ", Topics)}";
}

/// <summary>Generators for Kafka's placement and for the analysis tests.</summary>
public static class KafkaGenerators
{
    /// <summary>n distinct ids in [0, 3n), shuffled; racks: none, or all from 1..4 racks named so that ordinal order matters (r1, r10, r2).</summary>
    public static Gen<Brokerset> Brokersets(int minBrokers, int maxBrokers, bool allowNoRacks = true) =>
        from n in Gen.Choose(minBrokers, maxBrokers)
        from ids in Gen.Shuffle(Enumerable.Range(0, 3 * n)).Select(a => a.Take(n).ToArray())
        from rackCount in Gen.Choose(allowNoRacks ? 0 : 1, Math.Min(4, n))
        from rackOf in Gen.ArrayOf(Gen.Choose(0, Math.Max(0, rackCount - 1)), n)
        select Brokerset.Create("B", ids.Select((id, i) => new Broker(id, rackCount == 0 ? null : RackName(rackOf[i])))) ;

    public static Gen<KafkaCase> Cases() =>
        from set in Brokersets(1, 12)
        from p in Gen.Choose(1, 40)
        from rf in Gen.Choose(1, set.Count)
        from start in Gen.Choose(0, 2 * set.Count)
        from shift in Gen.Choose(0, 2 * set.Count)
        from p0 in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 30)))
        select new KafkaCase(set, p, rf, start, shift, p0);

    /// <summary>
    /// Equal racks (1..5 racks of 1..8 brokers; ids shuffled over [0, 3n); rack names whose ordinal order is not their
    /// numeric order), so Kafka's rack-alternated list cycles through the racks; P up to 4n (several rounds of one
    /// shift), RF mostly ≤ R but up to n, any start values and start partition.
    /// </summary>
    public static Gen<KafkaCase> EqualRackCases() =>
        from racks in Gen.Choose(1, 5)
        from perRack in Gen.Choose(1, 8)
        let n = racks * perRack
        from ids in Gen.Shuffle(Enumerable.Range(0, 3 * n)).Select(a => a.Take(n).ToArray())
        from p in Gen.Choose(1, 4 * n)
        from rf in Gen.Frequency((2, Gen.Choose(1, Math.Min(racks, n))), (1, Gen.Choose(1, n)))
        from start in Gen.Choose(0, 2 * n)
        from shift in Gen.Choose(0, 2 * n)
        from p0 in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3 * n)))
        select new KafkaCase(Brokerset.Create("B", ids.Select((id, i) => new Broker(id, new[] { "r1", "r10", "r2", "R3", "a7" }[i % racks]))), p, rf, start, shift, p0);

    /// <summary>
    /// A cluster of R racks (2..4, sizes 1..4, possibly uneven), one brokerset of all its brokers, and 1..5 topics
    /// with P in 1..2n, RF in 1..min(3, n) and strides in 0..7, placed by a rack-aware, Orion or Kafka strategy.
    /// </summary>
    public static Gen<AnalysisCase> AnalysisCases() =>
        from racks in Gen.Choose(2, 4)
        from sizes in Gen.ArrayOf(Gen.Choose(1, 4), racks)
        from strategyIndex in Gen.Choose(0, 2)
        from topicCount in Gen.Choose(1, 5)
        let n = sizes.Sum()
        from topics in Gen.ArrayOf(
            from p in Gen.Choose(1, 2 * n)
            from rf in Gen.Choose(1, Math.Min(3, n))
            from stride in Gen.Choose(0, 7)
            select (p, rf, stride), topicCount)
        from start in Gen.Choose(0, n - 1)
        select Build(sizes, strategyIndex, topics, start);

    public static Arbitrary<KafkaCase> KafkaCaseArb() => Cases().ToArbitrary();

    public static Arbitrary<KafkaCase> EqualRackCaseArb() => EqualRackCases().ToArbitrary();

    public static Arbitrary<AnalysisCase> AnalysisCaseArb() => AnalysisCases().ToArbitrary();

    /// <summary>Equal racks: <paramref name="racks"/> AZs of <paramref name="perRack"/> brokers, ids 1..n cycling through the AZs (Pinterest's numbering).</summary>
    public static (Cluster Cluster, Brokerset Brokerset) EqualRacks(int racks, int perRack)
    {
        int n = racks * perRack;
        var cluster = Cluster.Create(Enumerable.Range(1, n).Select(id => new Broker(id, "az" + (((id - 1) % racks) + 1))));
        return (cluster, Brokerset.Parse("B" + n, "1-" + n).WithRacks(cluster));
    }

    private static AnalysisCase Build(int[] sizes, int strategyIndex, (int P, int Rf, int Stride)[] topics, int start)
    {
        var brokers = new List<Broker>();
        int id = 0;
        for (int r = 0; r < sizes.Length; r++)
        {
            for (int i = 0; i < sizes[r]; i++)
            {
                brokers.Add(new Broker(id++, "az" + r));
            }
        }

        // interleave ids across racks a little so positions and racks do not coincide
        Cluster cluster = Cluster.Create(brokers);
        Brokerset set = Brokerset.Create("B", brokers.OrderBy(b => (b.Id * 7) % brokers.Count).ThenBy(b => b.Id));
        PlacementStrategy strategy = strategyIndex switch
        {
            0 => PlacementStrategy.RackAware,
            1 => PlacementStrategy.Orion,
            _ => new KafkaDefaultPlacement(start, (start * 5) % brokers.Count),
        };
        var specs = topics.Select((t, i) => new TopicSpec("t" + i, "B", t.P, t.Rf, t.Stride)).ToList();
        if (strategy is OrionStridePlacement)
        {
            // Orion refuses strides that repeat a broker; keep the ones it accepts (stride 0 always works)
            specs = specs.Select(t => Accepts(strategy, set, t) ? t : t with { Stride = 0 }).ToList();
        }

        return new AnalysisCase(cluster, set, strategy, specs);
    }

    private static bool Accepts(PlacementStrategy strategy, Brokerset set, TopicSpec topic)
    {
        try
        {
            strategy.Place(set, topic);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string RackName(int r) => r switch { 0 => "r1", 1 => "r10", 2 => "r2", _ => "R3" };
}
