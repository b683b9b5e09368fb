using System;
using System.Collections.Generic;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class BrokerOverridesJsonTests
{
    [Fact]
    public void Read_OrionFile_MapsPositionByPosition()
    {
        BrokerOverrides o = BrokerOverridesJson.Read(TestData.Read("orion/brokersetOverrides.json"), "brokersetOverrides.json");

        Assert.Equal(new[] { new KeyValuePair<int, int>(1, 4), new KeyValuePair<int, int>(2, 5), new KeyValuePair<int, int>(3, 6) }, o.Pairs);
    }

    [Fact]
    public void Read_OrionMismatchedFile_NamesBothLengths()
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => BrokerOverridesJson.Read(TestData.Read("orion/mismatchedRangeOverrides.json"), "mismatchedRangeOverrides.json"));

        Assert.Equal("mismatchedRangeOverrides.json: $: Broker override 1-3 → 4-5: the in-range has 3 ids but the out-range has 2; they must have the same length.", e.Message);
    }

    [Theory]
    [InlineData("""{"endBrokerIn":3,"startBrokerOut":4,"endBrokerOut":6}""", "o.json: $.startBrokerIn: required value is missing")]
    [InlineData("""{"startBrokerIn":1,"endBrokerIn":3,"startBrokerOut":4}""", "o.json: $.endBrokerOut: required value is missing")]
    [InlineData("""{"startBrokerIn":3,"endBrokerIn":1,"startBrokerOut":4,"endBrokerOut":6}""", "o.json: $.endBrokerIn: Broker id range 3-1 is reversed")]
    [InlineData("""{"startBrokerIn":1,"endBrokerIn":3,"startBrokerOut":-4,"endBrokerOut":6}""", "o.json: $.startBrokerOut: Broker id range -4-6 has a negative broker id")]
    [InlineData("""[{"startBrokerIn":1}]""", "o.json: $: expected an object")]
    public void Read_InvalidInput_MessageNamesFileAndPath(string json, string expectedPrefix)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => BrokerOverridesJson.Read(json, "o.json"));

        Assert.StartsWith(expectedPrefix, e.Message, StringComparison.Ordinal);
    }
}
