using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>
/// Byte-level vectors for AlterPartitionReassignments v0 (key 45) and ListPartitionReassignments v0 (key 46), written
/// by hand from Kafka's message definitions (clients/src/main/resources/common/message/*PartitionReassignments*.json;
/// both flexible from v0: compact strings and arrays are uvarint(length + 1), 0 = null; every struct ends with an
/// empty tagged-field section 0x00). The client's requests and the test broker's responses are each compared with
/// them, and each side decodes the other side's hand-written bytes, so a bug shared by client and broker shows.
/// </summary>
public sealed class Kip455WireVectorTests
{
    // Request header v2: int16 api_key, int16 api_version, int32 correlation_id, client_id as a classic
    // (int16-length) string, then tagged fields.
    private const string ClientId = "0010" + "62726f6b6572736574732d61646d696e"; // "brokersets-admin"
    private const string Orders = "07" + "6f7264657273"; // compact string "orders" (6 + 1)

    private static byte[] Hex(string hex) => Convert.FromHexString(new string(hex.Where(char.IsAsciiHexDigit).ToArray()));

    private static async Task<TestKafkaCluster> StartV0Async()
    {
        TestKafkaCluster cluster = await TestKafkaCluster.StartSixBrokersAsync();
        cluster.VersionLimits[ApiKeys.AlterPartitionReassignments] = (0, 0);
        cluster.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 });
        cluster.MoveTicks = 1_000_000;
        return cluster;
    }

    private static PartitionReassignmentClient Client(TestKafkaCluster cluster) =>
        new(KafkaConnectionSettings.FromConfig(AdminHarness.Config(cluster.BootstrapServers))); // timeout_ms = socket.timeout.ms = 2000

    private static byte[] LastFrame(TestKafkaCluster cluster, short apiKey) =>
        cluster.RawRequests.Last(f => BinaryPrimitives.ReadInt16BigEndian(f) == apiKey);

    [Fact(Timeout = 30000)]
    public async Task AlterV0Request_ClientBytes_MatchHandWrittenVector()
    {
        await using TestKafkaCluster cluster = await StartV0Async();
        await using PartitionReassignmentClient client = Client(cluster);

        await client.AlterAsync(new List<(string, int, IReadOnlyList<int>?)> { ("orders", 0, new[] { 4, 5, 6 }), ("orders", 1, null) }, CancellationToken.None);

        byte[] expected = Hex(
            "002D 0000 00000002" + ClientId + "00" + // header: key 45, v0, correlation 2 (1 was ApiVersions)
            "000007D0" +                              // timeout_ms 2000
            "02" + Orders +                           // topics: 1; name
            "03" +                                    // partitions: 2
            "00000000 04 00000004 00000005 00000006 00" + // index 0, replicas [4,5,6], tags
            "00000001 00 00" +                        // index 1, replicas null (cancel), tags
            "00" +                                    // topic tags
            "00");                                    // request tags
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(LastFrame(cluster, ApiKeys.AlterPartitionReassignments)));
    }

    [Fact(Timeout = 30000)]
    public async Task AlterV0Response_HandWrittenBytes_DecodedByClient()
    {
        await using TestKafkaCluster cluster = await StartV0Async();
        cluster.ArmFault(new TestFault
        {
            ApiKey = ApiKeys.AlterPartitionReassignments,
            Kind = TestFaultKind.RawResponse,
            Body = Hex(
                "00000000 0000 00" +          // throttle_time_ms, error_code, error_message null (v0: no AllowReplicationFactorChange)
                "02" + Orders + "03" +        // responses: 1 topic, 2 partitions
                "00000000 0000 00 00" +       // index 0, no error, message null, tags
                "00000001 0055 05 6e6f6e65 00" + // index 1, NO_REASSIGNMENT_IN_PROGRESS (85), message "none", tags
                "00 00"),                     // topic tags, response tags
        });
        await using PartitionReassignmentClient client = Client(cluster);

        var errors = await client.AlterAsync(new List<(string, int, IReadOnlyList<int>?)> { ("orders", 0, new[] { 4, 5, 6 }), ("orders", 1, null) }, CancellationToken.None);

        KafkaPartitionError e = Assert.Single(errors);
        Assert.Equal(new KafkaPartitionError("orders", 1, ErrorCode.NoReassignmentInProgress, "none"), e);
    }

    [Fact(Timeout = 30000)]
    public async Task ListV0Request_ClientBytes_MatchHandWrittenVector()
    {
        await using TestKafkaCluster cluster = await StartV0Async();
        await using PartitionReassignmentClient client = Client(cluster);

        await client.ListAsync(new[] { new PartitionId("orders", 0) }, CancellationToken.None);
        byte[] some = LastFrame(cluster, ApiKeys.ListPartitionReassignments);
        await client.ListAsync(null, CancellationToken.None);
        byte[] all = LastFrame(cluster, ApiKeys.ListPartitionReassignments);

        Assert.Equal(
            ("002E000000000002" + ClientId + "00" + "000007D0" + "02" + Orders + "02" + "00000000" + "00" + "00").ToUpperInvariant(),
            Convert.ToHexString(some)); // topics: 1 (orders, partition_indexes [0], tags), request tags
        Assert.Equal(
            ("002E000000000003" + ClientId + "00" + "000007D0" + "00" + "00").ToUpperInvariant(),
            Convert.ToHexString(all)); // topics null = every reassignment
    }

    [Fact(Timeout = 30000)]
    public async Task ListV0Response_HandWrittenBytes_DecodedByClient()
    {
        await using TestKafkaCluster cluster = await StartV0Async();
        cluster.ArmFault(new TestFault
        {
            ApiKey = ApiKeys.ListPartitionReassignments,
            Kind = TestFaultKind.RawResponse,
            Body = Hex(
                "00000000 0000 00" +                                   // throttle, error, message null
                "02" + Orders + "02" +                                 // topics: 1; partitions: 1
                "00000000" +                                           // index 0
                "07 00000004 00000005 00000006 00000001 00000002 00000003" + // replicas: target then removing
                "04 00000004 00000005 00000006" +                      // adding
                "04 00000001 00000002 00000003" +                      // removing
                "00 00 00"),                                           // partition, topic, response tags
        });
        await using PartitionReassignmentClient client = Client(cluster);

        var moving = await client.ListAsync(null, CancellationToken.None);

        InFlightReassignment r = Assert.Single(moving);
        Assert.Equal("orders-0: replicas: 4,5,6,1,2,3. adding: 4,5,6. removing: 1,2,3.", r.ToString());
        Assert.Equal(new[] { 4, 5, 6 }, r.Target);
    }

    [Fact(Timeout = 30000)]
    public async Task TestBroker_HandWrittenV0Requests_AnswersWithHandWrittenBytes()
    {
        await using TestKafkaCluster cluster = await StartV0Async();
        cluster.StartMove("orders", 0, 4, 5, 6);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", cluster.PortOf(1));
        NetworkStream stream = tcp.GetStream();
        const string Test = "0004 74657374"; // client_id "test"

        byte[] list = await ExchangeAsync(stream, Hex("002E 0000 00000007" + Test + "00" + "00007530 00 00")); // timeout 30000, topics null
        byte[] alter = await ExchangeAsync(stream, Hex(
            "002D 0000 00000008" + Test + "00" + "00007530" + "02" + Orders + "03" +
            "00000000 00 00" +        // cancel partition 0
            "00000001 02 00000063 00" + // partition 1 → [99], a broker that does not exist
            "00 00"));

        Assert.Equal(Convert.ToHexString(Hex(
            "00000007 00" +                                         // correlation, response header v1 tags
            "00000000 0000 00" + "02" + Orders + "02" + "00000000" +
            "07 00000004 00000005 00000006 00000001 00000002 00000003" +
            "04 00000004 00000005 00000006" + "04 00000001 00000002 00000003" + "00 00 00")), Convert.ToHexString(list));
        Assert.Equal(Convert.ToHexString(Hex(
            "00000008 00" + "00000000 0000 00" + "02" + Orders + "03" +
            "00000000 0000 00 00" +
            "00000001 0027 56" + Convert.ToHexString(Encoding.ASCII.GetBytes(UnknownBroker99)) + "00" + // INVALID_REPLICA_ASSIGNMENT (39), KRaft's message (85 bytes)
            "00 00")), Convert.ToHexString(alter));
        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 2, 3, 4 } }, cluster.ReplicasOf("orders")); // the cancel took effect
    }

    private const string UnknownBroker99 = "The manual partition assignment includes broker 99, but no such broker is registered.";

    private static async Task<byte[]> ExchangeAsync(NetworkStream stream, byte[] frame)
    {
        byte[] size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, frame.Length);
        await stream.WriteAsync(size);
        await stream.WriteAsync(frame);
        await stream.ReadExactlyAsync(size);
        byte[] response = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(response);
        return response;
    }
}
