using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Brokersets.Benchmarks.Baselines;
using Brokersets.Benchmarks.Scenarios;

namespace Brokersets.Benchmarks;

/// <summary>Failure impact (every single broker and every rack failing) of a whole scenario placed rack-aware.</summary>
[MemoryDiagnoser]
public class FailureImpactBenchmarks
{
    private ClusterScenario _scenario = null!;
    private ClusterAssignment _assignment = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _lists = null!;

    [Params("M", "L")]
    public string Scale { get; set; } = "M";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ClusterScenario.Named(Scale);
        _assignment = PlacementStrategy.RackAware.PlaceAll(_scenario.Spec);
        _lists = NaiveAnalysis.ToLists(_assignment);
    }

    [Benchmark(Baseline = true, Description = "naive (grouped lists, dictionaries)")]
    public double Naive() => NaiveAnalysis.FailureImpact(_lists).Skew;

    [Benchmark(Description = "FailureImpact.Create")]
    public double FailureImpact() => Brokersets.FailureImpact.Create(_assignment, _scenario.Cluster).FailoverSkew;
}

/// <summary>The best stride for a new topic on a brokerset that already holds topics.</summary>
[MemoryDiagnoser]
public class StrideAdvisorBenchmarks
{
    private Brokerset _brokerset = null!;
    private TopicSpec[] _existing = null!;
    private TopicSpec _newTopic = null!;
    private readonly StrideAdvisor _orion = new(PlacementStrategy.Orion);
    private readonly StrideAdvisor _rackAware = new(PlacementStrategy.RackAware);

    [Params("S", "M")]
    public string Scale { get; set; } = "S";

    [GlobalSetup]
    public void Setup()
    {
        ClusterScenario scenario = ClusterScenario.Named(Scale);
        _brokerset = scenario.Spec.Brokersets[0];
        _existing = scenario.Spec.Topics.Where(t => t.BrokersetName == _brokerset.Name).ToArray();
        _newTopic = _existing[0] with { Topic = "new-topic", Stride = 0 };
    }

    [Benchmark(Baseline = true, Description = "naive (orion lists, every stride)")]
    public int Naive() => NaiveAnalysis.BestStride(_brokerset, _existing, _newTopic);

    [Benchmark(Description = "StrideAdvisor orion")]
    public int Orion() => _orion.AdviseNewTopic(_brokerset, _existing, _newTopic).RecommendedStride;

    [Benchmark(Description = "StrideAdvisor rack-aware")]
    public int RackAware() => _rackAware.AdviseNewTopic(_brokerset, _existing, _newTopic).RecommendedStride;
}
