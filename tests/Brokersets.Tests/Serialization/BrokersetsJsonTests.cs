using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class BrokersetsJsonTests
{
    [Fact]
    public void Read_OrionFile_KeepsRangeOrderAndPartitions()
    {
        ImmutableArray<Brokerset> sets = BrokersetsJson.Read(TestData.Read("orion/brokersets.json"), "brokersets.json");

        Assert.Equal(2, sets.Length);
        Assert.Equal("Capacity_B3_P3_0", sets[0].Name);
        Assert.Equal(3, sets[0].Partitions);
        Assert.Equal(new[] { 1, 2, 3 }, sets[0].BrokerIds);
        Assert.Equal("Capacity_B12_P24_0", sets[1].Name);
        Assert.Equal(24, sets[1].Partitions);
        Assert.Equal(new[] { 19, 20, 21, 22, 23, 24, 7, 8, 9, 10, 11, 12 }, sets[1].BrokerIds);
    }

    [Fact]
    public void Read_Utf8Bytes_SameAsText()
    {
        string json = """[{"brokersetAlias":"B","entries":[{"startBrokerIdx":4,"endBrokerIdx":5},{"startBrokerIdx":1,"endBrokerIdx":1}]}]""";

        Brokerset set = Assert.Single(BrokersetsJson.Read(Encoding.UTF8.GetBytes(json), "b.json"));

        Assert.Equal(new[] { 4, 5, 1 }, set.BrokerIds);
        Assert.Equal(0, set.Partitions);
    }

    [Fact]
    public void Read_ZeroPartitions_MeansNone()
    {
        Brokerset set = Assert.Single(BrokersetsJson.Read("""[{"brokersetAlias":"B","partitions":0,"entries":[{"startBrokerIdx":1,"endBrokerIdx":3}]}]""", "b.json"));

        Assert.Equal(0, set.Partitions);
    }

    [Fact]
    public void Read_OrionBadRangeFile_NamesFileAndPath()
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => BrokersetsJson.Read(TestData.Read("orion/brokersetWithBadRange.json"), "brokersetWithBadRange.json"));

        Assert.Equal("brokersetWithBadRange.json: $[0].entries[0].endBrokerIdx: Broker id range 3-1 is reversed: the first id must not exceed the last.", e.Message);
        Assert.Equal("brokersetWithBadRange.json", e.SourceName);
        Assert.Equal("$[0].entries[0].endBrokerIdx", e.JsonPath);
    }

    [Theory]
    [InlineData("""[{"brokersetAlias":"A","entries":[{"startBrokerIdx":1,"endBrokerIdx":2}]},{"brokersetAlias":"B","entries":[{"startBrokerIdx":1,"endBrokerIdx":"6"}]}]""",
        "brokersets.json: $[1].entries[0].endBrokerIdx: expected an integer")]
    [InlineData("""[{"entries":[{"startBrokerIdx":1,"endBrokerIdx":2}]}]""", "brokersets.json: $[0].brokersetAlias: required value is missing")]
    [InlineData("""[{"brokersetAlias":"A"}]""", "brokersets.json: $[0].entries: required value is missing")]
    [InlineData("""[{"brokersetAlias":"A","entries":[]}]""", "brokersets.json: $[0].entries: brokerset 'A' has no entries; it needs at least one broker id range.")]
    [InlineData("""[{"brokersetAlias":"A","entries":[{"startBrokerIdx":1}]}]""", "brokersets.json: $[0].entries[0].endBrokerIdx: required value is missing")]
    [InlineData("""[{"brokersetAlias":"A","entries":[null]}]""", "brokersets.json: $[0].entries[0]: required value is missing")]
    [InlineData("""[null]""", "brokersets.json: $[0]: required value is missing")]
    [InlineData("""null""", "brokersets.json: $: expected an array of brokersets, found null")]
    [InlineData("""{"brokersetAlias":"A"}""", "brokersets.json: $: expected an array")]
    [InlineData("""[{"brokersetAlias":"A","entries":[{"startBrokerIdx":-1,"endBrokerIdx":2}]}]""",
        "brokersets.json: $[0].entries[0].startBrokerIdx: Broker id range -1-2 has a negative broker id; broker ids are ≥ 0.")]
    [InlineData("""[{"brokersetAlias":"A","entries":[{"startBrokerIdx":1,"endBrokerIdx":3},{"startBrokerIdx":3,"endBrokerIdx":4}]}]""",
        "brokersets.json: $[0].entries: Brokerset 'A': broker 3 is in two ranges (1-3 and 3-4).")]
    [InlineData("""[{"brokersetAlias":"A","partitions":-2,"entries":[{"startBrokerIdx":1,"endBrokerIdx":3}]}]""",
        "brokersets.json: $[0].partitions: brokerset 'A': partition count -2 is negative; leave it out or use 0 for none.")]
    [InlineData("""[{"brokersetAlias":"A","entries":[{"startBrokerIdx":1,"endBrokerIdx":3}]},{"brokersetAlias":"A","entries":[{"startBrokerIdx":4,"endBrokerIdx":6}]}]""",
        "brokersets.json: $[1].brokersetAlias: brokerset 'A' is defined twice (also at $[0]).")]
    public void Read_InvalidInput_MessageNamesFileAndPath(string json, string expectedPrefix)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => BrokersetsJson.Read(json, "brokersets.json"));

        Assert.StartsWith(expectedPrefix, e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SyntaxError_NamesFileLineAndColumn()
    {
        string json = "[\n  {\"brokersetAlias\": \"A\",\n   \"entries\": [{\"startBrokerIdx\": 1 \"endBrokerIdx\": 2}]}\n]";

        var e = Assert.Throws<BrokersetsFormatException>(() => BrokersetsJson.Read(json, "brokersets.json"));

        Assert.StartsWith("brokersets.json: $[0].entries[0]: invalid JSON: ", e.Message, System.StringComparison.Ordinal);
        Assert.EndsWith("(line 3, column 37)", e.Message, System.StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException);
    }

    [Fact]
    public void Read_ValidFile_PlacesLikeTheModel()
    {
        Brokerset fromFile = Assert.Single(BrokersetsJson.Read("""[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""", "b.json"));
        Brokerset fromModel = Brokerset.FromRanges("B6", new[] { new BrokerIdRange(1, 6) });

        Assert.True(fromFile.BrokerIds.SequenceEqual(fromModel.BrokerIds));
    }
}
