using System;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class BrokerUsageJsonTests
{
    [Fact]
    public void Read_FiguresOptional_MissingIsZero()
    {
        var usage = BrokerUsageJson.Read("""{"brokers":[{"id":4,"inMBps":40.5,"outMBps":95,"diskGB":1200},{"id":1,"host":"ignored"}]}""", "usage.json");

        // the file is in decimal MB/s and GB, BrokerUsage in bytes/s and bytes: 40.5 MB/s = 40,500,000 B/s, 1200 GB = 1.2·10^12 B
        Assert.Equal(new[] { new BrokerUsage(4, 40_500_000, 95_000_000, 1_200_000_000_000), new BrokerUsage(1, 0, 0, 0) }, usage);
    }

    [Theory]
    [InlineData("""{"brokers":[{"id":1,"inMBps":100,"outMBps":250,"diskGB":1.5}]}""", 100_000_000.0, 250_000_000.0, 1_500_000_000L)]
    [InlineData("""{"brokers":[{"id":1,"inMBps":0.000001,"outMBps":1000000000,"diskGB":1000000000}]}""", 1.0, 1e15, 1_000_000_000_000_000_000L)]
    [InlineData("""{"brokers":[{"id":1,"inMBps":1.1,"outMBps":0.1,"diskGB":0.000000001}]}""", 1_100_000.0, 100_000.0, 1L)]
    public void Read_DecimalMBpsAndGB_AreBytesPerSecondAndBytes(string json, double inBytesPerSecond, double outBytesPerSecond, long diskBytes)
    {
        BrokerUsage u = Assert.Single(BrokerUsageJson.Read(json, "usage.json"));

        Assert.Equal(inBytesPerSecond, u.NetworkInBytesPerSecond, 6);
        Assert.Equal(outBytesPerSecond, u.NetworkOutBytesPerSecond, 6);
        Assert.Equal(diskBytes, u.DiskBytes);
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
