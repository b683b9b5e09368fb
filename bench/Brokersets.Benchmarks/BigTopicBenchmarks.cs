using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Brokersets.Benchmarks.Baselines;

namespace Brokersets.Benchmarks;

/// <summary>
/// One RF-3 topic of 10,000 or 30,000 partitions on 6 or 30 brokers (3 racks, ids cycling through them) whose current
/// lists are scattered (a seeded random RF-3 list per partition, as after years of manual moves): the minimal-movement
/// rebalance to the rack-aware layout, and that plus its execution plan (what <c>plan</c> computes). And the same topic
/// laid out rack-aware on the brokerset, grown by 3 brokers (one per rack): the repair then moves thousands of single
/// replicas within racks and hands thousands of leaderships along augmenting paths.
/// </summary>
[MemoryDiagnoser]
public class BigTopicBenchmarks
{
    private ClusterAssignment _current = null!;
    private PlacementSpec _spec = null!;
    private Dictionary<(string Topic, int Partition), List<int>> _currentLists = null!;
    private ClusterAssignment _laidOut = null!;
    private Broker[] _added = null!;

    [Params(10_000, 30_000)]
    public int Partitions { get; set; } = 10_000;

    [Params(6, 30)]
    public int Brokers { get; set; } = 6;

    [GlobalSetup]
    public void Setup()
    {
        var brokers = Enumerable.Range(1, Brokers).Select(i => new Broker(i, $"az{(i - 1) % 3}")).ToArray();
        Brokerset set = Brokerset.Create("B", brokers);
        _spec = PlacementSpec.Create(new[] { set }, new[] { new TopicSpec("big", "B", Partitions, 3, 0) });
        var random = new Random(13);
        var lists = Enumerable.Range(0, Partitions)
            .Select(_ => (IReadOnlyList<int>)Enumerable.Range(1, Brokers).OrderBy(_ => random.Next()).Take(3).ToArray())
            .ToList();
        _current = ClusterAssignment.Create(new[] { TopicAssignment.Create("big", lists) });
        _currentLists = NaiveAnalysis.ToLists(_current);
        _laidOut = PlacementStrategy.RackAware.PlaceAll(_spec);
        _added = Enumerable.Range(Brokers + 1, 3).Select(i => new Broker(i, $"az{(i - 1) % 3}")).ToArray();
    }

    [Benchmark(Baseline = true, Description = "naive (recompute the layout + diff, no matching)")]
    public int Naive() => NaiveAnalysis.Diff(_currentLists, NaiveAnalysis.ToLists(PlacementStrategy.RackAware.PlaceAll(_spec))).Changes.Count;

    [Benchmark(Description = "MinimalMovement.Rebalance")]
    public int Rebalance() => MinimalMovement.Rebalance(_current, _spec).ReplicasMoved;

    [Benchmark(Description = "Rebalance + ExecutionPlan.Create (plan)")]
    public int Plan() => ExecutionPlan.Create(MinimalMovement.Rebalance(_current, _spec).Diff).Waves.Length;

    [Benchmark(Description = "MinimalMovement.AddBrokers (3, laid out)")]
    public int AddBrokers() => MinimalMovement.AddBrokers(_laidOut, _spec, "B", _added).ReplicasMoved;
}
