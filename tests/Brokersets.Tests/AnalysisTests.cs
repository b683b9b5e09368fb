using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Brokersets.Tests.Generators;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests;

public class AnalysisTests
{
    [Fact]
    public void ClusterReport_AnyAssignment_CountsAddUp()
    {
        Prop.ForAll(KafkaGenerators.AnalysisCaseArb(), c =>
        {
            ClusterAssignment a = c.Place();
            TopicLoads loads = TopicLoads.None;
            foreach (TopicAssignment t in a.Topics)
            {
                loads = loads.WithPartitionBytes(t.Topic, Enumerable.Range(0, t.PartitionCount).Select(p => 1000L + p))
                             .WithProduceRate(t.Topic, 100.0 * t.PartitionCount);
            }

            ClusterReport r = ClusterReport.Create(a, c.Cluster, loads);
            int partitions = a.Topics.Sum(t => t.PartitionCount);
            long replicas = a.Topics.Sum(t => (long)t.PartitionCount * t.ReplicationFactor);
            Assert.Equal(partitions, r.PartitionCount);
            Assert.Equal(partitions, r.Brokers.Sum(b => b.Leaders));
            Assert.Equal(replicas, r.ReplicaCount);
            Assert.Equal(replicas, r.Brokers.Sum(b => (long)b.Replicas));
            Assert.Equal(partitions, r.Racks.Sum(x => x.Leaders));
            Assert.Equal(replicas, r.Racks.Sum(x => (long)x.Replicas));
            Assert.Equal(c.Brokerset.Count, r.Brokers.Length);

            // every replica writes its partition's rate (100 B/s); leaders send it to each follower
            Assert.Equal(100.0 * replicas, r.BytesInPerSecond, 6);
            Assert.Equal(100.0 * (replicas - partitions), r.Brokers.Sum(b => b.BytesOutPerSecond), 6);
            Assert.Equal(a.Topics.Sum(t => Enumerable.Range(0, t.PartitionCount).Sum(p => (1000L + p) * t.ReplicationFactor)), r.TotalBytes);

            // cross-rack: followers in another rack than their leader pull 100 B/s each
            var rackOf = c.Cluster.Brokers.ToDictionary(b => b.Id, b => b.Rack);
            double cross = a.Topics.Sum(t => Enumerable.Range(0, t.PartitionCount)
                .Sum(p => t[p].ToArray().Skip(1).Count(f => rackOf[f] != rackOf[t[p][0]]) * 100.0));
            Assert.Equal(cross, r.CrossRackBytesPerSecond, 6);
            Assert.Equal(cross, r.Racks.Sum(x => x.CrossRackBytesInPerSecond), 6);
            Assert.Equal(cross, r.Racks.Sum(x => x.CrossRackBytesOutPerSecond), 6);

            // violations: exactly the partitions with a repeated rack
            int expected = a.Topics.Sum(t => Enumerable.Range(0, t.PartitionCount)
                .Sum(p => t[p].ToArray().GroupBy(id => rackOf[id]).Count(g => g.Count() > 1)));
            Assert.Equal(expected, r.RackViolations.Length);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ClusterReport_OrionOnTwoRacks_ReportsViolationsNamingTopicPartitionBrokersAndRack()
    {
        var cluster = Cluster.Create(Enumerable.Range(1, 6).Select(id => new Broker(id, id % 2 == 1 ? "az1" : "az2")));
        Brokerset set = Brokerset.Parse("B6", "1-6").WithRacks(cluster);
        TopicAssignment t = PlacementStrategy.Orion.Place(set, new TopicSpec("clicks", "B6", 6, 3, 0));
        ClusterReport r = ClusterReport.Create(ClusterAssignment.Create(new[] { t }), cluster);
        RackViolation v = r.RackViolations[0];
        Assert.Equal(("clicks", 0, "az1"), (v.Topic, v.Partition, v.Rack));
        Assert.Equal(new[] { 1, 3 }, v.Brokers.ToArray());
        Assert.False(v.Avoidable); // RF 3 on 2 racks: two replicas share a rack whatever the placement
        Assert.Contains("clicks-0: brokers 1, 3 share rack az1", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterReport_SizesOfWrongLength_ThrowsNamingTopic()
    {
        (Cluster cluster, Brokerset set) = KafkaGenerators.EqualRacks(3, 2);
        ClusterAssignment a = ClusterAssignment.Create(new[] { PlacementStrategy.RackAware.Place(set, new TopicSpec("t", null, 6, 3)) });
        var e = Assert.Throws<ArgumentException>(() => ClusterReport.Create(a, cluster, TopicLoads.None.WithPartitionBytes("t", new long[] { 1, 2 })));
        Assert.Contains("Topic 't'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureImpact_AnyAssignment_ConservesLeadership()
    {
        Prop.ForAll(KafkaGenerators.AnalysisCaseArb(), c =>
        {
            ClusterAssignment a = c.Place();
            FailureImpact f = FailureImpact.Create(a, c.Cluster);
            ClusterReport r = ClusterReport.Create(a, c.Cluster);
            var leaders = r.Brokers.ToDictionary(b => b.BrokerId, b => b.Leaders);
            foreach (BrokerFailure b in f.BrokerFailures)
            {
                // every partition the failed broker leads moves to exactly one survivor, or is counted offline
                Assert.Equal(leaders[b.BrokerId], b.LeadersLost);
                Assert.Equal(b.LeadersLost, b.Gains.Sum(g => g.Gained) + b.Offline);
                Assert.DoesNotContain(b.Gains, g => g.BrokerId == b.BrokerId);
                Assert.Equal(b.Gains.Length, b.Successors);
                int expectedOffline = a.Topics.Where(t => t.ReplicationFactor == 1).Sum(t => Enumerable.Range(0, t.PartitionCount).Count(p => t.LeaderOf(p) == b.BrokerId));
                Assert.Equal(expectedOffline, b.Offline);
                Assert.True(b.Skew >= 1.0 - 1e-9);
            }

            foreach (RackFailure x in f.RackFailures)
            {
                var members = c.Cluster.Brokers.Where(b => b.Rack == x.Rack).Select(b => b.Id).ToHashSet();
                Assert.Equal(members.Sum(id => leaders[id]), x.LeadersLost);
                Assert.Equal(x.LeadersLost, x.Gains.Sum(g => g.Gained) + x.Offline);
                Assert.DoesNotContain(x.Gains, g => g.Rack == x.Rack);
                Assert.True(x.Spread >= 1.0 - 1e-9);
            }

            Assert.Equal(f.BrokerFailures.Max(b => b.Skew), f.FailoverSkew);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FailureImpact_OrionBlogExample_MovesEveryLeadershipToTheNextBroker()
    {
        // algorithms.md §1: brokers 1–6, AZ = id mod 3, stride 0 → p0 = [1,2,3], p1 = [2,3,4], …
        (Cluster cluster, Brokerset set) = KafkaGenerators.EqualRacks(3, 2);
        TopicAssignment t = PlacementStrategy.Orion.Place(set, new TopicSpec("t", null, 6, 3, 0));
        FailureImpact f = FailureImpact.Create(ClusterAssignment.Create(new[] { t }), cluster);
        BrokerFailure one = f.BrokerFailures[0];
        Assert.Equal((1, 1, 1), (one.BrokerId, one.LeadersLost, one.Successors));
        Assert.Equal(new LeaderGain(2, 1), one.Gains.Single());
        Assert.Equal(2, one.WorstSurvivorLeaders);
        Assert.Equal(1.2, one.EvenShare, 9);            // 6 partitions over 5 survivors
        Assert.Equal(2 / 1.2, f.FailoverSkew, 9);

        // AZ1 = {1,4} fails: p0 → 2, p3 → 5, all into az2
        RackFailure az1 = f.RackFailures[0];
        Assert.Equal("az1", az1.Rack);
        Assert.Equal(new[] { new RackGain("az2", 2), new RackGain("az3", 0) }, az1.Gains.ToArray());
        Assert.Equal(2.0, az1.Spread, 9);
    }

    [Fact]
    public void FailureImpact_ReplicationFactorOne_CountsOffline()
    {
        TopicAssignment t = TopicAssignment.Create("t", 1, new[] { 1, 2, 1 });
        FailureImpact f = FailureImpact.Create(ClusterAssignment.Create(new[] { t }));
        BrokerFailure one = f.BrokerFailures.Single(b => b.BrokerId == 1);
        Assert.Equal((2, 2, 0), (one.LeadersLost, one.Offline, one.Successors));
        Assert.Equal(1.0, one.Skew, 9); // broker 2 leads the one partition left: exactly the even share
    }

    [Fact]
    public void AdviseNewTopic_AnyBrokerset_NeverWorseThanStrideZeroOrTheSharedStride()
    {
        Prop.ForAll(KafkaGenerators.AnalysisCaseArb(), c =>
        {
            var advisor = new StrideAdvisor(c.Strategy);
            TopicSpec newTopic = c.Topics[0] with { Topic = "new" };
            StrideAdvice advice = advisor.AdviseNewTopic(c.Brokerset, c.Topics, newTopic);
            double Actual(int stride) => FailureImpact.Create(
                c.Strategy.PlaceAll(PlacementSpec.Create(new[] { c.Brokerset }, c.Topics.Append(newTopic with { Stride = stride })))).FailoverSkew;

            // the reported figures are FailureImpact's
            Assert.Equal(Actual(advice.RecommendedStride), advice.FailoverSkew, 9);
            Assert.Equal(Actual(0), advice.StrideZeroSkew, 9);
            Assert.True(advice.FailoverSkew <= Actual(0) + 1e-9);
            if (c.Topics.Select(t => t.Stride).Distinct().Count() == 1 && advice.Options.Any(o => o.Stride == c.Topics[0].Stride))
            {
                Assert.True(advice.FailoverSkew <= Actual(c.Topics[0].Stride) + 1e-9);
            }

            Assert.All(advice.Options, o => Assert.True(advice.FailoverSkew <= o.FailoverSkew + 1e-9));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replan_AnyBrokerset_NeverWorseThanCurrentZeroOrUniformStrides()
    {
        Prop.ForAll(KafkaGenerators.AnalysisCaseArb(), c =>
        {
            StridePlan plan = new StrideAdvisor(c.Strategy).Replan(c.Brokerset, c.Topics);
            double Actual(IEnumerable<int> strides) => FailureImpact.Create(c.Strategy.PlaceAll(PlacementSpec.Create(new[] { c.Brokerset },
                c.Topics.Zip(strides, (t, s) => t with { Stride = s })))).FailoverSkew;

            Assert.Equal(Actual(plan.Topics.Select(x => x.After)), plan.SkewAfter, 9);
            Assert.Equal(Actual(c.Topics.Select(t => t.Stride)), plan.SkewBefore, 9);
            Assert.True(plan.SkewAfter <= plan.SkewBefore + 1e-9);
            Assert.True(plan.SkewAfter <= Actual(c.Topics.Select(_ => 0)) + 1e-9);
            Assert.True(plan.SkewAfter <= plan.BestUniformSkew + 1e-9);
            Assert.Equal(Actual(c.Topics.Select(_ => plan.BestUniformStride)), plan.BestUniformSkew, 9);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AdviseNewTopic_KafkaStrategy_HasOneDistinctStride()
    {
        (_, Brokerset set) = KafkaGenerators.EqualRacks(3, 2);
        StrideAdvice advice = new StrideAdvisor(new KafkaDefaultPlacement()).AdviseNewTopic(set, Array.Empty<TopicSpec>(), new TopicSpec("t", null, 6, 3));
        Assert.Equal(0, advice.Options.Single().Stride);
    }

    [Fact]
    public void Replan_EqualRacksWithAsManyTopicsAsStrides_ApproachesEvenFailover()
    {
        // 12 brokers in 3 AZs: rack-aware has n − m = 8 distinct strides; 8 topics at stride 0 → one successor each
        (_, Brokerset set) = KafkaGenerators.EqualRacks(3, 4);
        TopicSpec[] topics = Enumerable.Range(0, 8).Select(i => new TopicSpec("t" + i, null, 12, 3, 0)).ToArray();
        StridePlan plan = new StrideAdvisor(PlacementStrategy.RackAware).Replan(set, topics);
        Assert.Equal(8, plan.Topics.Select(t => t.After).Distinct().Count());
        // worst survivor after the worst failure: 8 leaders + 1 gained; even share 96/11
        Assert.Equal(9 / (96.0 / 11), plan.SkewAfter, 9);
        Assert.True(plan.SkewBefore > plan.SkewAfter);
    }

    [Fact]
    public void Reports_AnyAssignment_SerialiseToJsonAndRenderText()
    {
        (Cluster cluster, Brokerset set) = KafkaGenerators.EqualRacks(3, 2);
        var spec = PlacementSpec.Create(new[] { set }, new[] { new TopicSpec("a", set.Name, 6, 3, 0), new TopicSpec("b", set.Name, 6, 3, 1) });
        ClusterAssignment a = PlacementStrategy.Orion.PlaceAll(spec);
        var advisor = new StrideAdvisor(PlacementStrategy.Orion);
        object[] reports =
        {
            ClusterReport.Create(a, cluster, TopicLoads.None.WithProduceRate("a", 6e6).WithPartitionBytes("b", new long[] { 1, 2, 3, 4, 5, 6 })),
            FailureImpact.Create(a, cluster),
            advisor.AdviseNewTopic(set, spec.Topics, new TopicSpec("c", set.Name, 6, 3)),
            advisor.Replan(set, spec.Topics),
            TopicLoads.None.WithProduceRate("a", 1),
        };
        foreach (object report in reports)
        {
            string json = JsonSerializer.Serialize(report, report.GetType());
            using JsonDocument doc = JsonDocument.Parse(json);
            Assert.True(doc.RootElement.EnumerateObject().Any(), report.GetType().Name);
            Assert.False(string.IsNullOrWhiteSpace(report.ToString()));
        }

        string text = reports[1].ToString()!;
        Assert.Contains("failover skew 1.25 (broker 1 fails)", text, StringComparison.Ordinal);
    }
}
