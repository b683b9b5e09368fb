using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>
/// Throttle configs that were set before a run (an operator's broker rate, another tool's throttled replicas): read
/// through DescribeConfigs, kept working during the run, and left exactly as found afterwards.
/// </summary>
public sealed class PreexistingThrottlesTests
{
    private const sbyte Topic = 2;
    private const sbyte Broker = 4;
    private const string LeaderRate = "leader.replication.throttled.rate";
    private const string FollowerRate = "follower.replication.throttled.rate";
    private const string LeaderReplicas = "leader.replication.throttled.replicas";
    private const string FollowerReplicas = "follower.replication.throttled.replicas";

    private static void Setup(TestKafkaCluster c) => AdminHarness.AddOrdersAndEvents(c);

    /// <summary>Broker 1's own leader rate, a cluster-wide default follower rate, a static leader rate on every broker, and two topic lists of another tool.</summary>
    private static void Preset(TestKafkaCluster c)
    {
        Setup(c);
        c.SetConfig(Broker, "1", LeaderRate, "777");
        c.SetConfig(Broker, "", FollowerRate, "5000");
        c.StaticBrokerConfigs[LeaderRate] = "9000";
        c.SetConfig(Topic, "orders", LeaderReplicas, "1:2,1:3");
        c.SetConfig(Topic, "events", FollowerReplicas, "*");
    }

    private static readonly string[] PresetConfigs =
    {
        "2 events: follower.replication.throttled.replicas=*",
        "2 orders: leader.replication.throttled.replicas=1:2,1:3",
        "4 1: leader.replication.throttled.rate=777",
        "4 : follower.replication.throttled.rate=5000",
    };

