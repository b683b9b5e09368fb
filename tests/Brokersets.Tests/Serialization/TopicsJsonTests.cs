using System;
using System.Collections.Immutable;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class TopicsJsonTests
{
    [Fact]
    public void Read_OrionFile_AppliesDefaultsAndIgnoresUnknownFields()
    {
        ImmutableArray<TopicSpec> topics = TopicsJson.Read(TestData.Read("orion/topics.json"), "topics.json");

        Assert.Equal(
            new[]
            {
                new TopicSpec("clicks", "Capacity_B3_P3_0", 0, 3, 0),
                new TopicSpec("views", "Capacity_B12_P24_0", 0, 3, 2),
                new TopicSpec("logs", "Capacity_B12_P24_0", 12, 2, 0),
            },
            topics);
    }

    [Fact]
    public void Read_OrionFiles_PlaceWithOrionFormula()
    {
        ImmutableArray<Brokerset> sets = BrokersetsJson.Read(TestData.Read("orion/brokersets.json"), "brokersets.json");
        ImmutableArray<TopicSpec> topics = TopicsJson.Read(TestData.Read("orion/topics.json"), "topics.json");

        ClusterAssignment a = PlacementStrategy.Orion.PlaceAll(PlacementSpec.Create(sets, topics));

        // views: B = 19..24,7..12 (n = 12), stride 2, k = 3: step 7; the brokerset's 24 partitions win.
        Assert.Equal(24, a["views"].PartitionCount);
        Assert.Equal(new[] { 19, 8, 21 }, a["views"][0].ToArray());
        Assert.Equal(new[] { 20, 9, 22 }, a["views"][1].ToArray());
    }

    [Theory]
    [InlineData("""[{"brokerset":"B"}]""", "topics.json: $[0].topicName: required value is missing")]
    [InlineData("""[{"topicName":"t"}]""", "topics.json: $[0].brokerset: required value is missing")]
    [InlineData("""[{"topicName":" ","brokerset":"B"}]""", "topics.json: $[0].topicName: a topic needs a name.")]
    [InlineData("""[{"topicName":"t","brokerset":"B","replicationFactor":0}]""", "topics.json: $[0].replicationFactor: topic 't': replication factor 0 is less than 1.")]
    [InlineData("""[{"topicName":"t","brokerset":"B","stride":-1}]""", "topics.json: $[0].stride: topic 't': stride -1 is negative.")]
    [InlineData("""[{"topicName":"t","brokerset":"B","partitions":-5}]""", "topics.json: $[0].partitions: topic 't': partition count -5 is negative; leave it out or use 0 to take the brokerset's.")]
    [InlineData("""[{"topicName":"t","brokerset":"B"},{"topicName":"t","brokerset":"B"}]""", "topics.json: $[1].topicName: topic 't' is defined twice (also at $[0]).")]
    [InlineData("""[{"topicName":"t","brokerset":"B","stride":1.5}]""", "topics.json: $[0].stride: expected an integer")]
    [InlineData("""[{"topicName":7,"brokerset":"B"}]""", "topics.json: $[0].topicName: expected a string")]
    public void Read_InvalidInput_MessageNamesFileAndPath(string json, string expectedPrefix)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => TopicsJson.Read(json, "topics.json"));

        Assert.StartsWith(expectedPrefix, e.Message, StringComparison.Ordinal);
    }
}
