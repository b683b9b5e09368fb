using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Brokersets.Benchmarks.Baselines;
using Brokersets.Benchmarks.Scenarios;

namespace Brokersets.Benchmarks;

/// <summary>The diff of a whole cluster migrating from Orion's layout to the rack-aware one.</summary>
[MemoryDiagnoser]
public class DiffBenchmarks
{
    private ClusterAssignment _current = null!;
    private ClusterAssignment _target = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _currentLists = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _targetLists = null!;

    [Params("M", "L")]
    public string Scale { get; set; } = "M";

    [GlobalSetup]
    public void Setup()
    {
        ClusterScenario scenario = ClusterScenario.Named(Scale);
        _current = PlacementStrategy.Orion.PlaceAll(scenario.Spec);
        _target = PlacementStrategy.RackAware.PlaceAll(scenario.Spec);
        _currentLists = NaiveAnalysis.ToLists(_current);
        _targetLists = NaiveAnalysis.ToLists(_target);
    }

    [Benchmark(Baseline = true, Description = "naive (dictionaries, LINQ Except)")]
    public int Naive() => NaiveAnalysis.Diff(_currentLists, _targetLists).Changes.Count;

    [Benchmark(Description = "ReassignmentDiff.Create")]
    public int Diff() => ReassignmentDiff.Create(_current, _target).PartitionsTouched;
}

/// <summary>Waves for the same migration, at most 2 incoming and 2 outgoing moves per broker.</summary>
[MemoryDiagnoser]
public class WavePlanningBenchmarks
{
    private ReassignmentDiff _diff = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _currentLists = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _targetLists = null!;

    [Params("M", "L")]
    public string Scale { get; set; } = "M";

    [GlobalSetup]
    public void Setup()
    {
        ClusterScenario scenario = ClusterScenario.Named(Scale);
        ClusterAssignment current = PlacementStrategy.Orion.PlaceAll(scenario.Spec);
        ClusterAssignment target = PlacementStrategy.RackAware.PlaceAll(scenario.Spec);
        _diff = ReassignmentDiff.Create(current, target);
        _currentLists = NaiveAnalysis.ToLists(current);
        _targetLists = NaiveAnalysis.ToLists(target);
    }

    [Benchmark(Baseline = true, Description = "naive (greedy rescans)")]
    public int Naive() => NaiveAnalysis.Waves(_currentLists, _targetLists, 2, 2).Count;

    [Benchmark(Description = "ExecutionPlan.Create")]
    public int Plan() => ExecutionPlan.Create(_diff).Waves.Length;

    /// <summary>The plan with every wave's throttled-replica strings formatted (they are formatted on first read).</summary>
    [Benchmark(Description = "ExecutionPlan.Create + throttle strings")]
    public int PlanWithThrottles() => ExecutionPlan.Create(_diff).Waves.Sum(w => w.Throttles.Length);
}

/// <summary>Minimal-movement targets on M: three brokers appended to a brokerset, and a topic moved to another brokerset.</summary>
[MemoryDiagnoser]
public class MinimalMovementBenchmarks
{
    private ClusterScenario _scenario = null!;
    private ClusterAssignment _current = null!;
    private Broker[] _added = null!;
    private PlacementSpec _grownSpec = null!;
    private PlacementSpec _movedSpec = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _currentLists = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ClusterScenario.Medium;
        _current = PlacementStrategy.RackAware.PlaceAll(_scenario.Spec);
        _currentLists = NaiveAnalysis.ToLists(_current);
        _added = new[] { new Broker(301, "az0"), new Broker(302, "az1"), new Broker(303, "az2") };
        Brokerset grown = Brokerset.Create("bs000", _scenario.Spec.Brokersets[0].Brokers.Concat(_added));
        _grownSpec = PlacementSpec.Create(_scenario.Spec.Brokersets.Select(b => b.Name == "bs000" ? grown : b), _scenario.Spec.Topics);
        _movedSpec = PlacementSpec.Create(_scenario.Spec.Brokersets,
            _scenario.Spec.Topics.Select(t => t.Topic == "topic0000" ? t with { BrokersetName = "bs001" } : t));
    }

    [Benchmark(Baseline = true, Description = "naive expansion (recompute orion lists + diff)")]
    public int NaiveExpansion() => NaiveAnalysis.Diff(_currentLists, NaiveAnalysis.ToLists(NaivePlacementAsAssignment(_grownSpec))).Changes.Count;

    [Benchmark(Description = "MinimalMovement.AddBrokers")]
    public int AddBrokers() => MinimalMovement.AddBrokers(_current, _scenario.Spec, "bs000", _added).ReplicasMoved;

    [Benchmark(Description = "MinimalMovement.MoveTopic")]
    public int MoveTopic() => MinimalMovement.MoveTopic(_current, _scenario.Spec, "topic0000", "bs001").ReplicasMoved;

    private static ClusterAssignment NaivePlacementAsAssignment(PlacementSpec spec) =>
        ClusterAssignment.Create(NaivePlacement.PlaceAll(spec).Select(kv => TopicAssignment.Create(kv.Key, kv.Value)));
}
