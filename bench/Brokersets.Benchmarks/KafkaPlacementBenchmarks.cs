using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Brokersets.Benchmarks.Baselines;
using Brokersets.Benchmarks.Scenarios;

namespace Brokersets.Benchmarks;

/// <summary>
/// Kafka's default placement of every topic of a scenario, rack-unaware and rack-aware, against a naive port, with the
/// stride placement of the same topics as a reference row
/// (<c>-- --filter '*KafkaPlacement*' --inProcess --job short</c>).
/// </summary>
[MemoryDiagnoser]
public class KafkaPlacementBenchmarks
{
    private ClusterScenario _scenario = null!;
    private int[] _buffer = null!;
    private readonly KafkaDefaultPlacement _unaware = new(startIndex: 3, replicaShift: 5, rackMode: KafkaRackMode.Disabled);
    private readonly KafkaDefaultPlacement _aware = new(startIndex: 3, replicaShift: 5);

    [Params("S", "M", "L")]
    public string Scale { get; set; } = "S";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ClusterScenario.Named(Scale);
        _buffer = new int[_scenario.Spec.Topics.Max(t => t.Partitions * t.ReplicationFactor)];
    }

    [Benchmark(Baseline = true, Description = "naive kafka rack-unaware (maps of lists)")]
    public Dictionary<string, Dictionary<int, List<int>>> Naive() => NaiveKafkaPlacement.PlaceAll(_scenario.Spec, 3, 5);

    [Benchmark(Description = "kafka rack-unaware into buffer")]
    public int UnawareIntoBuffer() => PlaceIntoBuffer(_unaware);

    [Benchmark(Description = "kafka rack-aware into buffer")]
    public int AwareIntoBuffer() => PlaceIntoBuffer(_aware);

    /// <summary>The project's own stride placement of the same topics, the reference the Kafka rows are read against.</summary>
    [Benchmark(Description = "stride rack-aware into buffer (reference)")]
    public int StrideIntoBuffer() => PlaceIntoBuffer(PlacementStrategy.RackAware);

    private int PlaceIntoBuffer(PlacementStrategy strategy)
    {
        var topics = _scenario.Spec.Topics;
        var sets = _scenario.Spec.Brokersets;
        int sum = 0;
        for (int t = 0; t < topics.Length; t++)
        {
            strategy.Place(sets[t % sets.Length], topics[t], _buffer);
            sum += _buffer[0];
        }

        return sum;
    }
}
