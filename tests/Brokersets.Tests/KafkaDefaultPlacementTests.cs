using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Brokersets.Tests.Generators;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests;

public class KafkaDefaultPlacementTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "kafka", "assign-replicas-to-brokers.json"))).RootElement;

    public static TheoryData<string> AssignmentVectors() => Names("assignments");

    public static TheoryData<string> RackAlternatedVectors() => Names("rackAlternatedLists");

    public static TheoryData<string> AddPartitionsVectors() => Names("addPartitions");

    // Vectors: rackaware-worked-example (AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers),
    // unaware-5-brokers (AdminRackAwareTest.testReplicaAssignment / AdminTest.testReplicaAssignment).
    [Theory]
    [MemberData(nameof(AssignmentVectors))]
    public void Place_KafkaVector_ReproducesKafkasExpectedAssignment(string name)
    {
        JsonElement v = Vector("assignments", name);
        Brokerset set = BrokersOf(v);
        var strategy = new KafkaDefaultPlacement(v.GetProperty("startIndex").GetInt32(), v.GetProperty("replicaShift").GetInt32(), v.GetProperty("startPartition").GetInt32());
        TopicAssignment a = strategy.Place(set, new TopicSpec(name, null, v.GetProperty("partitions").GetInt32(), v.GetProperty("replicationFactor").GetInt32()));
        var expected = v.GetProperty("expected").EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.EnumerateArray().Select(x => x.GetInt32()).ToArray());
        Assert.Equal(expected.Count, a.PartitionCount);
        foreach ((int p, int[] replicas) in expected)
        {
            Assert.Equal(replicas, a[p].ToArray());
        }
    }

    // Vectors: rack-alternated-6, rack-alternated-5 (AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers).
    [Theory]
    [MemberData(nameof(RackAlternatedVectors))]
    public void RackAlternatedBrokerList_KafkaVector_ReproducesKafkasList(string name)
    {
        JsonElement v = Vector("rackAlternatedLists", name);
        int[] expected = v.GetProperty("expected").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        Assert.Equal(expected, KafkaDefaultPlacement.RackAlternatedBrokerList(BrokersOf(v).Brokers).ToArray());
        // input order is irrelevant in rack-aware mode
        Assert.Equal(expected, KafkaDefaultPlacement.RackAlternatedBrokerList(BrokersOf(v).Brokers.Reverse()).ToArray());
    }

    // Vectors: kafka-addpartitions-all-servers (AddPartitionsTest.testReplicaPlacementAllServers),
    // kafka-addpartitions-partial-servers (AddPartitionsTest.testReplicaPlacementPartialServers).
    [Theory]
    [MemberData(nameof(AddPartitionsVectors))]
    public void PlacePartitions_KafkaAddPartitionsVector_ReproducesLeadersAndReplicaSets(string name)
    {
        JsonElement v = Vector("addPartitions", name);
        Brokerset set = BrokersOf(v);
        int[][] existing = v.GetProperty("existing").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        int total = v.GetProperty("totalPartitions").GetInt32();
        var strategy = KafkaDefaultPlacement.ForAddPartitions(set, existing[0][0], existing.Length);
        var rows = strategy.PlacePartitions(set, new TopicSpec(name, null, total - existing.Length, existing[0].Length));
        var all = existing.Select((r, i) => (Partition: i, Replicas: r)).Concat(rows.Select(r => (r.Partition, Replicas: r.Replicas.ToArray()))).ToList();
        Assert.Equal(Enumerable.Range(0, total), all.Select(r => r.Partition));
        foreach (JsonProperty leader in v.GetProperty("expectedLeaders").EnumerateObject())
        {
            Assert.Equal(leader.Value.GetInt32(), all[int.Parse(leader.Name, System.Globalization.CultureInfo.InvariantCulture)].Replicas[0]);
        }

        foreach (JsonProperty set2 in v.GetProperty("expectedReplicaSets").EnumerateObject())
        {
            Assert.Equal(set2.Value.EnumerateArray().Select(x => x.GetInt32()).Order(), all[int.Parse(set2.Name, System.Globalization.CultureInfo.InvariantCulture)].Replicas.Order());
        }
    }

    // AdminRackAwareTest.testReplicaAssignment: RF 0 and RF 6 on 5 brokers throw InvalidReplicationFactorException.
    [Theory]
    [InlineData(0, "Topic 't': Replication factor must be larger than 0.")]
    [InlineData(6, "Topic 't': Replication factor: 6 larger than available brokers: 5.")]
    public void Place_BadReplicationFactor_ThrowsKafkasMessage(int rf, string message)
    {
        Brokerset set = Brokerset.Parse("B", "0-4");
        var e = Assert.Throws<ArgumentException>(() => KafkaDefaultPlacement.FixedStart(0).Place(set, new TopicSpec("t", null, 10, rf)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    // AdminRackAwareTest.testAssignReplicasToBrokersWithInvalidParameters: brokers 0:rack1, 1:rack3, 2:rack3, 3:rack2, 4:(none).
    // Kafka checks partitions first, then RF, then the rack information.
    [Theory]
    [InlineData(0, 0, "Topic 't': Number of partitions must be larger than 0.")]
    [InlineData(10, 0, "Topic 't': Replication factor must be larger than 0.")]
    [InlineData(10, 6, "Topic 't': Replication factor: 6 larger than available brokers: 5.")]
    [InlineData(10, 5, "Topic 't': Not all brokers have rack information for replica rack aware assignment (brokerset 'B': no rack for broker 4).")]
    public void Place_InvalidParameters_ThrowsKafkasErrorsInKafkasOrder(int partitions, int rf, string message)
    {
        Brokerset set = Brokerset.Create("B", new[] { new Broker(0, "rack1"), new Broker(1, "rack3"), new Broker(2, "rack3"), new Broker(3, "rack2"), new Broker(4) });
        var e = Assert.Throws<ArgumentException>(() => new KafkaDefaultPlacement().Place(set, new TopicSpec("t", null, partitions, rf)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_MixedRacksInSafeOrDisabledMode_RunsRackUnaware()
    {
        Brokerset set = Brokerset.Create("B", new[] { new Broker(0, "rack1"), new Broker(1, "rack3"), new Broker(2, "rack3"), new Broker(3, "rack2"), new Broker(4) });
        var topic = new TopicSpec("t", null, 10, 3);
        TopicAssignment unaware = new KafkaDefaultPlacement().Place(Brokerset.Parse("B", "0-4"), topic);
        Assert.True(unaware.SameReplicasAs(new KafkaDefaultPlacement(rackMode: KafkaRackMode.Safe).Place(set, topic)));
        Assert.True(unaware.SameReplicasAs(new KafkaDefaultPlacement(rackMode: KafkaRackMode.Disabled).Place(set, topic)));
    }

    [Fact]
    public void Place_StartPartitionAsTopicAssignment_ThrowsNamingTopic()
    {
        var e = Assert.Throws<ArgumentException>(() => KafkaDefaultPlacement.FixedStart(0, startPartition: 3).Place(Brokerset.Parse("B", "0-4"), new TopicSpec("t", null, 2, 2)));
        Assert.Contains("Topic 't'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PlacePartitions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_StrideGiven_IsIgnored()
    {
        Brokerset set = Brokerset.Parse("B", "0-5");
        var k = new KafkaDefaultPlacement(2, 3);
        Assert.True(k.Place(set, new TopicSpec("t", null, 12, 3, 0)).SameReplicasAs(k.Place(set, new TopicSpec("t", null, 12, 3, 5))));
    }

    [Fact]
    public void Place_SpanOverloadWarm_AllocatesNothing()
    {
        (_, Brokerset set) = KafkaGenerators.EqualRacks(3, 4);
        var topic = new TopicSpec("t", null, 48, 3);
        var strategy = new KafkaDefaultPlacement(1, 2);
        int[] buffer = new int[48 * 3];
        strategy.Place(set, topic, buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        strategy.Place(set, topic, buffer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // AdminRackAwareTest: tests with fixed start values (testAssignmentWithRackAware: fixedStartIndex 2, startPartitionId 0;
    // testAssignmentWithRackAwareWithUnevenReplicas: 0, 0; testSkipBrokerWithReplicaAlreadyAssigned: 2, -1) and
    // tests with random ones (every (start, shift) pair here), asserting Kafka's checkReplicaDistribution:
    // distinct brokers, RF distinct racks, leaders P/n each, replicas P·RF/n each (where Kafka verifies them).
    [Theory]
    [InlineData("testAssignmentWithRackAware", "0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack1", 6, 3, 2, true, true, true)]
    [InlineData("testAssignmentWithRackAwareWithRandomStartIndex", "0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack1", 6, 3, -1, true, true, true)]
    [InlineData("testAssignmentWithRackAwareWithUnevenReplicas", "0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack1", 13, 3, 0, true, false, false)]
    [InlineData("testAssignmentWithRackAwareWithUnevenRacks", "0:rack1,1:rack1,2:rack2,3:rack3,4:rack3,5:rack1", 12, 3, -1, true, true, false)]
    [InlineData("testAssignmentWith2ReplicasRackAware", "0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack1", 12, 2, -1, true, true, true)]
    [InlineData("testAssignmentWith2ReplicasRackAwareWith6Partitions", "6:rack1,7:rack2,8:rack2,9:rack3,10:rack3,11:rack1", 6, 2, -1, true, true, true)]
    [InlineData("testAssignmentWith2ReplicasRackAwareWith6PartitionsAnd3Brokers", "0:rack1,1:rack2,4:rack3", 3, 2, -1, true, true, true)]
    [InlineData("testLargeNumberPartitionsAssignment", "0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack1,6:rack1,7:rack2,8:rack2,9:rack3,10:rack1,11:rack3", 96, 3, -1, true, true, true)]
    [InlineData("testSkipBrokerWithReplicaAlreadyAssigned", "0:a,1:b,2:c,3:a,4:a", 6, 4, 2, false, false, false)]
    public void Place_KafkaDistributionTest_MeetsKafkasChecks(string kafkaTest, string racks, int partitions, int rf, int fixedStart, bool rackAware, bool leaders, bool replicas)
    {
        Assert.NotEmpty(kafkaTest);
        Brokerset set = ParseRacks(racks);
        int n = set.Count;
        IEnumerable<(int Start, int Shift)> draws = fixedStart >= 0
            ? new[] { (fixedStart, fixedStart) }
            : from s in Enumerable.Range(0, n) from t in Enumerable.Range(0, n) select (s, t);
        foreach ((int start, int shift) in draws)
        {
            TopicAssignment a = new KafkaDefaultPlacement(start, shift).Place(set, new TopicSpec("t", null, partitions, rf));
            CheckDistribution(a, set, rackAware, leaders, replicas);
        }
    }

    // AdminRackAwareTest.testRackAwareExpansion: startPartitionId 12 on brokers 6..11, random start: still Kafka's checks.
    [Fact]
    public void PlacePartitions_RackAwareExpansion_MeetsKafkasChecks()
    {
        Brokerset set = ParseRacks("6:rack1,7:rack2,8:rack2,9:rack3,10:rack3,11:rack1");
        for (int start = 0; start < 6; start++)
        {
            var rows = new KafkaDefaultPlacement(start, start, 12).PlacePartitions(set, new TopicSpec("t", null, 12, 2));
            Assert.Equal(Enumerable.Range(12, 12), rows.Select(r => r.Partition));
            var a = TopicAssignment.Create("t", rows.Select(r => (IReadOnlyList<int>)r.Replicas).ToList());
            CheckDistribution(a, set, rackAware: true, leaders: true, replicas: true);
        }
    }

    // AdminRackAwareTest.testMoreReplicasThanRacks / testLessReplicasThanRacks / testSingleRack: racks per partition.
    [Theory]
    [InlineData("0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack2", 5, 3)]
    [InlineData("0:rack1,1:rack2,2:rack2,3:rack3,4:rack3,5:rack2", 2, 2)]
    [InlineData("0:rack1,1:rack1,2:rack1,3:rack1,4:rack1,5:rack1", 3, 1)]
    public void Place_ReplicasVersusRacks_SpansKafkasRackCount(string racks, int rf, int expectedRacks)
    {
        Brokerset set = ParseRacks(racks);
        for (int start = 0; start < 6; start++)
        {
            for (int shift = 0; shift < 6; shift++)
            {
                TopicAssignment a = new KafkaDefaultPlacement(start, shift).Place(set, new TopicSpec("t", null, 6, rf));
                for (int p = 0; p < 6; p++)
                {
                    Assert.Equal(expectedRacks, a[p].ToArray().Select(id => set.Brokers[set.PositionOf(id)].Rack).Distinct().Count());
                }
            }
        }
    }

    [Fact]
    public void Place_AnyInput_KeepsKafkasGuarantees()
    {
        Prop.ForAll(KafkaGenerators.KafkaCaseArb(), c =>
        {
            TopicSpec topic = c.Topic;
            int[] flat = new int[c.Partitions * c.ReplicationFactor];
            c.Strategy.Place(c.Brokerset, topic, flat);
            int n = c.Brokerset.Count;
            int rf = c.ReplicationFactor;
            var racks = c.Brokerset.Brokers.ToDictionary(b => b.Id, b => b.Rack);
            int rackCount = c.Brokerset.Racks.Length;
            var leaders = new int[3 * n + 1];
            for (int i = 0; i < c.Partitions; i++)
            {
                int[] row = flat.AsSpan(i * rf, rf).ToArray();
                Assert.Equal(rf, row.Distinct().Count());
                Assert.All(row, id => Assert.True(c.Brokerset.Contains(id)));
                if (c.Brokerset.HasAllRacks)
                {
                    Assert.Equal(Math.Min(rf, rackCount), row.Select(id => racks[id]).Distinct().Count());
                }

                leaders[row[0]]++;
            }

            // leaders are round-robin over the working list: per-broker counts differ by at most 1
            var counts = c.Brokerset.BrokerIds.Select(id => leaders[id]).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, c.ToString());

            // the span overload and PlacePartitions agree, and rows carry Kafka's partition ids
            var rows = c.Strategy.PlacePartitions(c.Brokerset, topic);
            Assert.Equal(flat, rows.SelectMany(r => r.Replicas));
            Assert.Equal(c.StartPartition, rows[0].Partition);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Place_SingleRack_EqualsRackUnawareOverSortedIds()
    {
        // kafka-reference §2.5: with one rack, rack-aware mode is the rack-unaware result over the id-sorted list
        Prop.ForAll(KafkaGenerators.KafkaCaseArb(), c =>
        {
            Brokerset oneRack = Brokerset.Create("B", c.Brokerset.BrokerIds.Select(id => new Broker(id, "only")));
            Brokerset sorted = Brokerset.Create("B", c.Brokerset.BrokerIds.Order());
            int[] a = new int[c.Partitions * c.ReplicationFactor];
            int[] b = new int[a.Length];
            c.Strategy.Place(oneRack, c.Topic, a);
            c.Strategy.Place(sorted, c.Topic, b);
            Assert.Equal(b, a);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Place_RackUnaware_FollowsClosedFormShift()
    {
        // kafka-reference §2.2: shift(p) = s0 + ⌊p/n⌋ − (S > 0 ? ⌊(S−1)/n⌋ : 0); follower j at (f + 1 + ((shift + j − 1) mod (n − 1))) mod n
        Prop.ForAll(KafkaGenerators.KafkaCaseArb(), c =>
        {
            Brokerset set = Brokerset.Create("B", c.Brokerset.BrokerIds);
            int n = set.Count;
            int rf = c.ReplicationFactor;
            int[] flat = new int[c.Partitions * rf];
            c.Strategy.Place(set, c.Topic, flat);
            for (int i = 0; i < c.Partitions; i++)
            {
                int p = c.StartPartition + i;
                int shift = c.ReplicaShift + (p / n) - (c.StartPartition > 0 ? (c.StartPartition - 1) / n : 0);
                int f = (p + c.StartIndex) % n;
                Assert.Equal(set.BrokerIds[f], flat[i * rf]);
                for (int j = 1; j < rf; j++)
                {
                    Assert.Equal(set.BrokerIds[(f + 1 + ((shift + j - 1) % (n - 1))) % n], flat[(i * rf) + j]);
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Place_AnyInput_EqualsKafkasLoopTranscribed()
    {
        // KafkaDefaultPlacement precomputes follower offsets per round (and, rack-aware, per leader residue modulo the
        // rack period of the list); Kafka's own loop, transcribed below, scans every partition. Both modes, any racks.
        Prop.ForAll(KafkaGenerators.KafkaCaseArb(), c => AssertEqualsKafkaLoop(c)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Place_EqualRacks_EqualsKafkasLoopTranscribed()
    {
        // equal racks make the rack-alternated list periodic (period R): the case the per-residue offsets are for
        Prop.ForAll(KafkaGenerators.EqualRackCaseArb(), c => AssertEqualsKafkaLoop(c)).QuickCheckThrowOnFailure();
    }

    private static void AssertEqualsKafkaLoop(KafkaCase c)
    {
        int rf = c.ReplicationFactor;
        var modes = c.Brokerset.HasAllRacks ? new[] { KafkaRackMode.Enforced, KafkaRackMode.Disabled } : new[] { KafkaRackMode.Disabled };
        foreach (KafkaRackMode mode in modes)
        {
            var strategy = new KafkaDefaultPlacement(c.StartIndex, c.ReplicaShift, c.StartPartition, mode);
            int[] actual = new int[c.Partitions * rf];
            strategy.Place(c.Brokerset, c.Topic, actual);
            int[][] expected = KafkaLoop(c.Brokerset.Brokers, mode == KafkaRackMode.Enforced, c.Partitions, rf, c.StartIndex, c.ReplicaShift, c.StartPartition);
            Assert.True(expected.SelectMany(r => r).SequenceEqual(actual), $"{mode} {c}");
        }
    }

    /// <summary>
    /// Kafka's <c>assignReplicasToBrokersRackUnaware</c> / <c>RackAware</c> loop as written in AdminUtils (one candidate
    /// scan per partition, sets of used racks and brokers), with both start values explicit.
    /// </summary>
    private static int[][] KafkaLoop(IReadOnlyList<Broker> brokers, bool rackAware, int partitions, int rf, int startIndex, int replicaShift, int startPartition)
    {
        List<int> list;
        Dictionary<int, string> rackOf = brokers.ToDictionary(b => b.Id, b => b.Rack ?? "");
        if (rackAware)
        {
            // getRackAlternatedBrokerList: racks in Java string order, ids ascending, one broker per rack in turn
            var byRack = brokers.GroupBy(b => b.Rack!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Queue<int>(g.Select(b => b.Id).Order())).ToList();
            list = new List<int>();
            while (byRack.Any(q => q.Count > 0))
            {
                foreach (Queue<int> q in byRack.Where(q => q.Count > 0))
                {
                    list.Add(q.Dequeue());
                }
            }
        }
        else
        {
            list = brokers.Select(b => b.Id).ToList();
        }

        int n = list.Count;
        int numRacks = rackOf.Values.Distinct().Count();
        int ReplicaIndex(int first, long secondShift, int k) => (int)((first + 1 + ((secondShift + k) % (n - 1))) % n);
        var result = new List<int[]>();
        long shift = replicaShift;
        long current = Math.Max(0, startPartition);
        for (int i = 0; i < partitions; i++)
        {
            if (current > 0 && current % n == 0)
            {
                shift++;
            }

            int first = (int)((current + startIndex) % n);
            var replicas = new List<int> { list[first] };
            if (!rackAware)
            {
                for (int j = 0; j < rf - 1; j++)
                {
                    replicas.Add(list[ReplicaIndex(first, shift, j)]);
                }
            }
            else
            {
                var racksWithReplicas = new HashSet<string> { rackOf[list[first]] };
                var brokersWithReplicas = new HashSet<int> { list[first] };
                int k = 0;
                for (int j = 0; j < rf - 1; j++)
                {
                    bool done = false;
                    while (!done)
                    {
                        int broker = list[ReplicaIndex(first, shift * numRacks, k)];
                        string rack = rackOf[broker];
                        if ((!racksWithReplicas.Contains(rack) || racksWithReplicas.Count == numRacks) &&
                            (!brokersWithReplicas.Contains(broker) || brokersWithReplicas.Count == n))
                        {
                            replicas.Add(broker);
                            racksWithReplicas.Add(rack);
                            brokersWithReplicas.Add(broker);
                            done = true;
                        }

                        k++;
                    }
                }
            }

            result.Add(replicas.ToArray());
            current++;
        }

        return result.ToArray();
    }

    private static void CheckDistribution(TopicAssignment a, Brokerset set, bool rackAware, bool leaders, bool replicas)
    {
        int n = set.Count;
        int p = a.PartitionCount;
        int rf = a.ReplicationFactor;
        var leaderCount = new Dictionary<int, int>();
        var replicaCount = new Dictionary<int, int>();
        for (int i = 0; i < p; i++)
        {
            int[] row = a[i].ToArray();
            Assert.Equal(rf, row.Distinct().Count());
            if (rackAware)
            {
                Assert.Equal(rf, row.Select(id => set.Brokers[set.PositionOf(id)].Rack).Distinct().Count());
            }

            leaderCount[row[0]] = leaderCount.GetValueOrDefault(row[0]) + 1;
            foreach (int id in row)
            {
                replicaCount[id] = replicaCount.GetValueOrDefault(id) + 1;
            }
        }

        if (leaders)
        {
            Assert.Equal(Enumerable.Repeat(p / n, n), set.BrokerIds.Select(id => leaderCount.GetValueOrDefault(id)));
        }

        if (replicas)
        {
            Assert.Equal(Enumerable.Repeat(p * rf / n, n), set.BrokerIds.Select(id => replicaCount.GetValueOrDefault(id)));
        }
    }

    private static Brokerset ParseRacks(string racks) =>
        Brokerset.Create("B", racks.Split(',').Select(x => x.Split(':')).Select(x => new Broker(int.Parse(x[0], System.Globalization.CultureInfo.InvariantCulture), x[1])));

    private static Brokerset BrokersOf(JsonElement vector) =>
        Brokerset.Create("B", vector.GetProperty("brokers").EnumerateArray().Select(b =>
            new Broker(b.GetProperty("id").GetInt32(), b.TryGetProperty("rack", out JsonElement r) ? r.GetString() : null)));

    private static JsonElement Vector(string kind, string name) =>
        Vectors.GetProperty(kind).EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (JsonElement v in Vectors.GetProperty(kind).EnumerateArray())
        {
            data.Add(v.GetProperty("name").GetString()!);
        }

        return data;
    }
}
