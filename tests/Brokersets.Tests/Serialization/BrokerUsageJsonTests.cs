using System;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class BrokerUsageJsonTests
{
    [Fact]
    public void Read_FiguresOptional_MissingIsZero()
    {
        var usage = BrokerUsageJson.Read("""{"brokers":[{"id":4,"inMBps":40.5,"outMBps":95,"diskGB":1200},{"id":1,"host":"ignored"}]}""", "usage.json");

        Assert.Equal(new[] { new BrokerUsage(4, 40.5, 95, 1200), new BrokerUsage(1, 0, 0, 0) }, usage);
    }

    [Theory]
    [InlineData("""{}""", "usage.json: $.brokers: required value is missing")]
    [InlineData("""{"brokers":[{"inMBps":1}]}""", "usage.json: $.brokers[0].id: required value is missing")]
    [InlineData("""{"brokers":[{"id":-1}]}""", "usage.json: $.brokers[0].id: broker id -1 is negative; broker ids are ≥ 0.")]
    [InlineData("""{"brokers":[{"id":1},{"id":1}]}""", "usage.json: $.brokers[1].id: broker 1 is listed twice (also at $.brokers[0]).")]
    [InlineData("""{"brokers":[{"id":1,"diskGB":-5}]}""", "usage.json: $.brokers[0].diskGB: -5 is negative; usage figures are ≥ 0.")]
    [InlineData("""{"brokers":[{"id":1,"inMBps":"x"}]}""", "usage.json: $.brokers[0].inMBps: expected a number")]
    public void Read_InvalidInput_MessageNamesFileAndPath(string json, string expectedPrefix)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => BrokerUsageJson.Read(json, "usage.json"));

        Assert.StartsWith(expectedPrefix, e.Message, StringComparison.Ordinal);
    }
}
