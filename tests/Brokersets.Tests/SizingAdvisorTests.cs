using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Brokersets.Tests.Generators;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests;

public class SizingAdvisorTests
{
    private const double Eps = 1e-9;

    /// <summary>A decimal MB: the hand-computed figures below are in MB/s and GB, the API's in bytes/s and bytes.</summary>
    private const double MB = 1e6;

    private const double GB = 1e9;

    [Fact]
    public void Advise_AnyCase_ProposedBrokersetHasRoomUnderTheModel()
    {
        Prop.ForAll(SizingGenerators.CaseArb(), c =>
        {
            var advisor = new SizingAdvisor(PlacementStrategy.RackAware, c.Capacity);
            SizingAdvice advice = advisor.Advise(c.Spec, c.Request, c.Usage);
            if (advice.Brokerset is null)
            {
                Assert.All(advice.Brokersets, f => Assert.False(f.Fits));
                return;
            }

            // recompute the loads independently: place at the advised stride, add each partition's traffic to the usage
            Brokerset set = c.Spec.GetBrokerset(advice.Brokerset);
            TopicAssignment placed = PlacementStrategy.RackAware.Place(set, new TopicSpec(c.Request.Topic, set.Name, advice.Partitions, c.Request.ReplicationFactor, advice.Stride));
            Dictionary<int, BrokerUsage> usage = c.Usage.ToDictionary(u => u.BrokerId);
            double w = c.Request.ProduceBytesPerSecond / advice.Partitions;
            double cons = c.Request.ConsumeBytesPerSecond / advice.Partitions;
            double worst = 0;
            foreach (int b in set.BrokerIds)
            {
                int leads = Enumerable.Range(0, placed.PartitionCount).Count(p => placed[p][0] == b);
                int holds = Enumerable.Range(0, placed.PartitionCount).Count(p => placed[p].Contains(b));
                double inRate = usage[b].NetworkInBytesPerSecond + (holds * w);
                double outRate = usage[b].NetworkOutBytesPerSecond + (leads * (cons + ((c.Request.ReplicationFactor - 1) * w)));
                double disk = usage[b].DiskBytes + (holds * w * c.Request.RetentionHours * 3600);
                Assert.True(inRate <= c.Capacity.NetworkInBytesPerSecond * c.Capacity.MaxUtilization * (1 + Eps), $"broker {b} in {inRate}");
                Assert.True(outRate <= c.Capacity.NetworkOutBytesPerSecond * c.Capacity.MaxUtilization * (1 + Eps), $"broker {b} out {outRate}");
                worst = Math.Max(worst, Math.Max(inRate / c.Capacity.UsableInBytesPerSecond, outRate / c.Capacity.UsableOutBytesPerSecond));
                if (c.Request.RetentionHours > 0)
                {
                    Assert.True(disk <= c.Capacity.DiskBytes * c.Capacity.MaxUtilization * (1 + Eps), $"broker {b} disk {disk}");
                    worst = Math.Max(worst, disk / c.Capacity.UsableDiskBytes);
                }
            }

            Assert.Equal(1 - worst, advice.Headroom, 9);
            // the most headroom among the brokersets with room
            Assert.All(advice.Brokersets.Where(f => f.Fits), f => Assert.True(f.Headroom <= advice.Headroom + Eps));
            Assert.Equal(advice.StrideAdvice!.RecommendedStride, advice.Stride);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Advise_AnyCase_PartitionCountMeetsTarget()
    {
        Prop.ForAll(SizingGenerators.CaseArb(), c =>
        {
            SizingAdvice advice = new SizingAdvisor(PlacementStrategy.RackAware, c.Capacity).Advise(c.Spec, c.Request, c.Usage);
            double target = c.Request.PartitionTargetBytesPerSecond;

            // the minimum meets the target and one fewer would not
            Assert.True(c.Request.ProduceBytesPerSecond / advice.MinimumPartitions <= target * (1 + Eps));
            Assert.True(advice.MinimumPartitions == 1 || c.Request.ProduceBytesPerSecond / (advice.MinimumPartitions - 1) > target);
            foreach (BrokersetFit f in advice.Brokersets.Where(f => f.Placed))
            {
                Assert.True(c.Request.ProduceBytesPerSecond / f.Partitions <= target * (1 + Eps), $"{f.Brokerset}: {f.Partitions} partitions");
                Brokerset set = c.Spec.GetBrokerset(f.Brokerset);
                if (set.Partitions > 0)
                {
                    Assert.Equal(set.Partitions, f.Partitions);
                }
                else if (c.Request.RoundToBrokersetSize)
                {
                    Assert.Equal(0, f.Partitions % f.Brokers);
                    Assert.True(f.Partitions - f.Brokers < advice.MinimumPartitions);
                }
                else
                {
                    Assert.Equal(advice.MinimumPartitions, f.Partitions);
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Advise_AnyCase_NewBrokersetSizeIsTheMinimumThatFits()
    {
        Prop.ForAll(SizingGenerators.CaseArb(), c =>
        {
            SizingAdvice advice = new SizingAdvisor(PlacementStrategy.RackAware, c.Capacity).Advise(c.Spec, c.Request, c.Usage);
            int rf = c.Request.ReplicationFactor;
            int n = advice.NewBrokersetBrokers;
            if (n > 0)
            {
                Assert.True(n >= rf);
                Assert.True(FitsIdle(c, n), $"{n} brokers should fit");
                Assert.True(n == rf || !FitsIdle(c, n - 1), $"{n - 1} brokers fit already");
                Assert.Equal(PartitionsOn(c, advice.MinimumPartitions, n), advice.NewBrokersetPartitions);
            }
            else
            {
                Assert.All(Enumerable.Range(rf, 200), size => Assert.False(FitsIdle(c, size), $"{size} brokers fit"));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Advise_TwoBrokersetsOneBusy_ProposesTheIdleOneWithHandComputedHeadroom()
    {
        // 30 MB/s produce, 60 MB/s consume, target 5 → P = 6 on 6 brokers, RF 3: w = 5, c = 10 per partition.
        // Rack-aware, P = n: every broker leads 1 partition and holds 3 replicas → in 3·5 = 15, out 10 + 2·5 = 20.
        // Defaults: usable in 250·0.75 = 187.5, out 500·0.75 = 375 → idle B6: 1 − 15/187.5 = 0.92 (network in).
        // Busy B6b (every broker at 100 MB/s in): 1 − 115/187.5 = 0.3866….
        (Cluster cluster, PlacementSpec spec) = TwoBrokersets();
        var usage = Enumerable.Range(7, 6).Select(id => new BrokerUsage(id, 100 * MB, 0, 0));

        SizingAdvice advice = new SizingAdvisor(PlacementStrategy.RackAware).Advise(spec.WithRacks(cluster), new SizingRequest("new", 30 * MB, 60 * MB), usage);

        Assert.Equal(6, advice.MinimumPartitions);
        Assert.Equal(6, advice.Partitions);
        Assert.Equal("B6", advice.Brokerset);
        Assert.Equal(0.92, advice.Headroom, 9);
        Assert.Equal(1 - (115 / 187.5), advice.Brokersets[1].Headroom, 9);
        Assert.Equal("network in", advice.Brokersets[0].Resource);
        Assert.Equal(15 * MB, advice.Brokersets[0].PeakInBytesPerSecond, 3);
        Assert.Equal(20 * MB, advice.Brokersets[0].PeakOutBytesPerSecond, 3);
        Assert.Equal(1, advice.Stride); // B6 has 'orders' at stride 0: the advisor moves the new topic off it
        Assert.Contains("B6 has the most headroom after placing: its tightest broker (1, network in) reaches 8% of its usable capacity, leaving 92%", advice.Explanation, StringComparison.Ordinal);
        string text = advice.ToString();
        Assert.Contains("partitions: 6 (minimum for the target: 6)", text, StringComparison.Ordinal);
        Assert.Contains("brokerset: B6, stride 1, headroom after placing 92%", text, StringComparison.Ordinal);
        Assert.Contains("stride advice for new on B6", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_NoRoom_ExplainsAndSizesNewBrokerset()
    {
        // Usable in 10 MB/s: the 15 MB/s per broker above does not fit anywhere. A new brokerset of n idle brokers:
        // busiest broker in = ⌈18/n⌉·5 ≤ 10 ⇔ ⌈18/n⌉ ≤ 2 ⇔ n ≥ 9; out = ⌈6/n⌉·20 ≤ 500 always.
        (Cluster cluster, PlacementSpec spec) = TwoBrokersets();
        var capacity = new BrokerCapacity { NetworkInBytesPerSecond = 10 * MB, NetworkOutBytesPerSecond = 500 * MB, MaxUtilization = 1 };

        SizingAdvice advice = new SizingAdvisor(PlacementStrategy.RackAware, capacity).Advise(spec.WithRacks(cluster), new SizingRequest("new", 30 * MB, 60 * MB));

        Assert.Null(advice.Brokerset);
        Assert.Null(advice.StrideAdvice);
        Assert.Equal(9, advice.NewBrokersetBrokers);
        Assert.Equal(6, advice.NewBrokersetPartitions);
        Assert.Equal(-0.5, advice.Brokersets[0].Headroom, 9);
        Assert.StartsWith("No brokerset has room (B6: no room: broker 1 would reach 150% of usable network in; B6b: no room:", advice.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("a new brokerset needs at least 9 idle brokers for 6 partitions.", advice.Explanation, StringComparison.Ordinal);

        // rounding to the brokerset size: P = 9 on 9 brokers, in = 3·30/9 = 10 ≤ 10; 8 brokers: P = 8, in = ⌈24/8⌉·30/8 = 11.25
        SizingAdvice rounded = new SizingAdvisor(PlacementStrategy.RackAware, capacity).Advise(spec.WithRacks(cluster), new SizingRequest("new", 30 * MB, 60 * MB, RoundToBrokersetSize: true));
        Assert.Equal(9, rounded.NewBrokersetBrokers);
        Assert.Equal(9, rounded.NewBrokersetPartitions);
    }

    [Fact]
    public void Advise_BrokersetFixesFewerPartitions_NotProposed()
    {
        (Cluster cluster, PlacementSpec spec) = TwoBrokersets();
        spec = PlacementSpec.Create(new[] { spec.Brokersets[0].WithPartitions(4), spec.Brokersets[1] }, spec.Topics).WithRacks(cluster);

        SizingAdvice advice = new SizingAdvisor(PlacementStrategy.RackAware).Advise(spec, new SizingRequest("new", 30 * MB));

        Assert.Equal("B6b", advice.Brokerset);
        Assert.False(advice.Brokersets[0].Placed);
        Assert.Equal("it fixes 4 partitions, fewer than the 6 the target needs", advice.Brokersets[0].Reason);
    }

    [Theory]
    [InlineData(0.0, 0.0, 5.0, 3, "Topic 'new': produce rate 0 MB/s must be a finite number > 0.")]
    [InlineData(10.0, -1.0, 5.0, 3, "Topic 'new': consume rate -1 MB/s must be a finite number ≥ 0.")]
    [InlineData(10.0, 0.0, 0.0, 3, "Topic 'new': per-partition target 0 MB/s must be a finite number > 0.")]
    [InlineData(10.0, 0.0, 5.0, 0, "Topic 'new': replication factor 0 is less than 1.")]
    public void Advise_InvalidRequest_ThrowsNamingTopic(double produce, double consume, double target, int rf, string expected)
    {
        (_, PlacementSpec spec) = TwoBrokersets();
        var e = Assert.Throws<ArgumentException>(() => new SizingAdvisor(PlacementStrategy.Orion).Advise(spec, new SizingRequest("new", produce * MB, consume * MB, rf, target * MB)));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_ExistingTopicName_Throws()
    {
        (_, PlacementSpec spec) = TwoBrokersets();
        var e = Assert.Throws<ArgumentException>(() => new SizingAdvisor(PlacementStrategy.Orion).Advise(spec, new SizingRequest("orders", 10 * MB)));
        Assert.StartsWith("Topic 'orders' already exists in the spec; size a new topic.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokerCapacity_Default_ReadsDocumentedDefaultsAndRejectsNegative()
    {
        BrokerCapacity d = default;
        Assert.Equal(BrokerCapacity.DefaultNetworkInBytesPerSecond, d.NetworkInBytesPerSecond);
        Assert.Equal(BrokerCapacity.DefaultNetworkOutBytesPerSecond, d.NetworkOutBytesPerSecond);
        Assert.Equal(BrokerCapacity.DefaultDiskBytes, d.DiskBytes);
        Assert.Equal(250_000_000, d.NetworkInBytesPerSecond);
        Assert.Equal(500_000_000, d.NetworkOutBytesPerSecond);
        Assert.Equal(4_000_000_000_000, d.DiskBytes);
        Assert.Equal(3_000_000_000_000, d.UsableDiskBytes);
        Assert.Equal(187_500_000, d.UsableInBytesPerSecond);
        Assert.Equal(BrokerCapacity.DefaultMaxUtilization, d.MaxUtilization);
        Assert.Equal("in 250 MB/s, out 500 MB/s, disk 4000 GB, usable 75%", d.ToString());
        Assert.Throws<ArgumentException>(() => new BrokerCapacity { DiskBytes = -1 });
        Assert.Throws<ArgumentException>(() => new BrokerCapacity { MaxUtilization = 1.5 });
    }

    [Fact]
    public void SizingAdvice_SerialisesToJson()
    {
        (Cluster cluster, PlacementSpec spec) = TwoBrokersets();
        SizingAdvice advice = new SizingAdvisor(PlacementStrategy.RackAware).Advise(spec.WithRacks(cluster), new SizingRequest("new", 30 * MB, 60 * MB));

        using JsonDocument doc = JsonDocument.Parse(JsonSerializer.Serialize(advice));

        Assert.Equal(6, doc.RootElement.GetProperty("Partitions").GetInt32());
        Assert.Equal("B6", doc.RootElement.GetProperty("Brokerset").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("Brokersets").GetArrayLength());
        Assert.Equal(187_500_000, doc.RootElement.GetProperty("Capacity").GetProperty("UsableInBytesPerSecond").GetDouble(), 3);
    }

    private static (Cluster Cluster, PlacementSpec Spec) TwoBrokersets()
    {
        var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, "az" + (((id - 1) % 3) + 1))));
        var spec = PlacementSpec.Create(
            new[] { Brokerset.Parse("B6", "1-6"), Brokerset.Parse("B6b", "7-12") },
            new[] { new TopicSpec("orders", "B6", 6, 3, 0) });
        return (cluster, spec);
    }

    private static int PartitionsOn(SizingCase c, int minimum, int n) =>
        c.Request.RoundToBrokersetSize ? (minimum + n - 1) / n * n : minimum;

    /// <summary>The model of a new brokerset, written out again: the busiest broker holds ⌈P·RF/n⌉ replicas and leads ⌈P/n⌉.</summary>
    private static bool FitsIdle(SizingCase c, int n)
    {
        int p = PartitionsOn(c, SizingAdvisor.MinimumPartitions(c.Request), n);
        int rf = c.Request.ReplicationFactor;
        double w = c.Request.ProduceBytesPerSecond / p;
        double replicas = Math.Ceiling((double)p * rf / n);
        double leaders = Math.Ceiling((double)p / n);
        double inRate = replicas * w;
        double outRate = leaders * ((c.Request.ConsumeBytesPerSecond / p) + ((rf - 1) * w));
        double disk = replicas * w * c.Request.RetentionHours * 3600;
        return inRate <= c.Capacity.UsableInBytesPerSecond * (1 + Eps) && outRate <= c.Capacity.UsableOutBytesPerSecond * (1 + Eps)
            && (c.Request.RetentionHours <= 0 || disk <= c.Capacity.UsableDiskBytes * (1 + Eps));
    }
}
