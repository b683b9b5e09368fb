using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Brokersets.Serialization;

namespace Brokersets.Tests.Serialization;

/// <summary>
/// The single-pass reader behind <see cref="ReassignmentJson.Read(string, string)"/>: it must accept exactly what
/// the DTO path accepts with the same result, and hand everything else to the DTO path (which owns the messages).
/// </summary>
public class ReassignmentJsonReaderTests
{
    // Each with the exact message of the DTO path, as it was before the single pass (pinned so that it stays so).
    public static TheoryData<string, string> Unusual() => new()
    {
        { "", "r.json: $: invalid JSON: The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true (line 1, column 1)" },
        { "null", "r.json: $: expected an object, found null" },
        { "[]", "r.json: $: expected an object (line 1, column 2)" },
        { "{}", "r.json: $.partitions: Partition reassignment list cannot be empty" },
        { "{\"partitions\":null}", "r.json: $.partitions: Partition reassignment list cannot be empty" },
        { "{\"partitions\":[]}", "r.json: $.partitions: Partition reassignment list cannot be empty" },
        { "{\"partitions\":[null]}", "r.json: $.partitions[0]: required value is missing" },
        { "{\"version\":2,\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}]}", "r.json: $.version: Not supported version field value 2" },
        { "{\"version\":1.0,\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}]}", "r.json: $.version: expected an integer (line 1, column 15)" },
        { "{\"version\":\"1\",\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}]}", "r.json: $.version: expected an integer (line 1, column 15)" },
        { "{\"partitions\":[{\"partition\":0,\"replicas\":[1]}]}", "r.json: $.partitions[0].topic: required value is missing" },
        { "{\"partitions\":[{\"topic\":null,\"partition\":0,\"replicas\":[1]}]}", "r.json: $.partitions[0].topic: required value is missing" },
        { "{\"partitions\":[{\"topic\":7,\"partition\":0,\"replicas\":[1]}]}", "r.json: $.partitions[0].topic: expected a string (line 1, column 26)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"replicas\":[1]}]}", "r.json: $.partitions[0].partition: required value is missing" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":\"0\",\"replicas\":[1]}]}", "r.json: $.partitions[0].partition: expected an integer (line 1, column 44)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0.5,\"replicas\":[1]}]}", "r.json: $.partitions[0].partition: expected an integer (line 1, column 44)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":2147483648,\"replicas\":[1]}]}", "r.json: $.partitions[0].partition: expected an integer (line 1, column 51)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":-1,\"replicas\":[1]}]}", "r.json: $.partitions[0].partition: Partition a--1: partition id -1 is negative" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0}]}", "r.json: $.partitions[0].replicas: required value is missing" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":null}]}", "r.json: $.partitions[0].replicas: required value is missing" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[]}]}", "r.json: $.partitions[0].replicas: Partition replica list cannot be empty" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1,null]}]}", "r.json: $.partitions[0].replicas[1]: expected an integer (line 1, column 61)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1,1]}]}", "r.json: $.partitions[0].replicas: Partition replica lists may not contain duplicate entries: a-0 contains multiple entries for 1" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1,-2]}]}", "r.json: $.partitions[0].replicas[1]: Partition a-0: broker id -2 is negative; broker ids are ≥ 0" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1,2],\"log_dirs\":[\"any\"]}]}", "r.json: $.partitions[0].log_dirs: Size of replicas list [1, 2] is different from size of log dirs list [any] for partition a-0" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1],\"log_dirs\":[null]}]}", "r.json: $.partitions[0].log_dirs[0]: required value is missing" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1],\"log_dirs\":\"any\"}]}", "r.json: $.partitions[0].log_dirs: expected an array (line 1, column 74)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]},{\"topic\":\"a\",\"partition\":0,\"replicas\":[2]}]}", "r.json: $.partitions[1]: Partition reassignment contains duplicate topic partitions: a-0" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}]} x", "r.json: $: invalid JSON: 'x' is invalid after a single JSON value. Expected end of data (line 1, column 61)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}]}{}", "r.json: $: invalid JSON: '{' is invalid after a single JSON value. Expected end of data (line 1, column 60)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]},]}", "r.json: $.partitions[1]: invalid JSON: The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options (line 1, column 59)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}] /* c */}", "r.json: $: invalid JSON: '/' is invalid after a value. Expected either ',', '}', or ']' (line 1, column 60)" },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1]}", "r.json: $.partitions[1]: invalid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed (line 1, column 58)" },
        { "{\"partitions\":[{\"topic\":\"\\uD800\",\"partition\":0,\"replicas\":[1]}]}", "r.json: $.partitions[0].topic: the string \\uD800 holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not text." },
        { "{\"partitions\":[{\"topic\":\"a\",\"partition\":0,\"replicas\":[1],\"log_dirs\":[\"\\uDC00\"]}]}", "r.json: $.partitions[0].log_dirs[0]: the string \\uDC00 holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not text." },
        { """{"partitions":[{"topic":"a","topic":"b","partition":0,"replicas":[1]}]}""", "r.json: $.partitions[0].topic: duplicate key 'topic': a key may appear only once in an object." },
        { """{"partitions":[{"topic":" ","partition":0,"replicas":[1]}]}""", "r.json: $.partitions[0].topic: topic ' ': character U+0020 at index 0 is not allowed; a topic name uses only ASCII letters, digits, '.', '_' and '-'." },
        { """{"partitions":[{"topic":"..","partition":0,"replicas":[1]}]}""", "r.json: $.partitions[0].topic: topic '..': a topic name must not be '.' or '..'." },
    };

    // Accepted by the serializer (an ignored $-property); the pass leaves it to it. (A repeated property is refused.)
    public static TheoryData<string> DtoPathOnly() => new()
    {
        """{"partitions":[{"topic":"a","partition":0,"replicas":[1],"$id":"1"}]}""",
    };

    public static TheoryData<string> IncompleteTopics() => new()
    {
        """{"partitions":[{"topic":"a","partition":1,"replicas":[1]}]}""",
        """{"partitions":[{"topic":"a","partition":0,"replicas":[1]},{"topic":"a","partition":2,"replicas":[2]}]}""",
        """{"partitions":[{"topic":"a","partition":0,"replicas":[1]},{"topic":"a","partition":1,"replicas":[2,3]}]}""",
    };

    [Theory]
    [MemberData(nameof(Unusual))]
    public void Unusual_LeftToTheDtoPath_WhichReportsIt(string json, string message)
    {
        Assert.Null(ReassignmentJsonReader.TryReadAssignment(json));
        Assert.False(ReassignmentJsonReader.TryReadPartitions(json, out _));
        Assert.Equal(message, Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.Read(json, "r.json")).Message);
        Assert.Equal(message, Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.Read(Encoding.UTF8.GetBytes(json), "r.json")).Message);
        Assert.Equal(message, Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.ReadPartitions(json, "r.json")).Message);
    }

    [Theory]
    [MemberData(nameof(DtoPathOnly))]
    public void AcceptedOnlyByTheSerializer_LeftToTheDtoPath_WhichReadsIt(string json)
    {
        Assert.Null(ReassignmentJsonReader.TryReadAssignment(json));
        Assert.False(ReassignmentJsonReader.TryReadPartitions(json, out _));
        Assert.Equal(1, ReassignmentJson.Read(json, "r.json").PartitionCount);
        Assert.Single(ReassignmentJson.ReadPartitions(json, "r.json"));
    }

    [Theory]
    [MemberData(nameof(IncompleteTopics))]
    public void IncompleteTopic_PartitionsFast_AssignmentLeftToTheDtoPath(string json)
    {
        Assert.Null(ReassignmentJsonReader.TryReadAssignment(json));
        Assert.True(ReassignmentJsonReader.TryReadPartitions(json, out _));
        Assert.Throws<BrokersetsFormatException>(() => ReassignmentJson.Read(json, "r.json"));
    }

    [Fact]
    public void OutOfOrderInterleavedWithLogDirsAndUnknownFields_ReadInOnePass()
    {
        const string json = """
            {"x":{"y":[1,{"z":null}],"partitions":5},"partitions":[
              {"topic":"a","partition":1,"replicas":[2,3],"extra":[[]]},
              {"replicas":[1],"partition":0,"topic":"\u0062","log_dirs":null},
              {"\u0074opic":"a","partition":0,"replicas":[3,2],"log_dirs":["any","/d\u00e9"]}
            ],"version":null}
            """;

        ClusterAssignment a = ReassignmentJsonReader.TryReadAssignment(json)!;
        Assert.NotNull(a);
        Assert.Equal(new[] { "a", "b" }, a.Topics.Select(t => t.Topic));
        Assert.Equal(new[] { 3, 2, 2, 3 }, a["a"].AsSpan().ToArray());
        Assert.Equal(2, a["a"].ReplicationFactor);
        Assert.Equal(new[] { 1 }, a["b"].AsSpan().ToArray());

        Assert.True(ReassignmentJsonReader.TryReadPartitions(Encoding.UTF8.GetBytes(json), out ImmutableArray<PartitionReassignment> entries));
        Assert.Equal(
            new[]
            {
                new PartitionReassignment("a", 1, ImmutableArray.Create(2, 3)),
                new PartitionReassignment("b", 0, ImmutableArray.Create(1)),
                new PartitionReassignment("a", 0, ImmutableArray.Create(3, 2), ImmutableArray.Create("any", "/dé")),
            },
            entries);
    }

    [Fact]
    public void ManyPartitionsShuffled_SameAsWritten()
    {
        var rng = new Random(7);
        var topics = new List<TopicAssignment>();
        for (int t = 0; t < 5; t++)
        {
            int rf = 1 + t, partitions = 50 + 700 * t;
            var replicas = new int[partitions * rf];
            for (int i = 0; i < replicas.Length; i++)
            {
                replicas[i] = (i % rf) + (rf * (i / rf % 3));
            }

            topics.Add(TopicAssignment.Create($"topic-{t}", rf, replicas));
        }

        ClusterAssignment original = ClusterAssignment.Create(topics);
        string sorted = ReassignmentJson.Write(original);
        PartitionReassignment[] entries = ReassignmentJson.ReadPartitions(sorted, "s.json").ToArray();
        string shuffled = ReassignmentJson.Write(entries.OrderBy(_ => rng.Next()).ToArray());

        foreach (string json in new[] { sorted, shuffled })
        {
            ClusterAssignment read = ReassignmentJsonReader.TryReadAssignment(json)!;
            Assert.NotNull(read);
            Assert.Equal(original.PartitionCount, read.PartitionCount);
            foreach (TopicAssignment t in original.Topics)
            {
                Assert.True(read[t.Topic].SameReplicasAs(t));
            }
        }

        Assert.True(ReassignmentJsonReader.TryReadPartitions(shuffled, out ImmutableArray<PartitionReassignment> fast));
        Assert.Equal(entries.Length, fast.Length);
        Assert.Equal(entries.ToHashSet(), fast.ToHashSet());
    }
}
