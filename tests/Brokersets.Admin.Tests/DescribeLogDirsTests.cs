using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
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
/// DescribeLogDirs (key 35): byte-level vectors written by hand from Kafka's DescribeLogDirsRequest.json /
/// DescribeLogDirsResponse.json (flexible from v2: compact strings and arrays are uvarint(length + 1), 0 = null, each
/// struct ends with an empty tagged-field section 0x00; v3 adds the top-level ErrorCode, v4 each directory's TotalBytes
/// and UsableBytes after its topics), compared with the client's request and the test broker's answer, and decoded by
/// the client; then the adapter's call over every broker.
/// </summary>
public sealed class DescribeLogDirsTests
{
    private const string ClientId = "0010" + "62726f6b6572736574732d61646d696e"; // classic string "brokersets-admin"
    private const string Orders = "07" + "6f7264657273"; // compact string "orders" (6 + 1)

    private static byte[] Hex(string hex) => Convert.FromHexString(new string(hex.Where(char.IsAsciiHexDigit).ToArray()));

    private static string Ascii(string s) => Convert.ToHexString(Encoding.ASCII.GetBytes(s));

    private static KafkaConnectionSettings Settings(TestKafkaCluster c) => KafkaConnectionSettings.FromConfig(AdminHarness.Config(c.BootstrapServers));

