using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Brokersets;
using Xunit.Abstractions;

namespace Brokersets.Tests.Reassignment;

/// <summary>Moved-vs-lower-bound figures for each target kind on a 300-broker cluster (3 racks, 10 brokersets of 30, 40 topics).</summary>
public class MovementFiguresTests
{
    private readonly ITestOutputHelper _output;

    public MovementFiguresTests(ITestOutputHelper output) => _output = output;

    internal static (Cluster Cluster, PlacementSpec Spec, ClusterAssignment Current) Example()
    {
        // Brokers 0..299 plus 300..302 (spares, for adding) and 400 (a replacement host); rack = id mod 3.
        Cluster cluster = Cluster.Create(Enumerable.Range(0, 303).Append(400).Select(id => new Broker(id, "az" + (id % 3))));
        Brokerset[] sets = Enumerable.Range(0, 10)
            .Select(s => Brokerset.Parse($"Capacity_B30_{s}", $"{30 * s}-{(30 * s) + 29}").WithRacks(cluster)).ToArray();
        int[] partitionCounts = { 30, 60, 90, 45 };
        TopicSpec[] topics = Enumerable.Range(0, 40)
            .Select(i => new TopicSpec($"topic{i:00}", sets[i % 10].Name, partitionCounts[(i / 10) % 4], 3, i / 10)).ToArray();
        PlacementSpec spec = PlacementSpec.Create(sets, topics);
        return (cluster, spec, PlacementStrategy.RackAware.PlaceAll(spec));
    }

    [Fact]
    public void Figures_300Brokers_EveryKindWithinBounds()
    {
        var (cluster, spec, current) = Example();
        var sizes = PartitionSizes.Uniform(10L << 30);
        string b0 = "Capacity_B30_0";
        var results = new List<(string Name, MovementTarget Result)>
        {
            ("replace broker 5 → 400 (override)", MinimalMovement.ReplaceBrokers(current, BrokerOverrides.Create(new[] { KeyValuePair.Create(5, 400) }), spec, sizes)),
            ("remove broker 5 from B30_0", MinimalMovement.RemoveBrokers(current, spec, b0, new[] { 5 }, sizes: sizes)),
            ("remove brokers 27-29 from B30_0", MinimalMovement.RemoveBrokers(current, spec, b0, new[] { 27, 28, 29 }, sizes: sizes)),
            ("add range 300-302 to B30_0", MinimalMovement.AddBrokers(current, spec, b0, cluster.Brokers.Where(b => b.Id is >= 300 and <= 302), sizes: sizes)),
            ("move topic00 (30 p) to B30_1", MinimalMovement.MoveTopic(current, spec, "topic00", "Capacity_B30_1", sizes: sizes)),
            ("RF 3 → 2 on topic10 (60 p)", MinimalMovement.ChangeReplicationFactor(current, spec, "topic10", 2, sizes: sizes)),
            ("RF 3 → 4 on topic10 (60 p)", MinimalMovement.ChangeReplicationFactor(current, spec, "topic10", 4, sizes: sizes)),
            ("partitions 60 → 90 on topic10", MinimalMovement.AddPartitions(current, spec, "topic10", 90)),
            ("rebalance a shuffled topic20 (90 p)", Shuffled(current, spec, sizes)),
        };

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"300 brokers, 3 racks, 10 brokersets of 30, {spec.Topics.Length} topics, {current.ReplicaCount} replicas\n");
        text.Append("kind                                   moved  lower bound  from scratch  created  waves (in/out ≤ 2)  method\n");
        foreach (var (name, r) in results)
        {
            Assert.InRange(r.ReplicasMoved, r.LowerBound, r.FromScratchMoved);
            var plan = ExecutionPlan.Create(r.Diff, new ExecutionOptions { ThrottleBytesPerSecond = 100L << 20 }, cluster);
            Assert.Equal(r.ReplicasMoved, plan.MoveCount);
            text.Append(CultureInfo.InvariantCulture, $"{name,-38} {r.ReplicasMoved,5}  {r.LowerBound,11}  {r.FromScratchMoved,12}  {r.ReplicasCreated,7}  {plan.Waves.Length,5}  {string.Join(",", r.Topics.Where(t => t.Changed).Select(t => t.Method).Distinct())}\n");
        }

        _output.WriteLine(text.ToString());
        Assert.Equal(results[0].Result.LowerBound, results[0].Result.ReplicasMoved);

        // Growth balances across B30_0's topics: within each rack, replicas and leaders per broker (summed over its
        // topics) differ by at most 1, so the three new brokers take their share.
        MovementTarget grown = results[3].Result;
        Brokerset set = grown.Spec!.GetBrokerset(b0);
        TopicAssignment[] topics = grown.Spec.Topics.Where(t => t.BrokersetName == b0).Select(t => grown.Target[t.Topic]).ToArray();
        foreach (var rack in set.Brokers.GroupBy(b => b.Rack))
        {
            int[] replicas = rack.Select(b => topics.Sum(t => t.AsSpan().ToArray().Count(id => id == b.Id))).ToArray();
            int[] leaders = rack.Select(b => topics.Sum(t => Enumerable.Range(0, t.PartitionCount).Count(p => t[p][0] == b.Id))).ToArray();
            _output.WriteLine($"{rack.Key}: replicas per broker {replicas.Min()}..{replicas.Max()}, leaders {leaders.Min()}..{leaders.Max()}");
            Assert.InRange(replicas.Max() - replicas.Min(), 0, 1);
            Assert.InRange(leaders.Max() - leaders.Min(), 0, 1);
        }

        Assert.All(topics, t => Assert.Null(Brokersets.Internals.BalanceGuarantees.Violation(t, set)));
    }

    private static MovementTarget Shuffled(ClusterAssignment current, PlacementSpec spec, PartitionSizes sizes)
    {
        // topic20's lists dealt to the wrong partitions and one replica of every fifth partition swapped out: a drifted topic.
        TopicAssignment t = current["topic20"];
        var random = new Random(20);
        int[][] rows = Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).OrderBy(_ => random.Next()).ToArray();
        for (int p = 0; p < rows.Length; p += 5)
        {
            rows[p][2] = spec.BrokersetOf(spec.Topics[20]).BrokerIds.First(id => !rows[p].Contains(id) && id % 3 == rows[p][2] % 3);
        }

        var drifted = ClusterAssignment.Create(current.Topics.Select(x => x.Topic == "topic20" ? TopicAssignment.Create("topic20", rows) : x));
        return MinimalMovement.Rebalance(drifted, PlacementSpec.Create(spec.Brokersets, new[] { spec.Topics[20] }), sizes: sizes);
    }
}
