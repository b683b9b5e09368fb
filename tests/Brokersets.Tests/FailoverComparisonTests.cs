using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Brokersets.Tests.Generators;
using Xunit.Abstractions;

namespace Brokersets.Tests;

/// <summary>
/// The figures for docs/failover.md: one brokerset of 12 brokers in 3 AZs (ids 1–12 cycling az1, az2, az3), eight
/// topics of 12 partitions × RF 3 with strides 0..7, placed by the Orion formula, by rack-aware strides and by
/// Kafka's default (topic i with start index = replica shift = i, standing in for Kafka's random draws).
/// </summary>
public class FailoverComparisonTests
{
    private readonly ITestOutputHelper _output;

    public FailoverComparisonTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void FailureImpact_TwelveBrokersThreeAzsStrides0To7_RackAwareSpreadsFailoverBetterThanOrion()
    {
        (Cluster cluster, Brokerset set) = KafkaGenerators.EqualRacks(3, 4);
        TopicSpec[] topics = Enumerable.Range(0, 8).Select(s => new TopicSpec("t" + s, set.Name, 12, 3, s)).ToArray();
        var spec = PlacementSpec.Create(new[] { set }, topics);
        FailureImpact orion = FailureImpact.Create(PlacementStrategy.Orion.PlaceAll(spec), cluster);
        FailureImpact rackAware = FailureImpact.Create(PlacementStrategy.RackAware.PlaceAll(spec), cluster);
        FailureImpact kafka = FailureImpact.Create(ClusterAssignment.Create(topics.Select((t, i) => new KafkaDefaultPlacement(i, i).Place(set, t))), cluster);
        FailureImpact kafkaFixed = FailureImpact.Create(ClusterAssignment.Create(topics.Select(t => KafkaDefaultPlacement.FixedStart(0).Place(set, t))), cluster);

        var sb = new StringBuilder();
        sb.Append("strategy    failover-skew  max-gain  min-successors  az-failure-skew  az-spread  az1-failure-gains\n");
        foreach ((string name, FailureImpact f) in new[] { ("orion", orion), ("rack-aware", rackAware), ("kafka i,i", kafka), ("kafka 0,0", kafkaFixed) })
        {
            sb.Append(CultureInfo.InvariantCulture, $"{name,-10}  {f.FailoverSkew,13:0.000}  {f.MaxLeadersGained,8}  {f.MinSuccessors,14}  {f.RackFailoverSkew,15:0.000}  {f.RackSpread,9:0.000}  ")
              .Append(string.Join(" ", f.RackFailures[0].Gains.Select(g => $"{g.Rack}+{g.Gained}"))).Append('\n');
        }

        // Kafka's random draws (start index and replica shift uniform in [0, 12) per topic), seeded: mean and worst of 1000 clusters
        var random = new Random(42);
        double[][] draws = Enumerable.Range(0, 1000).Select(_ =>
        {
            FailureImpact f = FailureImpact.Create(ClusterAssignment.Create(topics.Select(t => new KafkaDefaultPlacement(random.Next(12), random.Next(12)).Place(set, t))), cluster);
            return new[] { f.FailoverSkew, f.MaxLeadersGained, f.MinSuccessors, f.RackFailoverSkew, f.RackSpread };
        }).ToArray();
        sb.Append(CultureInfo.InvariantCulture, $"kafka random (1000 seeded draws) mean: skew {draws.Average(d => d[0]):0.000}, max gain {draws.Average(d => d[1]):0.00}, min successors {draws.Average(d => d[2]):0.00}, az skew {draws.Average(d => d[3]):0.000}, az spread {draws.Average(d => d[4]):0.000}\n");
        sb.Append(CultureInfo.InvariantCulture, $"kafka random (1000 seeded draws) worst: skew {draws.Max(d => d[0]):0.000}, max gain {draws.Max(d => d[1])}, min successors {draws.Min(d => d[2])}, az skew {draws.Max(d => d[3]):0.000}, az spread {draws.Max(d => d[4]):0.000}\n");
        _output.WriteLine(sb.ToString());
        _output.WriteLine(rackAware.ToString());

        // Orion: 4 distinct strides (n / gcd(n, k) = 4), all successors in the next AZ, a failed AZ's leadership lands in one AZ
        Assert.Equal(4, orion.MinSuccessors);
        Assert.Equal(2.0, orion.RackSpread, 9);
        // rack-aware: 8 distinct successors (n − m), a failed AZ splits evenly over the other two
        Assert.Equal(8, rackAware.MinSuccessors);
        Assert.Equal(1.0, rackAware.RackSpread, 9);
        Assert.True(rackAware.FailoverSkew < orion.FailoverSkew);
        Assert.True(rackAware.RackFailoverSkew <= orion.RackFailoverSkew);
    }
}