    private static async Task<TestKafkaCluster> StartAsync()
    {
        TestKafkaCluster c = await TestKafkaCluster.StartSixBrokersAsync();
        c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 });
        return c;
    }

    [Fact(Timeout = 30000)]
    public async Task V4Request_ClientBytes_MatchHandWrittenVector()
    {
        await using TestKafkaCluster c = await StartAsync();

        await LogDirsClient.DescribeAsync(Settings(c), "127.0.0.1", c.PortOf(2), new[] { new PartitionId("orders", 0), new PartitionId("orders", 1) }, CancellationToken.None);

        byte[] expected = Hex(
            "0023 0004 00000002" + ClientId + "00" + // header v2: key 35, v4, correlation 2 (1 was ApiVersions), tags
            "02" + Orders +                         // topics: 1; name
            "03 00000000 00000001" +                // partitions: 2; [0, 1]
            "00" +                                  // topic tags
            "00");                                  // request tags
        byte[] sent = c.RawRequests.Last(f => BinaryPrimitives.ReadInt16BigEndian(f) == ApiKeys.DescribeLogDirs);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(sent));
    }

    [Fact(Timeout = 30000)]
    public async Task V4RequestForAll_ClientSendsNullTopics()
    {
        await using TestKafkaCluster c = await StartAsync();

        await LogDirsClient.DescribeAsync(Settings(c), "127.0.0.1", c.PortOf(2), null, CancellationToken.None);

        byte[] sent = c.RawRequests.Last(f => BinaryPrimitives.ReadInt16BigEndian(f) == ApiKeys.DescribeLogDirs);
        Assert.Equal(Convert.ToHexString(Hex("0023 0004 00000002" + ClientId + "00" + "00" + "00")), Convert.ToHexString(sent)); // topics null (0), tags
    }

    [Fact(Timeout = 30000)]
    public async Task V4Response_HandWrittenBytes_DecodedByClient()
    {
        await using TestKafkaCluster c = await StartAsync();
        c.ArmFault(new TestFault
        {
            ApiKey = ApiKeys.DescribeLogDirs,
            Kind = TestFaultKind.RawResponse,
            Body = Hex(
                "00000000 0000" +                               // throttle_time_ms, error_code (v3+)
                "03" +                                          // results: 2 log directories
                "0000 04 2f6431" +                              // error 0, log_dir "/d1"
                "02" + Orders + "03" +                          // topics: 1, "orders", partitions: 2
                "00000000 0000000040000000 0000000000000000 00 00" + // index 0, 1 GiB, lag 0, not future, tags
                "00000000 0000000000000005 0000000000000007 01 00" + // index 0, 5 bytes, lag 7, future, tags
                "00" +                                          // topic tags
                "0000010000000000 000000F000000000" +           // TotalBytes 1 TiB, UsableBytes 960 GiB (v4+)
                "00" +                                          // directory tags
                "0038 04 2f6432 01" +                           // KAFKA_STORAGE_ERROR (56), "/d2", no topics
                "FFFFFFFFFFFFFFFF FFFFFFFFFFFFFFFF 00" +        // sizes unknown (-1), tags
                "00"),                                          // response tags
        });

        ImmutableArray<LogDirsClient.Directory> dirs = await LogDirsClient.DescribeAsync(Settings(c), "127.0.0.1", c.PortOf(1), null, CancellationToken.None);

        Assert.Equal(2, dirs.Length);
        Assert.Equal(("/d1", (short)0), (dirs[0].LogDir, dirs[0].ErrorCode));
        Assert.Equal(new[] { new LogDirsClient.Entry("/d1", "orders", 0, 1L << 30, false), new LogDirsClient.Entry("/d1", "orders", 0, 5, true) }, dirs[0].Replicas);
        Assert.Equal(("/d2", (short)56), (dirs[1].LogDir, dirs[1].ErrorCode));
        Assert.Empty(dirs[1].Replicas);
    }

    [Fact(Timeout = 30000)]
    public async Task V3Response_TopLevelError_ThrowsWithTheCode()
    {
        await using TestKafkaCluster c = await StartAsync();
        c.ArmFault(new TestFault { ApiKey = ApiKeys.DescribeLogDirs, Kind = TestFaultKind.RawResponse, Body = Hex("00000000 001F 01 00") }); // CLUSTER_AUTHORIZATION_FAILED (31), no results

        var e = await Assert.ThrowsAsync<KafkaAdminException>(() => LogDirsClient.DescribeAsync(Settings(c), "127.0.0.1", c.PortOf(1), null, CancellationToken.None));

        Assert.Equal(ErrorCode.ClusterAuthorizationFailed, e.Code);
        Assert.Contains("DESCRIBE on the CLUSTER resource", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task TestBroker_V1AndV4_AnswerHandWrittenRequestsWithHandWrittenBytes()
    {
        await using TestKafkaCluster c = await StartAsync();
        c.SetReplicaSize("orders", 1, 2, 0x1234);
        string dir = Ascii("/var/lib/kafka/data-2"); // 21 characters
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", c.PortOf(2));
        NetworkStream stream = tcp.GetStream();

        // v1 (classic): header v1 (no tags), topics null (int32 -1): broker 2 holds orders-0 and orders-1.
        byte[] v1 = await ExchangeAsync(stream, Hex("0023 0001 00000001 0004" + Ascii("test") + "FFFFFFFF"));
        Assert.Equal(Convert.ToHexString(Hex(
            "00000001" +                                   // response header v0: correlation id
            "00000000" +                                   // throttle_time_ms
            "00000001 0000 0015" + dir +                  // 1 directory, no error, log_dir (int16 length 21)
            "00000001 0006" + Ascii("orders") +            // 1 topic
            "00000002" +                                   // 2 partitions
            "00000000 0000000000000000 0000000000000000 00" + // orders-0: 0 bytes, lag 0, current log
            "00000001 0000000000001234 0000000000000000 00")), // orders-1: 0x1234 bytes
            Convert.ToHexString(v1));

        // v4 (flexible): header v2, only orders-1 and orders-2 asked (broker 2 holds orders-1 only).
        byte[] v4 = await ExchangeAsync(stream, Hex("0023 0004 00000002 0004" + Ascii("test") + "00" + "02" + Orders + "03 00000001 00000002 00 00"));
        Assert.Equal(Convert.ToHexString(Hex(
            "00000002 00" +                                // response header v1: correlation id, tags
            "00000000 0000" +                              // throttle_time_ms, error_code
            "02 0000 16" + dir +                  // 1 directory, no error, compact log_dir (21 + 1)
            "02" + Orders + "02" +                         // 1 topic, 1 partition
            "00000001 0000000000001234 0000000000000000 00 00" + // orders-1, tags
            "00" +                                         // topic tags
            "0000010000000000 000000FFFFFFEDCC" +          // TotalBytes 1 TiB, UsableBytes 1 TiB - 0x1234
            "00 00")),                                     // directory tags, response tags
            Convert.ToHexString(v4));
    }

    [Fact(Timeout = 30000)]
    public async Task Adapter_EveryBroker_CurrentLogsOnly_OfflineDirectoryLeftOut()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            c.AddTopic("orders", new[] { 1, 2, 3 }, new[] { 2, 3, 4 });
            c.AddTopic("events", new[] { 4, 5 });
            c.SetReplicaSize("orders", 0, 1, 1000);
            c.SetReplicaSize("orders", 0, 2, 990);
            c.SetReplicaSize("orders", 1, 4, 700);
            c.SetFutureReplicaSize("orders", 1, 4, 300); // moving between log dirs of broker 4: left out
            c.SetLogDirOffline(3);
        });

        ImmutableArray<ReplicaLogSize> all = await h.Admin.DescribeLogDirsAsync(null, CancellationToken.None);

        Assert.Equal(new[]
        {
            "orders-0 on broker 1: 1000 bytes (/var/lib/kafka/data-1)",
            "orders-0 on broker 2: 990 bytes (/var/lib/kafka/data-2)",
            "orders-1 on broker 2: 0 bytes (/var/lib/kafka/data-2)",
            "events-0 on broker 4: 0 bytes (/var/lib/kafka/data-4)",
            "orders-1 on broker 4: 700 bytes (/var/lib/kafka/data-4)",
            "events-0 on broker 5: 0 bytes (/var/lib/kafka/data-5)",
        }, all.Select(s => s.ToString()));
        Assert.Equal(6, h.Cluster.Requests.Count(r => r.ApiKey == ApiKeys.DescribeLogDirs)); // every live broker asked

        ImmutableArray<ReplicaLogSize> some = await h.Admin.DescribeLogDirsAsync(new[] { new PartitionId("orders", 0) }, CancellationToken.None);
        Assert.Equal(new[] { (1, 1000L), (2, 990L) }, some.Select(s => (s.BrokerId, s.Bytes)));
    }

    [Fact(Timeout = 30000)]
    public async Task Adapter_BrokerUnreachable_FailsNamingIt()
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c => c.AddTopic("orders", new[] { 1, 2, 3 }));
        h.Cluster.ArmFault(new TestFault { ApiKey = ApiKeys.DescribeLogDirs, Kind = TestFaultKind.DropBeforeHandling, BrokerId = 5 });

        var e = await Assert.ThrowsAsync<KafkaAdminException>(() => h.Admin.DescribeLogDirsAsync(null, CancellationToken.None));

        Assert.StartsWith($"DescribeLogDirs to broker 5 (127.0.0.1:{h.Cluster.PortOf(5)}) failed: ", e.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ExchangeAsync(NetworkStream stream, byte[] request)
    {
        byte[] framed = new byte[request.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(framed, request.Length);
        request.CopyTo(framed, 4);
        await stream.WriteAsync(framed);
        byte[] size = new byte[4];
        await stream.ReadExactlyAsync(size);
        byte[] answer = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(answer);
        return answer;
    }
}
