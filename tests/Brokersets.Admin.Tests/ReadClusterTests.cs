using System.Linq;
using System.Threading.Tasks;

namespace Brokersets.Admin.Tests;

public sealed class ReadClusterTests
{
    [Fact(Timeout = 30000)]
    public async Task ReadClusterAsync_SixBrokersTwoTopics_BrokersRacksAndReplicas()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 4, 5, 6 });
            c.AddTopic("events", new[] { 6, 1 });
            c.AddTopic("__consumer_offsets", new[] { 1, 2, 3 });
        });

        ObservedCluster observed = await h.ClusterAdmin.ReadClusterAsync();

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, observed.Cluster.Brokers.Select(b => b.Id));
        Assert.Equal("az-a", observed.Cluster.RackOf(4));
        Assert.Equal("az-c", observed.Cluster.RackOf(3));
        Assert.Equal(1, observed.Description.ControllerId);
        Assert.Equal(new[] { "events", "orders" }, observed.Assignment.Topics.Select(t => t.Topic).Order());
        Assert.Equal(new[] { 4, 5, 6 }, observed.Assignment["orders"][1].ToArray());
        Assert.Equal(new[] { 6, 1 }, observed.Assignment["events"][0].ToArray());
        Assert.Empty(observed.TopicsInFlux);
    }

    [Fact(Timeout = 30000)]
    public async Task ReadClusterAsync_TopicMidMove_ReportedInFlux()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            c.AddTopic("moving", new[] { 1, 2 }, new[] { 3, 4 });
            c.StartMove("moving", 0, 5, 6);
        });

        ObservedCluster observed = await h.ClusterAdmin.ReadClusterAsync();

        Assert.Equal(new[] { "moving" }, observed.TopicsInFlux);
        Assert.Equal(new[] { 5, 6, 1, 2 }, observed.Partitions.Single(p => p.Partition == 0).Replicas);
    }
}