    /// <summary>Wave 1 moves orders-0 (1,2,3 to 4,5,6) and events-0 (4,5 to 1,5); wave 2 orders-2 (3,4,5 to 6,1,2) and reorders events-1.</summary>
    private static ReassignmentWave[] TwoWaves() => new[]
    {
        ReassignmentWave.Create(new[]
        {
            PartitionTarget.Create("orders", 0, new[] { 4, 5, 6 }),
            PartitionTarget.Create("events", 0, new[] { 1, 5 }),
        }, throttleBytesPerSecond: 1_000_000),
        ReassignmentWave.Create(new[]
        {
            PartitionTarget.Create("orders", 2, new[] { 6, 1, 2 }),
            PartitionTarget.Create("events", 1, new[] { 6, 5 }),
        }, throttleBytesPerSecond: 2_000_000),
    };

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_PresetThrottles_MergedDuringWavesAndLeftAsFoundAfterSuccess()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Preset);
        Assert.Equal(PresetConfigs, h.Cluster.AllConfigs());
        var during = new ConfigsAtMoving(h.Cluster);

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions, during);

        // While a wave moves: the other tool's entries plus ours, '*' stays '*', our rate on every broker of the wave,
        // the cluster-wide default untouched.
        Assert.Contains("2 orders: leader.replication.throttled.replicas=0:1,0:2,0:3,1:2,1:3", during.ByWave[1]);
        Assert.Contains("2 orders: follower.replication.throttled.replicas=0:4,0:5,0:6", during.ByWave[1]);
        Assert.Contains("2 events: leader.replication.throttled.replicas=0:4,0:5", during.ByWave[1]);
        Assert.Contains("2 events: follower.replication.throttled.replicas=*", during.ByWave[1]);
        Assert.Contains("4 1: leader.replication.throttled.rate=1000000", during.ByWave[1]);
        Assert.Contains("4 : follower.replication.throttled.rate=5000", during.ByWave[1]);
        Assert.Contains("2 orders: leader.replication.throttled.replicas=1:2,1:3,2:3,2:4,2:5", during.ByWave[2]);
        Assert.Contains("4 1: leader.replication.throttled.rate=2000000", during.ByWave[2]);

        Assert.Equal(PresetConfigs, h.Cluster.AllConfigs());
        Assert.Equal(new[] { new[] { 4, 5, 6 }, new[] { 2, 3, 4 }, new[] { 6, 1, 2 } }, h.Cluster.ReplicasOf("orders"));
        Assert.Equal(new[]
        {
            "broker 1: set leader.replication.throttled.rate=777",
            "topic events: set follower.replication.throttled.replicas=*",
            "topic orders: set leader.replication.throttled.replicas=1:2,1:3",
        }, result.ThrottlesRestored.Select(a => a.ToString()));
        Assert.Equal(6 * 2 + 2 * 2 - 3, result.ThrottlesDeleted.Length);
        Assert.All(result.ThrottlesDeleted, a => Assert.True(a.IsDelete));
        Assert.Contains(result.ThrottlesDeleted, a => a.ToString() == "broker 1: delete follower.replication.throttled.rate"); // the cluster default is not broker 1's own
        Assert.Contains(result.ThrottlesDeleted, a => a.ToString() == "broker 2: delete leader.replication.throttled.rate"); // a static value is not dynamic
        Assert.Contains("13 throttle configs deleted, 3 restored to their prior value\n  restored: broker 1: set leader.replication.throttled.rate=777", result.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_PresetThrottlesSecondWaveFails_LeftAsFound()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Preset);
        var failWave2 = new OnPhase(ReassignmentPhase.WaveCompleted, () =>
            h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.AlterPartitionReassignments, Kind = TestFaultKind.Error, ErrorCode = (short)ErrorCode.PolicyViolation }));

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions, failWave2));

        Assert.Equal(ErrorCode.PolicyViolation, e.Code);
        Assert.False(e.Data.Contains("Brokersets.CleanupFailure"));
        Assert.Contains(h.Cluster.ConfigOperations, o => o is { Type: Topic, Name: "orders", Key: LeaderReplicas, Value: "1:2,1:3,2:3,2:4,2:5" }); // wave 2 was throttled
        Assert.Equal(PresetConfigs, h.Cluster.AllConfigs());
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_PresetThrottlesCancelled_LeftAsFound()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            Preset(c);
            c.MoveTicks = 1_000_000; // never completes on its own
        });
        using var cts = new CancellationTokenSource();
        var during = new ConfigsAtMoving(h.Cluster, cts.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions, during, cts.Token));

        Assert.Contains("2 orders: leader.replication.throttled.replicas=0:1,0:2,0:3,1:2,1:3", during.ByWave[1]);
        Assert.Equal(0, h.Cluster.MovesInFlight());
        Assert.Equal(new[] { 1, 2, 3 }, h.Cluster.ReplicasOf("orders")[0]);
        Assert.Equal(PresetConfigs, h.Cluster.AllConfigs());
    }

    [Fact(Timeout = 30000)]
    public async Task ApplyAsync_NothingPreset_OursDeletedNoneRestoredEachResourceReadOnce()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(Setup);
        var during = new ConfigsAtMoving(h.Cluster);

        ReassignmentResult result = await h.ClusterAdmin.ApplyAsync(TwoWaves(), AdminHarness.FastOptions, during);

        Assert.Contains("2 orders: leader.replication.throttled.replicas=0:1,0:2,0:3", during.ByWave[1]);
        Assert.Contains("2 orders: leader.replication.throttled.replicas=2:3,2:4,2:5", during.ByWave[2]);
        Assert.Empty(h.Cluster.AllConfigs());
        Assert.Empty(result.ThrottlesRestored);
        Assert.Equal(16, result.ThrottlesDeleted.Length);
        Assert.Equal(h.Cluster.ConfigOperations.Where(o => o.Value is null).Select(o => (o.Name, o.Key)).Order(), result.ThrottlesDeleted.Select(a => (a.ResourceName, a.Name)).Order());

        // Wave 1 throttles brokers 1-6 and both topics: one read per broker (on that broker) and one for the topics;
        // wave 2 throttles the same resources and reads nothing.
        var describes = h.Cluster.Requests.Where(r => r.ApiKey == ApiKeys.DescribeConfigs).ToList();
        Assert.Equal(7, describes.Count);
        Assert.All(Enumerable.Range(1, 6), b => Assert.Contains(describes, r => r.Broker == b));
    }

    [Theory]
    [InlineData("1:2,1:3", "0:1,0:2", "0:1,0:2,1:2,1:3")]
    [InlineData("10:1, 2:1", "2:1,3:1", "10:1,2:1,3:1")]
    [InlineData("*", "0:1", "*")]
    [InlineData("0:1", "*", "*")]
    [InlineData("", "0:1", "0:1")]
    [InlineData("0:1", "", "0:1")]
    public void MergeThrottledReplicas_TwoLists_UnionSortedAsStrings(string prior, string ours, string merged) =>
        Assert.Equal(merged, WaveRunner.MergeThrottledReplicas(prior, ours));

    /// <summary>Takes every config of the cluster at the first Moving report of each wave, then runs an action (e.g. cancel).</summary>
    private sealed class ConfigsAtMoving(TestKafkaCluster cluster, Action? then = null) : IProgress<ReassignmentProgress>
    {
        public Dictionary<int, string[]> ByWave { get; } = new();

        public void Report(ReassignmentProgress value)
        {
            if (value.Phase == ReassignmentPhase.Moving && !ByWave.ContainsKey(value.Wave))
            {
                ByWave[value.Wave] = cluster.AllConfigs();
                then?.Invoke();
            }
        }
    }
}
