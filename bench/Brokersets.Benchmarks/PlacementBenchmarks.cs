using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Brokersets.Benchmarks.Baselines;
using Brokersets.Benchmarks.Scenarios;

namespace Brokersets.Benchmarks;

/// <summary>Placing every topic of a scenario: both strategies into one reused buffer, and allocating, against a naive baseline.</summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private ClusterScenario _scenario = null!;
    private int[] _buffer = null!;

    [Params("S", "M", "L")]
    public string Scale { get; set; } = "S";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ClusterScenario.Named(Scale);
        _buffer = new int[_scenario.Spec.Topics.Max(t => t.Partitions * t.ReplicationFactor)];
    }

    [Benchmark(Baseline = true, Description = "naive (LINQ, List<List<int>>)")]
    public Dictionary<string, List<List<int>>> Naive() => NaivePlacement.PlaceAll(_scenario.Spec);

    [Benchmark(Description = "rack-aware into buffer")]
    public int RackAwareIntoBuffer() => PlaceIntoBuffer(PlacementStrategy.RackAware);

    [Benchmark(Description = "orion into buffer")]
    public int OrionIntoBuffer() => PlaceIntoBuffer(PlacementStrategy.Orion);

    [Benchmark(Description = "rack-aware allocating (PlaceAll)")]
    public ClusterAssignment RackAwareAllocating() => PlacementStrategy.RackAware.PlaceAll(_scenario.Spec);

    private int PlaceIntoBuffer(PlacementStrategy strategy)
    {
        var spec = _scenario.Spec;
        var topics = spec.Topics;
        var sets = spec.Brokersets;
        int sum = 0;
        for (int t = 0; t < topics.Length; t++)
        {
            TopicSpec topic = topics[t];

            // topics cycle through the brokersets in order (see ClusterScenario)
            strategy.Place(sets[t % sets.Length], topic, _buffer);
            sum += _buffer[0];
        }

        return sum;
    }
}
