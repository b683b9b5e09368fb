using System;
using System.Collections.Immutable;
using System.Linq;
using Brokersets;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Reassignment;

public class ReassignmentDiffTests
{
    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Apply_GeneratedPair_YieldsTarget(AssignmentPair pair)
    {
        ReassignmentDiff diff = ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes);
        ClusterAssignment applied = diff.Apply(pair.Current);
        return applied.Topics.Length == pair.Target.Topics.Length &&
               applied.Topics.Zip(pair.Target.Topics).All(x => x.First.SameReplicasAs(x.Second));
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ReassignmentGenerators) })]
    public bool Totals_GeneratedPair_MatchRows(AssignmentPair pair)
    {
        ReassignmentDiff diff = ReassignmentDiff.Create(pair.Current, pair.Target, pair.Sizes);
        long bytes = diff.Changes.Sum(c => c.Added.Length * c.Bytes!.Value);
        return diff.ReplicasMoved == diff.Changes.Sum(c => c.Added.Length) &&
               diff.ReplicasRemoved == diff.Changes.Sum(c => c.Removed.Length) &&
               diff.BytesMoved == bytes &&
               diff.Brokers.Sum(b => b.BytesIn) == bytes &&
               diff.Brokers.Sum(b => b.BytesOut) == bytes &&
               diff.Brokers.Sum(b => b.ReplicasIn) == diff.ReplicasMoved &&
               diff.Changes.All(c => c.Kept.Length + c.Added.Length == c.Target.Length && c.Kept.Length + c.Removed.Length == c.Current.Length);
    }

    [Fact]
    public void Create_ReplacedFollowerAndReorder_ReportsEachPartition()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2, 6 }, new[] { 3, 2, 4 }, new[] { 3, 4, 5 }) });
        var diff = ReassignmentDiff.Create(current, target, PartitionSizes.Uniform(1000));

        Assert.Equal(2, diff.PartitionsTouched);
        Assert.Equal(1, diff.ReplicasMoved);
        Assert.Equal(1, diff.ReplicasRemoved);
        Assert.Equal(1, diff.LeaderChanges);
        Assert.Equal(1, diff.OrderOnlyChanges);
        Assert.Equal(1000, diff.BytesMoved);
        PartitionChange p0 = diff.Changes[0];
        Assert.Equal(new[] { 6 }, p0.Added);
        Assert.Equal(new[] { 3 }, p0.Removed);
        Assert.Equal(new[] { 1, 2 }, p0.Kept);
        Assert.False(p0.LeaderChanged);
        PartitionChange p1 = diff.Changes[1];
        Assert.True(p1.OrderOnly);
        Assert.True(p1.LeaderChanged);
        Assert.Contains(diff.Brokers, b => b == new BrokerTraffic(1, 0, 0, 1, 0, 1000));
        Assert.Contains(diff.Brokers, b => b == new BrokerTraffic(6, 1, 0, 0, 1000, 0));
        Assert.Contains("orders", diff.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TargetPartitionMissing_ThrowsNamingTopicAndPartition()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }, new[] { 2, 1 }) });
        var e = Assert.Throws<ArgumentException>(() => ReassignmentDiff.Create(current, target));
        Assert.StartsWith("Topic 'orders', partition 1 is in the target but not in the current assignment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TargetTopicMissing_ThrowsNamingTopic()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("clicks", new[] { 1, 2 }) });
        var e = Assert.Throws<ArgumentException>(() => ReassignmentDiff.Create(current, target));
        Assert.StartsWith("Topic 'clicks', partition 0 is in the target but not in the current assignment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TopicOnlyInCurrent_IsReportedAndKept()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }), ReassignmentGenerators.TopicOf("clicks", new[] { 3, 4 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 2, 1 }) });
        var diff = ReassignmentDiff.Create(current, target);
        Assert.Equal(new[] { "clicks" }, diff.TopicsOnlyInCurrent);
        Assert.Contains("topics only in current (unchanged): clicks", diff.ToString(), StringComparison.Ordinal);
        ClusterAssignment applied = diff.Apply(current);
        Assert.True(applied["clicks"].SameReplicasAs(current["clicks"]));
        Assert.True(applied["orders"].SameReplicasAs(target["orders"]));
    }

    [Fact]
    public void Create_PartialRfChange_Throws()
    {
        var current = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }, new[] { 2, 3 }) });
        var target = ClusterAssignment.Create(new[] { ReassignmentGenerators.TopicOf("orders", new[] { 1, 2, 3 }) });
        var e = Assert.Throws<ArgumentException>(() => ReassignmentDiff.Create(current, target));
        Assert.Contains("covers only partitions 0..0 of 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownSizes_BytesUnknown()
    {
        var diff = ReassignmentDiff.Create(ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }), ReassignmentGenerators.TopicOf("orders", new[] { 1, 3 }));
        Assert.Null(diff.BytesMoved);
        Assert.Null(diff.Changes[0].Bytes);
    }

    [Fact]
    public void Apply_OtherBaseline_ThrowsNamingPartition()
    {
        var diff = ReassignmentDiff.Create(ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }, new[] { 2, 3 }), ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }, new[] { 2, 4 }));
        var e = Assert.Throws<ArgumentException>(() => diff.Apply(ReassignmentGenerators.TopicOf("orders", new[] { 1, 2 }, new[] { 3, 2 })));
        Assert.StartsWith("Topic 'orders', partition 1: the assignment differs", e.Message, StringComparison.Ordinal);
    }
}
