using System;
using System.Linq;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

public sealed class CreateTopicsTests
{
    private static TopicAssignment Orders() => TopicAssignment.Create("orders", 3, new[] { 1, 2, 3, 4, 5, 6, 2, 3, 4 });

    [Fact(Timeout = 30000)]
    public async Task CreateTopicsAsync_ExplicitAssignment_ClusterHasExactlyThoseReplicas()
    {
        await using AdminHarness h = await AdminHarness.StartAsync();

        await h.ClusterAdmin.CreateTopicsAsync(new[] { Orders() });

        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 4, 5, 6 }, new[] { 2, 3, 4 } }, h.Cluster.ReplicasOf("orders"));
    }

    [Fact(Timeout = 30000)]
    public async Task CreateTopicsAsync_ValidateOnly_NothingCreated()
    {
        await using AdminHarness h = await AdminHarness.StartAsync();

        await h.ClusterAdmin.CreateTopicsAsync(new[] { Orders() }, validateOnly: true);

        Assert.False(h.Cluster.Topics.ContainsKey("orders"));
    }

    [Fact(Timeout = 30000)]
    public async Task CreateTopicsAsync_TopicExists_ErrorKeepsCodeAndTopic()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders", new[] { 1, 2, 3 }));

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.CreateTopicsAsync(new[] { Orders() }));

        Assert.Equal(ErrorCode.TopicAlreadyExists, e.Code);
        Assert.Equal("orders", e.Topic);
        Assert.Contains("orders", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task CreateTopicsAsync_UnknownBroker_InvalidReplicaAssignment()
    {
        await using AdminHarness h = await AdminHarness.StartAsync();

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() =>
            h.ClusterAdmin.CreateTopicsAsync(new[] { TopicAssignment.Create("bad", 2, new[] { 1, 9 }) }));

        Assert.Equal(ErrorCode.InvalidReplicaAssignment, e.Code);
        Assert.Equal("bad", e.Topic);
    }

    [Fact(Timeout = 30000)]
    public async Task AddPartitionsAsync_TwoMore_ExistingUntouchedNewOnesAsTarget()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 4, 5, 6 }));
        // The target disagrees on partition 0 on purpose: existing partitions must stay as they are.
        TopicAssignment target = TopicAssignment.Create("orders", 3, new[] { 6, 5, 4, 4, 5, 6, 2, 3, 4, 5, 6, 1 });

        PartitionIncrease? sent = await h.ClusterAdmin.AddPartitionsAsync(target);

        Assert.NotNull(sent);
        Assert.Equal(4, sent.IncreaseTo);
        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 4, 5, 6 }, new[] { 2, 3, 4 }, new[] { 5, 6, 1 } }, h.Cluster.ReplicasOf("orders"));
    }

    [Fact(Timeout = 30000)]
    public async Task AddPartitionsAsync_ValidateOnlyOrAlreadyGrown_NothingChanges()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders", new[] { 1, 2 }));

        PartitionIncrease? validated = await h.ClusterAdmin.AddPartitionsAsync(TopicAssignment.Create("orders", 2, new[] { 1, 2, 3, 4 }), validateOnly: true);
        PartitionIncrease? none = await h.ClusterAdmin.AddPartitionsAsync(TopicAssignment.Create("orders", 2, new[] { 1, 2 }));

        Assert.NotNull(validated);
        Assert.Null(none);
        Assert.Single(h.Cluster.ReplicasOf("orders"));
    }

    [Fact(Timeout = 30000)]
    public async Task AddPartitionsAsync_UnknownTopic_ErrorKeepsCodeAndTopic()
    {
        await using AdminHarness h = await AdminHarness.StartAsync();

        KafkaAdminException e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.ClusterAdmin.AddPartitionsAsync(TopicAssignment.Create("ghost", 1, new[] { 1, 2 })));

        Assert.Equal(ErrorCode.UnknownTopicOrPart, e.Code);
        Assert.Equal("ghost", e.Topic);
    }
}
