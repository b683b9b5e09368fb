using System;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests.Docs;

/// <summary>
/// docs/cookbook.md's live-cluster block, run against the in-process test broker (the doc test in Brokersets.Tests
/// checks that the doc shows exactly the marked region).
/// </summary>
public sealed class CookbookLiveTests
{
    [Fact(Timeout = 60000)]
    public async Task LiveBlock_DriftedCluster_EndsAtTheRackAwareLayout()
    {
        await using TestKafkaCluster test = await TestKafkaCluster.StartSixBrokersAsync();
        // payments-4 on 5,1,3 instead of 5,1,6: broker 3 holds 4 replicas and broker 6 (same rack az-c) only 2
        test.AddTopic("payments", new[] { 1, 3, 2 }, new[] { 2, 4, 3 }, new[] { 3, 5, 4 }, new[] { 4, 6, 5 }, new[] { 5, 1, 3 }, new[] { 6, 2, 1 });
        string bootstrap = test.BootstrapServers;
        var spec = PlacementSpec.Create([Brokerset.Parse("blue", "1-6")], [new TopicSpec("payments", "blue", Partitions: 6, Stride: 1)]);

        // cookbook:begin
        using var kafka = ConfluentKafkaAdmin.Create(new AdminClientConfig { BootstrapServers = bootstrap });
        var admin = new ClusterAdmin(kafka);
        ObservedCluster observed = await admin.ReadClusterAsync();                 // brokers, racks, every topic's replicas
        MovementTarget target = MinimalMovement.Rebalance(observed.Assignment, spec.WithRacks(observed.Cluster));
        ExecutionPlan plan = ExecutionPlan.Create(target.Diff, new ExecutionOptions { ThrottleBytesPerSecond = 50_000_000 }, observed.Cluster);
        ReassignmentResult result = await admin.ApplyAsync(plan, new ReassignmentOptions { PollInterval = TimeSpan.FromSeconds(1) });
        // cookbook:end

        Assert.Equal(1, target.ReplicasMoved); // payments-4 swaps 3 for 6
        Assert.Equal([5, 1, 6], test.ReplicasOf("payments")[4]);
        Assert.Equal(Enumerable.Range(0, 6).Select(p => target.Target["payments"][p].ToArray()).ToArray(), test.ReplicasOf("payments"));
        Assert.False(test.HasAnyThrottle());
        Assert.Empty(result.LeaderElectionErrors);
    }
}
