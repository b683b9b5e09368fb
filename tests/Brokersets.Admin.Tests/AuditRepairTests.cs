using System;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;

namespace Brokersets.Admin.Tests;

/// <summary>Drift audit of a live cluster and its repair, against the test broker (racks az-a = 1,4; az-b = 2,5; az-c = 3,6).</summary>
public sealed class AuditRepairTests
{
    private static readonly Cluster Racks = Cluster.Create(Enumerable.Range(1, 6).Select(i => new Broker(i, "az-" + (char)('a' + ((i - 1) % 3)))));

    private static PlacementSpec Spec() =>
        PlacementSpec.Create(new[] { Brokerset.Parse("B6", "1-6").WithRacks(Racks) }, new[] { new TopicSpec("orders", "B6", 6, 3, 1) });

    private static int[][] Ideal()
    {
        PlacementSpec spec = Spec();
        TopicAssignment t = PlacementStrategy.RackAware.Place(spec.Brokersets[0], spec.Topics[0]);
        return Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).ToArray();
    }

    [Fact(Timeout = 30000)]
    public async Task RepairAsync_OrderOnlyDrift_ReorderAndElectionWithoutDataMovement()
    {
        int[][] ideal = Ideal();
        int[][] drifted = ideal.Select((r, p) => p is 0 or 3 ? r.Skip(1).Append(r[0]).ToArray() : r).ToArray();
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders", drifted));

        LiveAudit audit = await h.ClusterAdmin.AuditAsync(Spec());
        ReassignmentResult result = await h.ClusterAdmin.RepairAsync(audit, new ExecutionOptions { ThrottleBytesPerSecond = 1_000_000 }, AdminHarness.FastOptions);
        LiveAudit after = await h.ClusterAdmin.AuditAsync(Spec());

        Assert.Equal(2, audit.Report.Findings.Length);
        Assert.All(audit.Report.Findings, f => Assert.Equal(DriftClass.OrderOnly, f.Class));
        Assert.Equal(0, audit.Report.Repair.ReplicasMoved);
        Assert.Empty(audit.PlanRepair().Waves);
        Assert.Equal(ideal, h.Cluster.ReplicasOf("orders"));
        Assert.Equal(new[] { ideal[0][0], ideal[3][0] }, new[] { h.Cluster.LeaderOf("orders", 0), h.Cluster.LeaderOf("orders", 3) });
        Assert.All(h.Cluster.AlterSubmissions, s => Assert.Equal(drifted[s.Partition].Order(), s.Replicas!.Order())); // same brokers: no copy
        Assert.Empty(h.Cluster.ConfigOperations); // nothing to throttle
        Assert.Equal(2, result.Submitted.Length);
        Assert.True(after.Report.IsClean, after.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task RepairAsync_MembershipDrift_MovedUnderThrottleThenClean()
    {
        int[][] ideal = Ideal();
        int[][] drifted = ideal.Select(r => r.ToArray()).ToArray();
        int last = drifted[1][2];
        drifted[1][2] = last > 3 ? last - 3 : last + 3; // the other broker of the same rack: membership, not rack, drift
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders", drifted));

        LiveAudit audit = await h.ClusterAdmin.AuditAsync(Spec());
        ReassignmentResult result = await h.ClusterAdmin.RepairAsync(audit, new ExecutionOptions { ThrottleBytesPerSecond = 1_000_000 }, AdminHarness.FastOptions);
        LiveAudit after = await h.ClusterAdmin.AuditAsync(Spec());

        DriftFinding f = Assert.Single(audit.Report.Findings);
        Assert.Equal((DriftClass.Membership, "orders", 1), (f.Class, f.Topic, f.Partition));
        Assert.Equal(1, audit.Report.Repair.ReplicasMoved);
        Assert.Equal(ideal, h.Cluster.ReplicasOf("orders"));
        Assert.Contains(h.Cluster.ConfigOperations, o => o.Key == "follower.replication.throttled.replicas" && o.Value == $"1:{last}");
        Assert.False(h.Cluster.HasAnyThrottle());
        Assert.Equal(new[] { new PartitionId("orders", 1) }, result.Submitted);
        Assert.True(after.Report.IsClean, after.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task AuditAsync_SpecBrokerMissingFromCluster_ReportedOfflineNotUnknown()
    {
        int[][] ideal = Ideal();
        TestKafkaCluster cluster = await TestKafkaCluster.StartAsync(Racks.Brokers.Where(b => b.Id != 6).Select(b => (b.Id, b.Rack)).ToList());
        cluster.AddTopic("orders", ideal);
        await using AdminHarness h = await AdminHarness.StartAsync(cluster: cluster);

        LiveAudit audit = await h.ClusterAdmin.AuditAsync(Spec());

        Assert.Equal(new[] { 6 }, audit.OfflineBrokers);
        DriftFinding f = Assert.Single(audit.Report.Findings);
        Assert.Equal((DriftClass.Operational, DriftKind.OfflineBroker), (f.Class, f.Kind));
        Assert.Contains("offline brokers (in the desired state, not listed by the cluster): 6", audit.ToString(), StringComparison.Ordinal);
    }
}
