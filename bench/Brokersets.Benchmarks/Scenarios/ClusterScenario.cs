using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Brokersets.Benchmarks.Scenarios;

/// <summary>
/// Pinterest-shaped clusters at three scales, built deterministically (no randomness): brokers numbered so that
/// consecutive ids cycle through the AZs, brokersets of consecutive ranges, topics with strides cycling over the
/// useful strides of their brokerset. Shared by the benchmarks and the tests.
/// </summary>
public sealed class ClusterScenario
{
    private ClusterScenario(string name, Cluster cluster, PlacementSpec spec)
    {
        Name = name;
        Cluster = cluster;
        Spec = spec;
        Replicas = spec.Topics.Sum(t => (long)PlacementStrategy.PartitionCountOf(spec.BrokersetOf(t), t) * t.ReplicationFactor);
        Partitions = spec.Topics.Sum(t => PlacementStrategy.PartitionCountOf(spec.BrokersetOf(t), t));
    }

    public string Name { get; }

    public Cluster Cluster { get; }

    public PlacementSpec Spec { get; }

    public int Partitions { get; }

    public long Replicas { get; }

    /// <summary>S: the seed's example: brokers 1–6 in 3 AZs, a 6-partition RF-3 topic at stride 0 and one at stride 1.</summary>
    public static ClusterScenario Small { get; } = Build("S", brokers: 6, azs: 3, brokersetSize: 6, topics: 2, partitionsOf: _ => 6);

    /// <summary>M: 300 brokers in 3 AZs, 10 brokersets of 30, 600 topics × 120 partitions, RF 3 (72K partitions, 216K replicas).</summary>
    public static ClusterScenario Medium { get; } = Build("M", brokers: 300, azs: 3, brokersetSize: 30, topics: 600, partitionsOf: _ => 120);

    /// <summary>L: 3,000 brokers in 3 AZs, 100 brokersets of 30, 3,000 topics of 30–84 partitions (≈167K partitions, ≈500K replicas), RF 3.</summary>
    public static ClusterScenario Large { get; } = Build("L", brokers: 3000, azs: 3, brokersetSize: 30, topics: 3000, partitionsOf: t => new[] { 30, 48, 60, 84 }[t % 4]);

    /// <summary>The scenario named S, M or L.</summary>
    public static ClusterScenario Named(string name) => name switch
    {
        "S" => Small,
        "M" => Medium,
        "L" => Large,
        _ => throw new ArgumentException($"Unknown scenario '{name}' (S, M or L).", nameof(name)),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Cluster.Brokers.Length} brokers, {Spec.Brokersets.Length} brokersets, {Spec.Topics.Length} topics, {Partitions} partitions, {Replicas} replicas";

    private static ClusterScenario Build(string name, int brokers, int azs, int brokersetSize, int topics, Func<int, int> partitionsOf)
    {
        var cluster = Cluster.Create(Enumerable.Range(1, brokers).Select(id => new Broker(id, $"az{(id - 1) % azs}")));
        int sets = brokers / brokersetSize;
        var brokersets = Enumerable.Range(0, sets)
            .Select(b => Brokerset.FromRanges($"bs{b:D3}", new[] { new BrokerIdRange(1 + (b * brokersetSize), (b + 1) * brokersetSize) }).WithRacks(cluster))
            .ToImmutableArray();
        int usefulStrides = brokersetSize - (brokersetSize / azs);
        var specs = new List<TopicSpec>(topics);
        for (int t = 0; t < topics; t++)
        {
            int set = t % sets;
            specs.Add(new TopicSpec($"topic{t:D4}", brokersets[set].Name, partitionsOf(t), 3, (t / sets) % usefulStrides));
        }

        return new ClusterScenario(name, cluster, PlacementSpec.Create(brokersets, specs));
    }
}
