using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;

namespace Brokersets.Admin.Tests;

/// <summary>The core's plan, end to end: read the cluster, compute a target and waves, apply them to the test broker.</summary>
public sealed class ApplyPlanTests
{
    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_CorePlanFromObservedCluster_ClusterEndsAtTargetWithinWaveLimits()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            // Every replica of 'orders' on brokers 1-3 (one per AZ): a rack-aware layout over 1-6 needs data moved.
            c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 1 }, new[] { 3, 1, 2 }, new[] { 1, 2, 3 }, new[] { 2, 3, 1 }, new[] { 3, 1, 2 });
        });

        ObservedCluster observed = await h.ClusterAdmin.ReadClusterAsync();
        Brokerset set = Brokerset.Parse("B6", "1-6").WithRacks(observed.Cluster);
        TopicAssignment target = PlacementStrategy.RackAware.Place(set, new TopicSpec("orders", "B6", 6, 3, 1));
        ExecutionPlan plan = ExecutionPlan.Create(observed.Assignment, ClusterAssignment.Create(new[] { target }),
            new ExecutionOptions { MaxIncomingPerBroker = 1, MaxOutgoingPerBroker = 1, ThrottleBytesPerSecond = 5_000_000 }, cluster: observed.Cluster);
        Assert.True(plan.Waves.Length > 1);

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(plan, AdminHarness.FastOptions);

        Assert.Equal(Enumerable.Range(0, 6).Select(p => target[p].ToArray()).ToArray(), h.Cluster.ReplicasOf("orders"));
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.Equal(0, h.Cluster.MovesInFlight());
        Assert.Empty(result.LeaderElectionErrors);
        Assert.Equal(Enumerable.Range(0, 6).Select(p => target.LeaderOf(p)), Enumerable.Range(0, 6).Select(p => h.Cluster.LeaderOf("orders", p)));

        // re-reading the cluster and re-planning leaves nothing to do
        ObservedCluster after = await h.ClusterAdmin.ReadClusterAsync();
        Assert.True(ReassignmentDiff.Create(after.Assignment, ClusterAssignment.Create(new[] { target })).IsEmpty);
    }
}
