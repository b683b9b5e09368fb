using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Confluent.Kafka;

namespace Brokersets.Admin.Tests;

/// <summary>
/// The test broker's reassignment semantics against Kafka's controllers, with expected values worked out by hand from
/// ReplicationControlManager, PartitionReassignmentReplicas and PartitionReassignmentRevert (KRaft) and
/// ReplicaAssignment.reassignTo (ZooKeeper mode), plus its answers to requests Kafka refuses.
/// </summary>
public sealed class TestBrokerKraftTests
{
    private static async Task<TestKafkaCluster> StartAsync(TestControllerMode mode, int moveTicks = 1_000_000)
    {
        TestKafkaCluster c = await TestKafkaCluster.StartSixBrokersAsync();
        c.Mode = mode;
        c.MoveTicks = moveTicks;
        c.AddTopic("t", new[] { 3, 2, 1 }, new[] { 1, 2, 3 });
        return c;
    }

    private static PartitionReassignmentClient Client(TestKafkaCluster c) => new(KafkaConnectionSettings.FromConfig(AdminHarness.Config(c.BootstrapServers)));

    private static Task<ImmutableArray<KafkaPartitionError>> AlterAsync(PartitionReassignmentClient client, int partition, params int[]? replicas) =>
        client.AlterAsync(new (string, int, IReadOnlyList<int>?)[] { ("t", partition, replicas) }, CancellationToken.None);

    [Theory(Timeout = 30000)]
    [InlineData(false, new[] { 4, 5, 6, 1, 2, 3 }, new[] { 1, 2, 3 })]
    [InlineData(true, new[] { 4, 5, 6, 3, 2, 1 }, new[] { 3, 2, 1 })]
    public async Task Cancel_RevertsToCurrentReplicasMinusAdding_KRaftSortsTheRemovingPart(bool zooKeeper, int[] during, int[] reverted)
    {
        await using TestKafkaCluster c = await StartAsync(zooKeeper ? TestControllerMode.ZooKeeper : TestControllerMode.KRaft);
        await using PartitionReassignmentClient client = Client(c);

        Assert.Empty(await AlterAsync(client, 0, 4, 5, 6));
        InFlightReassignment moving = (await client.ListAsync(null, CancellationToken.None)).Single();
        Assert.Equal(during, moving.Replicas);
        Assert.Equal(during[3..], moving.Removing);
        Assert.Empty(await AlterAsync(client, 0, null));

        Assert.Equal(reverted, c.ReplicasOf("t")[0]);
        Assert.Equal(3, c.LeaderOf("t", 0)); // the leader was never moved: 3 stays
        Assert.Empty(await client.ListAsync(null, CancellationToken.None));
    }

    [Theory(Timeout = 30000)]
    [InlineData(false, new[] { 4, 2, 3, 1, 5 }, new[] { 4, 5 }, new[] { 1, 5 })]
    [InlineData(true, new[] { 4, 2, 3, 1 }, new[] { 4 }, new[] { 1 })]
    public async Task Redirect_KRaftWorksFromTheCurrentReplicas_ZooKeeperFromThoseBeforeTheFirstMove(bool zooKeeper, int[] replicas, int[] adding, int[] removing)
    {
        await using TestKafkaCluster c = await StartAsync(zooKeeper ? TestControllerMode.ZooKeeper : TestControllerMode.KRaft);
        await using PartitionReassignmentClient client = Client(c);

        Assert.Empty(await AlterAsync(client, 1, 4, 5, 1)); // [1,2,3] → [4,5,1]: replicas [4,5,1,2,3] in both modes
        Assert.Empty(await AlterAsync(client, 1, 4, 2, 3)); // redirected

        InFlightReassignment moving = (await client.ListAsync(null, CancellationToken.None)).Single();
        Assert.Equal(replicas, moving.Replicas);
        Assert.Equal(adding, moving.Adding);
        Assert.Equal(removing, moving.Removing);
    }

    [Fact(Timeout = 30000)]
    public async Task Move_AddingJoinTheIsrOneByOne_CompletionDropsRemovingAndBumpsTheLeaderEpoch()
    {
        await using TestKafkaCluster c = await StartAsync(TestControllerMode.KRaft, moveTicks: 3);
        await using PartitionReassignmentClient client = Client(c);

        Assert.Empty(await AlterAsync(client, 1, 6, 5, 4));
        var started = c.StateOf("t", 1);
        Assert.Equal(new[] { 6, 5, 4, 1, 2, 3 }, started.Replicas);
        Assert.Equal(new[] { 1, 2, 3 }, started.Isr);
        Assert.Equal(new[] { 4, 5, 6 }, started.Adding);
        Assert.Equal(new[] { 1, 2, 3 }, started.Removing);
        Assert.Equal((1, 0), (started.Leader, started.LeaderEpoch));
        _ = await client.ListAsync(null, CancellationToken.None); // tick 1: 4 joins
        Assert.Equal(new[] { 1, 2, 3, 4 }, c.StateOf("t", 1).Isr);
        _ = await client.ListAsync(null, CancellationToken.None); // tick 2: 5 joins
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, c.StateOf("t", 1).Isr);
        Assert.Empty(await client.ListAsync(null, CancellationToken.None)); // tick 3 (before the answer): 6 joins, the move completes

