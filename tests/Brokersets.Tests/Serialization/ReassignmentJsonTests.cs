using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

public class ReassignmentJsonTests
{
    private static ClusterAssignment OrdersAndPayments() => ClusterAssignment.Create(new[]
    {
        // Given out of name order: the writer sorts by topic, then partition.
        TopicAssignment.Create("payments", 2, new[] { 4, 3, 2, 4 }),
        TopicAssignment.Create("orders", 3, new[] { 3, 4, 2, 4, 2, 3, 2, 3, 4 }),
    });

    [Fact]
    public void Write_Assignment_ExactKafkaCompactForm()
    {
        Assert.Equal(
            """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[3,4,2]},{"topic":"orders","partition":1,"replicas":[4,2,3]},{"topic":"orders","partition":2,"replicas":[2,3,4]},{"topic":"payments","partition":0,"replicas":[4,3]},{"topic":"payments","partition":1,"replicas":[2,4]}]}""",
            ReassignmentJson.Write(OrdersAndPayments()));
    }

    [Fact]
    public void Write_EntriesWithAnyLogDirs_ReproducesKafkaToolOutputByteForByte()
    {
        ImmutableArray<PartitionReassignment> entries = ReassignmentJson.ReadPartitions(TestData.Read("kafka/reassignment-v1.json"), "reassignment-v1.json");

        Assert.Equal(TestData.Read("kafka/reassignment-v1-compact.json").TrimEnd(), ReassignmentJson.Write(entries));
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        ClusterAssignment original = OrdersAndPayments();

        ClusterAssignment read = ReassignmentJson.Read(ReassignmentJson.Write(original), "r.json");

        Assert.Equal(new[] { "orders", "payments" }, read.Topics.Select(t => t.Topic));
        Assert.True(read["orders"].SameReplicasAs(original["orders"]));
        Assert.True(read["payments"].SameReplicasAs(original["payments"]));
    }

    [Fact]
    public void Read_PrettyAndCompactExamples_SameEntries()
    {
        var pretty = ReassignmentJson.ReadPartitions(TestData.Read("kafka/reassignment-v1.json"), "a.json");
        var compact = ReassignmentJson.ReadPartitions(Encoding.UTF8.GetBytes(TestData.Read("kafka/reassignment-v1-compact.json")), "b.json");

        Assert.True(pretty.SequenceEqual(compact));
        Assert.Equal(pretty[4], compact[4]);
        Assert.Equal(new PartitionReassignment("orders", 0, ImmutableArray.Create(3, 4, 2), ImmutableArray.Create("any", "any", "any")), pretty[0]);
    }

    [Fact]
    public void Read_MinimalExample_VersionAndLogDirsOptional()
    {
        ClusterAssignment a = ReassignmentJson.Read(TestData.Read("kafka/reassignment-v1-minimal.json"), "minimal.json");

        TopicAssignment orders = Assert.Single(a.Topics);
        Assert.Equal(new[] { 4, 2, 3 }, orders[0].ToArray());
        Assert.Equal(new[] { 2, 3, 4 }, orders[1].ToArray());
        Assert.Equal(new[] { 3, 1, 2 }, orders[2].ToArray());
    }

    [Fact]
    public void ReadPartitions_AbsoluteLogDirs_Kept()
    {
        var entries = ReassignmentJson.ReadPartitions(TestData.Read("kafka/reassignment-v1-logdirs.json"), "logdirs.json");

        Assert.Equal(new[] { "/data/disk1/kafka", "any", "/data/disk2/kafka" }, entries[1].LogDirs);
    }

