using System;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class ClusterJsonTests
{
    [Fact]
    public void Read_BrokersWithAndWithoutRacks_KeepsOrderAndRacks()
    {
        Cluster c = ClusterJson.Read("""{"brokers":[{"id":4,"rack":"us-east-1a"},{"id":1},{"id":2,"rack":null,"host":"ignored"}]}""", "cluster.json");

        Assert.Equal(new[] { new Broker(4, "us-east-1a"), new Broker(1), new Broker(2) }, c.Brokers);
    }

    [Fact]
    public void Read_DocsExample_SixBrokersInThreeRacksPlusSpare()
    {
        Cluster c = ClusterJson.Read(System.IO.File.ReadAllText(TestData.RepositoryFile("docs", "examples", "cluster.json")), "cluster.json");

        Assert.Equal(7, c.Brokers.Length);
        Assert.Equal(new[] { "AZ1", "AZ2", "AZ3" }, c.Racks);
        Assert.Equal("AZ3", c.RackOf(7));
    }

    [Theory]
    [InlineData("""{}""", "cluster.json: $.brokers: required value is missing")]
    [InlineData("""{"brokers":[{"rack":"a"}]}""", "cluster.json: $.brokers[0].id: required value is missing")]
    [InlineData("""{"brokers":[{"id":1},{"id":-2}]}""", "cluster.json: $.brokers[1].id: broker id -2 is negative; broker ids are ≥ 0.")]
    [InlineData("""{"brokers":[{"id":1},{"id":2},{"id":1}]}""", "cluster.json: $.brokers[2].id: broker 1 is listed twice (also at $.brokers[0]).")]
    [InlineData("""{"brokers":[{"id":1,"rack":""}]}""", "cluster.json: $.brokers[0].rack: broker 1 has an empty rack name; leave the rack out when it is unknown.")]
    [InlineData("""{"brokers":[{"id":1,"rack":5}]}""", "cluster.json: $.brokers[0].rack: expected a string")]
    [InlineData("""{"brokers":{"id":1}}""", "cluster.json: $.brokers: expected an array")]
    public void Read_InvalidInput_MessageNamesFileAndPath(string json, string expectedPrefix)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => ClusterJson.Read(json, "cluster.json"));

        Assert.StartsWith(expectedPrefix, e.Message, StringComparison.Ordinal);
    }
}