        var done = c.StateOf("t", 1);
        Assert.Equal(new[] { 6, 5, 4 }, done.Replicas);
        Assert.Equal(new[] { 4, 5, 6 }, done.Isr);
        Assert.Equal(6, done.Leader);
        Assert.Equal(2, done.LeaderEpoch); // replicas removed (1), then a new leader (2)
        Assert.Null(done.Adding);
    }

    [Fact(Timeout = 30000)]
    public async Task Resubmit_TheTargetInFlight_ChangesNothingNotEvenTheTimer()
    {
        await using TestKafkaCluster c = await StartAsync(TestControllerMode.KRaft, moveTicks: 2);
        await using PartitionReassignmentClient client = Client(c);

        Assert.Empty(await AlterAsync(client, 0, 4, 2, 1));
        _ = await client.ListAsync(null, CancellationToken.None); // tick 1
        var before = c.StateOf("t", 0);
        Assert.Empty(await AlterAsync(client, 0, 4, 2, 1)); // the same target again
        var after = c.StateOf("t", 0);

        Assert.Equal(new[] { 4, 2, 1, 3 }, after.Replicas); // not target + removing of target + removing
        Assert.Equal(before.Replicas, after.Replicas);
        Assert.Equal(before.Isr, after.Isr);
        _ = await client.ListAsync(null, CancellationToken.None); // tick 2: due as first submitted
        Assert.Equal(new[] { 4, 2, 1 }, c.ReplicasOf("t")[0]);
    }

    [Fact(Timeout = 30000)]
    public async Task Alter_BrokerMinusOneDuplicateEmptyAndBadPartitions_PerPartitionCodesWithKafkasMessages()
    {
        await using TestKafkaCluster c = await StartAsync(TestControllerMode.KRaft);
        await using PartitionReassignmentClient client = Client(c);

        ImmutableArray<KafkaPartitionError> errors = await client.AlterAsync(new (string, int, IReadOnlyList<int>?)[]
        {
            ("t", 0, new[] { 1, -1 }), ("t", 1, new[] { 2, 2 }), ("t", -1, new[] { 1 }), ("t", 7, new[] { 1 }), ("nope", 0, new[] { 1 }), ("t", 1, null),
        }, CancellationToken.None);

        Assert.Equal(new (int?, ErrorCode, string?)[]
        {
            (0, ErrorCode.InvalidReplicaAssignment, "The manual partition assignment includes broker -1, but no such broker is registered."),
            (1, ErrorCode.InvalidReplicaAssignment, "The manual partition assignment includes the broker 2 more than once."),
            (-1, ErrorCode.UnknownTopicOrPart, "Unable to find partition t:-1."),
            (7, ErrorCode.UnknownTopicOrPart, "Unable to find partition t:7."),
            (1, ErrorCode.NoReassignmentInProgress, "No partition reassignment is in progress for this topic or partition."),
            (0, ErrorCode.UnknownTopicOrPart, "Unable to find a topic named nope."),
        }, errors.Select(e => (e.Partition, e.Code, e.Message)).ToArray());
        Assert.Equal(new[] { new[] { 3, 2, 1 }, new[] { 1, 2, 3 } }, c.ReplicasOf("t"));
        Assert.Empty(c.AlterSubmissions);
    }

    [Theory(Timeout = 30000)]
    [InlineData(false, 0)]
    [InlineData(true, 41)] // NOT_CONTROLLER
    public async Task ListReassignments_SentToABrokerThatIsNotTheController_KRaftForwardsZooKeeperRefuses(bool zooKeeper, short expected)
    {
        await using TestKafkaCluster c = await StartAsync(zooKeeper ? TestControllerMode.ZooKeeper : TestControllerMode.KRaft);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", c.PortOf(3)); // the controller is 1

        // ListPartitionReassignments v0: header v2 (key 46, v0, correlation 7, client id "test", no tags), timeout 30000, topics null.
        byte[] answer = await ExchangeAsync(tcp.GetStream(), Convert.FromHexString("002E0000000000070004746573740000007530" + "0000"));

        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(answer));
        Assert.Equal(expected, BinaryPrimitives.ReadInt16BigEndian(answer.AsSpan(4 + 1 + 4))); // after header tags and throttle_time_ms
    }

    [Fact(Timeout = 30000)]
    public async Task UnservedVersions_ApiVersionsFallsBackToV0_OthersCloseTheConnectionAsKafkaDoes()
    {
        await using TestKafkaCluster c = await StartAsync(TestControllerMode.KRaft);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", c.PortOf(1));

            // ApiVersions v9 (a future version): v0 body, UNSUPPORTED_VERSION (35) and the supported ranges.
            byte[] answer = await ExchangeAsync(tcp.GetStream(), Convert.FromHexString("00120009000000010004746573740000" + "0000"));
            Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(answer)); // response header v0
            Assert.Equal(35, BinaryPrimitives.ReadInt16BigEndian(answer.AsSpan(4)));
            int count = BinaryPrimitives.ReadInt32BigEndian(answer.AsSpan(6));
            Assert.Equal(TestKafkaCluster.Advertised.Length, count);
            Assert.Equal(4 + 2 + 4 + (count * 6), answer.Length);
        }

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", c.PortOf(1));

            // Metadata v14 (not served): SocketServer.parseRequestHeader throws, Kafka closes the connection unanswered.
            NetworkStream stream = tcp.GetStream();
            byte[] frame = Convert.FromHexString("0003000E0000000200047465737400" + "0001000000");
            byte[] size = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, frame.Length);
            await stream.WriteAsync(size);
            await stream.WriteAsync(frame);
            Assert.Equal(0, await stream.ReadAsync(new byte[4]));
        }
    }

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