    [Fact]
    public void Read_PartialTopic_RefusedWithHint()
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.Read("""{"partitions":[{"topic":"a","partition":0,"replicas":[1]},{"topic":"a","partition":2,"replicas":[2]}]}""", "r.json"));

        Assert.Equal("r.json: $.partitions: topic 'a' lists partitions 0, 2 but not partition 1; a complete assignment needs partitions 0..2 (read a partial reassignment with ReadPartitions).", e.Message);
    }

    [Fact]
    public void Read_MixedReplicationFactors_RefusedAtTopic()
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.Read("""{"partitions":[{"topic":"a","partition":0,"replicas":[1,2]},{"topic":"a","partition":1,"replicas":[2]}]}""", "r.json"));

        Assert.Equal("r.json: $.partitions[0]: Topic 'a': partition 1 has 1 replicas but partition 0 has 2; every partition needs the same replication factor.", e.Message);
    }

    [Theory]
    [InlineData("unsupported-version.json", "$.version", "Not supported version field value 2")]
    [InlineData("log-dirs-size-mismatch.json", "$.partitions[0].log_dirs", "Size of replicas list [1, 2] is different from size of log dirs list [any] for partition orders-0")]
    [InlineData("empty-partition-list.json", "$.partitions", "Partition reassignment list cannot be empty")]
    [InlineData("empty-replica-list.json", "$.partitions[0].replicas", "Partition replica list cannot be empty")]
    [InlineData("duplicate-partition.json", "$.partitions[1]", "Partition reassignment contains duplicate topic partitions: orders-0")]
    [InlineData("duplicate-replica.json", "$.partitions[0].replicas", "Partition replica lists may not contain duplicate entries: orders-0 contains multiple entries for 1")]
    public void ReadPartitions_KafkaInvalidExample_KafkaMessageWithFileAndPath(string file, string path, string kafkaMessage)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.ReadPartitions(TestData.Read("kafka/invalid/" + file), file));

        Assert.Equal($"{file}: {path}: {kafkaMessage}", e.Message);
    }

    [Fact]
    public void ReadPartitions_UnknownBrokerExample_AcceptedWithoutCluster()
    {
        var entries = ReassignmentJson.ReadPartitions(TestData.Read("kafka/invalid/unknown-broker.json"), "unknown-broker.json");

        Assert.Equal(new[] { 1, 2, 9 }, Assert.Single(entries).Replicas);
    }

    [Theory]
    [InlineData("""{"partitions":[{"topic":"a","partition":0,"replicas":[1,-2]}]}""", "r.json: $.partitions[0].replicas[1]: Partition a-0: broker id -2 is negative; broker ids are ≥ 0")]
    [InlineData("""{"partitions":[{"topic":"a","partition":-1,"replicas":[1]}]}""", "r.json: $.partitions[0].partition: Partition a--1: partition id -1 is negative")]
    [InlineData("""{"partitions":[{"partition":0,"replicas":[1]}]}""", "r.json: $.partitions[0].topic: required value is missing")]
    [InlineData("""{"partitions":[{"topic":"a","replicas":[1]}]}""", "r.json: $.partitions[0].partition: required value is missing")]
    [InlineData("""{"partitions":[{"topic":"a","partition":0}]}""", "r.json: $.partitions[0].replicas: required value is missing")]
    [InlineData("""{"partitions":[{"topic":"a","partition":0,"replicas":[1,2],"log_dirs":["any",null]}]}""", "r.json: $.partitions[0].log_dirs[1]: required value is missing")]
    [InlineData("""{}""", "r.json: $.partitions: Partition reassignment list cannot be empty")]
    [InlineData("""{"version":2,"partitions":[]}""", "r.json: $.version: Not supported version field value 2")]
    [InlineData("""{"partitions":[{"topic":"a","partition":0,"replicas":[1,1]},{"topic":"a","partition":1,"replicas":[2,3,2]}]}""",
        "r.json: $.partitions[0].replicas: Partition replica lists may not contain duplicate entries: a-0 contains multiple entries for 1. a-1 contains multiple entries for 2")]
    public void ReadPartitions_InvalidInput_MessageWithPath(string json, string expected)
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.ReadPartitions(json, "r.json"));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void ReadPartitions_SyntaxError_NamesFileAndLine()
    {
        var e = Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.ReadPartitions("{\"version\":1,\n\"partitions\":[x]}", "r.json"));

        Assert.StartsWith("r.json: $.partitions[0]: invalid JSON: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("(line 2, column", e.Message, StringComparison.Ordinal);
    }
}
