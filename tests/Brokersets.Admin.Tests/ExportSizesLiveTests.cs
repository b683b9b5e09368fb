using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using Brokersets.Serialization;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary>
/// <c>brokersets export --sizes</c> against the test broker holding the cookbook's drifted cluster: each partition's
/// size is its leader's replica (else the largest other replica), and the file gives <c>plan --sizes</c> exactly the
/// figures of a sizes file written by hand.
/// </summary>
public sealed class ExportSizesLiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-export-sizes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string file) => RepositoryFiles.Cookbook(file);

    [Fact(Timeout = 60000)]
    public async Task ExportSizes_LeaderReplicaOrLargestOther_RoundTripsThroughPlanSizes()
    {
        (TestKafkaCluster started, ClusterAssignment drifted) = await RepositoryFiles.StartCookbookClusterAsync("drifted.json");
        await using TestKafkaCluster test = started;
        var expected = new Dictionary<string, long[]>();
        foreach (TopicAssignment t in drifted.Topics)
        {
            expected[t.Topic] = new long[t.PartitionCount];
            for (int p = 0; p < t.PartitionCount; p++)
            {
                // leader (first replica) L bytes; the followers lag: L - 1000 and L - 500
                long leader = ((t.Topic == "orders" ? 10 : 20) + p) * 1_000_000_000L;
                int[] r = t[p].ToArray();
                test.SetReplicaSize(t.Topic, p, r[0], leader);
                test.SetReplicaSize(t.Topic, p, r[1], leader - 1000);
                test.SetReplicaSize(t.Topic, p, r[2], leader - 500);
                test.SetFutureReplicaSize(t.Topic, p, r[1], 3 * leader); // a log-dir move on a follower: ignored
                // broker 5's log directory is offline: orders-4 [5,6,1] and payments-4 [5,1,9] take their largest other replica
                expected[t.Topic][p] = r[0] == 5 ? leader - 500 : leader;
            }
        }

        test.AddTopic("__consumer_offsets", [1, 2, 3]);
        test.SetLogDirOffline(5);
        string current = Path.Combine(_dir, "current.json");
        string sizes = Path.Combine(_dir, "sizes.json");

        (int code, string stdout, string stderr) = await RunAsync("export", "--bootstrap-servers", test.BootstrapServers, "--output", current, "--sizes", sizes);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            $"wrote {current}: 12 partitions of 2 topics\n" +
            $"wrote {sizes}: sizes of 12 partitions of 2 topics (10 from the leader's replica, 2 from another replica)\n", stderr);
        PartitionSizes read = PartitionSizesFile.Read(File.ReadAllText(sizes), sizes);
        foreach ((string topic, long[] bytes) in expected)
        {
            for (int p = 0; p < bytes.Length; p++)
            {
                Assert.True(read.TryGetSize(topic, p, out long got), $"{topic}-{p}");
                Assert.Equal(bytes[p], got);
            }
        }

        Assert.False(read.TryGetSize("__consumer_offsets", 0, out _)); // internal topics left out, as in the assignment

        // plan with the exported sizes prints exactly what plan with a hand-written file of the same figures prints
        string byHand = Path.Combine(_dir, "by-hand.json");
        File.WriteAllText(byHand, "{" + string.Join(",", expected.Select(e => $"\"{e.Key}\": [{string.Join(",", e.Value)}]")) + "}");
        string[] desired = ["--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json"), "--throttle-mbps", "50"];
        (int c1, string fromExport, string e1) = await RunAsync(["plan", "--current", current, "--sizes", sizes, .. desired]);
        (int c2, string fromHand, string e2) = await RunAsync(["plan", "--current", current, "--sizes", byHand, .. desired]);
        Assert.True((c1, c2) == (0, 0), e1 + e2);
        Assert.Equal(fromHand, fromExport);
        Assert.DoesNotContain("unknown", fromExport, StringComparison.Ordinal);
        Assert.Contains("payments          4", fromExport, StringComparison.Ordinal); // the move whose bytes come from a follower
    }

    [Fact]
    public void PartitionSizesOf_PartitionWithNoSize_CutsItsTopicThereAndSaysSo()
    {
        ObservedPartition P(string topic, int partition, int leader, params int[] replicas) => new(topic, partition, leader, replicas.ToImmutableArray(), replicas.ToImmutableArray());
        ObservedPartition[] partitions = [P("a", 0, 1, 1, 2), P("a", 1, -1, 2, 3), P("a", 2, 3, 3, 1), P("b", 0, 2, 2, 3)];
        ReplicaLogSize[] logs =
        [
            new(1, "a", 0, 100, "/d"), new(2, "a", 0, 90, "/d"),
            new(3, "a", 2, 300, "/d"),                         // a-1 has no size on any replica
            new(3, "b", 0, 70, "/d"),                          // b-0's leader 2 reported nothing
        ];

        var (sizes, fromLeader, fromFollower, unknown) = ExportCommand.PartitionSizesOf(partitions, logs);

        Assert.Equal(new[] { ("a", "100"), ("b", "70") }, sizes.Select(s => (s.Key, string.Join(",", s.Value))));
        Assert.Equal((1, 1), (fromLeader, fromFollower));
        Assert.Equal(["topic 'a' partition 1: no replica reported a size (leader -1, replicas 2,3); partitions 1-2 of 'a' are left out of the sizes file (unknown to plan)"], unknown);
    }
}
