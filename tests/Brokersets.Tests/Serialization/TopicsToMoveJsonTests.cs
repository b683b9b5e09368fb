using System;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class TopicsToMoveJsonTests
{
    [Fact]
    public void Read_KafkaExample_ListsTopicsInOrder()
    {
        Assert.Equal(new[] { "orders", "payments" }, TopicsToMoveJson.Read(TestData.Read("kafka/topics-to-move.json"), "topics-to-move.json"));
    }

    [Fact]
    public void Write_Topics_CompactKafkaForm()
    {
        Assert.Equal("""{"version":1,"topics":[{"topic":"orders"},{"topic":"payments"}]}""", TopicsToMoveJson.Write(new[] { "orders", "payments" }));
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        string[] topics = { "b", "a.x", "c-1" };

        Assert.Equal(topics, TopicsToMoveJson.Read(TopicsToMoveJson.Write(topics), "t.json"));
    }

    [Fact]
    public void Read_NoVersion_DefaultsToOne()
    {
        Assert.Equal(new[] { "a" }, TopicsToMoveJson.Read("""{"topics":[{"topic":"a","other":1}]}""", "t.json"));
    }

    [Theory]
    [InlineData("""{"version":2,"topics":[{"topic":"a"}]}""", "t.json: $.version: Not supported version field value 2")]
    [InlineData("""{"version":1,"topics":[{"topic":"a"},{"topic":"b"},{"topic":"a"}]}""", "t.json: $.topics: List of topics to reassign contains duplicate entries: [a]")]
    [InlineData("""{"version":1}""", "t.json: $.topics: required value is missing")]
    [InlineData("""{"version":1,"topics":[{}]}""", "t.json: $.topics[0].topic: required value is missing")]
    public void Read_InvalidInput_KafkaMessageWithPath(string json, string expected)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => TopicsToMoveJson.Read(json, "t.json"));

        Assert.Equal(expected, e.Message);
    }
}
