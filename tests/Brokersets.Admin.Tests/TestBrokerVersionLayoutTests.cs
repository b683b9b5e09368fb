using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;

namespace Brokersets.Admin.Tests;

/// <summary>
/// Every advertised version of Metadata, CreateTopics, DescribeConfigs and DescribeCluster, requested and decoded field
/// by field as written here from Kafka's message definitions (MetadataRequest/Response.json etc.: which fields exist
/// from which version, flexible versions with compact encodings and tagged fields), each answer read to its last byte.
/// kcat, kafkajs and Confluent.Kafka check some versions with their own decoders (Interop/, the rest of the suite);
/// this covers the others, e.g. Metadata v1–v8 and v10–v11, CreateTopics v5–v7, DescribeConfigs v3–v4.
/// </summary>
public sealed class TestBrokerVersionLayoutTests
{
    private static async Task<TestKafkaCluster> StartAsync()
    {
        TestKafkaCluster c = await TestKafkaCluster.StartSixBrokersAsync();
        c.AddTopic("t", new[] { 3, 2, 1 }, new[] { 1, 2, 3 });
        return c;
    }

    [Fact(Timeout = 30000)]
    public async Task Metadata_EveryVersion0To13_LayoutOfThatVersionReadToTheEnd()
    {
        await using TestKafkaCluster c = await StartAsync();
        for (short v = 0; v <= 13; v++)
        {
            bool f = v >= 9;
            byte[] answer = await ExchangeAsync(c, ApiKeys.Metadata, v, f, w =>
            {
                w.ArrayLength(1, f);
                if (v >= 10)
                {
                    w.Uuid(Guid.Empty);
                }

                w.String("t", f);
                w.NoTags(f);
                if (v >= 4)
                {
                    w.Bool(false);
                }

                if (v is >= 8 and <= 10)
                {
                    w.Bool(false);
                }

                if (v >= 8)
                {
                    w.Bool(false);
                }

                w.NoTags(f);
            });

            var r = new KafkaReader(answer, 4);
            r.SkipTags(f);
            if (v >= 3)
            {
                Assert.Equal(0, r.Int32()); // throttle_time_ms
            }

            var brokers = r.Array(f, x =>
            {
                (int Id, string Host, int Port, string? Rack) b = (x.Int32(), x.RequiredString(f), x.Int32(), v >= 1 ? x.String(f) : null);
                x.SkipTags(f);
                return b;
            })!;
            Assert.Equal(c.Brokers.Select(b => b.Id), brokers.Select(b => b.Id));
            Assert.All(brokers, b => Assert.Equal(c.PortOf(b.Id), b.Port));
            Assert.Equal(v >= 1 ? c.Brokers.Select(b => b.Rack) : brokers.Select(_ => (string?)null), brokers.Select(b => b.Rack));
            if (v >= 2)
            {
                Assert.Equal(c.ClusterId, r.String(f));
            }

            if (v >= 1)
            {
                Assert.Equal(c.ControllerId, r.Int32());
            }

            var topics = r.Array(f, x =>
            {
                short code = x.Int16();
                string? name = x.String(f);
                if (v >= 10)
                {
                    Assert.NotEqual(Guid.Empty, x.Uuid());
                }

                if (v >= 1)
                {
                    Assert.False(x.Bool());
                }

                var partitions = x.Array(f, y =>
                {
                    Assert.Equal(0, y.Int16());
                    int index = y.Int32();
                    int leader = y.Int32();
                    if (v >= 7)
                    {
                        Assert.Equal(0, y.Int32()); // leader epoch
                    }

                    int[] replicas = y.Int32Array(f)!.ToArray();
                    int[] isr = y.Int32Array(f)!.ToArray();
                    if (v >= 5)
                    {
                        Assert.Empty(y.Int32Array(f)!); // offline replicas
                    }

                    y.SkipTags(f);
                    return (index, leader, replicas, isr);
                })!;
                if (v >= 8)
                {
                    _ = x.Int32(); // topic authorized operations
                }

                x.SkipTags(f);
                return (code, name, partitions);
            })!;
            var topic = Assert.Single(topics);
            Assert.Equal((0, "t"), (topic.code, topic.name));
            Assert.Equal(new[] { new[] { 3, 2, 1 }, new[] { 1, 2, 3 } }, topic.partitions.Select(p => p.replicas));
            Assert.Equal(new[] { 3, 1 }, topic.partitions.Select(p => p.leader));
            if (v is >= 8 and <= 10)
            {
                _ = r.Int32(); // cluster authorized operations
            }

            if (v >= 13)
            {
                Assert.Equal(0, r.Int16());
            }

            r.SkipTags(f);
            Assert.True(r.Remaining == 0, $"Metadata v{v}: {r.Remaining} bytes left over");
        }
    }

    [Fact(Timeout = 30000)]
    public async Task CreateTopics_EveryVersion2To7_CreatesAndAnswersInThatVersionsLayout()
    {
        await using TestKafkaCluster c = await StartAsync();
        for (short v = 2; v <= 7; v++)
        {
            bool f = v >= 5;
            string name = "n" + v;
            byte[] answer = await ExchangeAsync(c, ApiKeys.CreateTopics, v, f, w =>
            {
                w.ArrayLength(1, f);
                w.String(name, f);
                w.Int32(-1);
                w.Int16(-1);
                w.ArrayLength(2, f);
                foreach ((int p, int[] replicas) in new[] { (0, new[] { 1, 2 }), (1, new[] { 2, 3 }) })
                {
                    w.Int32(p);
                    w.Int32Array(replicas, f);
                    w.NoTags(f);
                }

                w.ArrayLength(0, f); // configs
                w.NoTags(f);
                w.Int32(30000);
                w.Bool(false);
                w.NoTags(f);
            });

            var r = new KafkaReader(answer, 4);
            r.SkipTags(f);
            Assert.Equal(0, r.Int32());
            var results = r.Array(f, x =>
            {
                string n = x.RequiredString(f);
                if (v >= 7)
                {
                    Assert.NotEqual(Guid.Empty, x.Uuid());
                }

                short code = x.Int16();
                Assert.Null(x.String(f)); // error message
                if (v >= 5)
                {
                    Assert.Equal(2, x.Int32()); // num partitions
                    Assert.Equal(2, x.Int32()); // replication factor
                    _ = x.Array(true, y =>
                    {
                        (string, string?, bool, sbyte, bool) e = (y.RequiredString(true), y.String(true), y.Bool(), y.Int8(), y.Bool());
                        y.SkipTags(true);
                        return e;
                    });
                }

                x.SkipTags(f);
                return (n, code);
            })!;
            Assert.Equal((name, (short)0), Assert.Single(results));
            r.SkipTags(f);
            Assert.True(r.Remaining == 0, $"CreateTopics v{v}: {r.Remaining} bytes left over");
            Assert.Equal(new[] { new[] { 1, 2 }, new[] { 2, 3 } }, c.ReplicasOf(name));
        }
    }

    [Fact(Timeout = 30000)]
    public async Task DescribeConfigs_EveryVersion1To4_LayoutOfThatVersionWithSynonyms()
    {
        await using TestKafkaCluster c = await StartAsync();
        c.SetConfig(4, "1", "leader.replication.throttled.rate", "500");
        for (short v = 1; v <= 4; v++)
        {
            bool f = v >= 4;
            byte[] answer = await ExchangeAsync(c, ApiKeys.DescribeConfigs, v, f, w =>
            {
                w.ArrayLength(1, f);
                w.Int8(4);
                w.String("1", f);
                w.ArrayLength(1, f);
                w.String("leader.replication.throttled.rate", f);
                w.NoTags(f);
                w.Bool(true); // include synonyms
                if (v >= 3)
                {
                    w.Bool(false); // include documentation
                }

                w.NoTags(f);
            });

            var r = new KafkaReader(answer, 4);
            r.SkipTags(f);
            Assert.Equal(0, r.Int32());
            var results = r.Array(f, x =>
            {
                Assert.Equal(0, x.Int16());
                Assert.Null(x.String(f));
                Assert.Equal(4, x.Int8());
                Assert.Equal("1", x.String(f));
                var entries = x.Array(f, y =>
                {
                    string key = y.RequiredString(f);
                    string? value = y.String(f);
                    Assert.False(y.Bool()); // read only
                    sbyte source = y.Int8();
                    Assert.False(y.Bool()); // sensitive
                    var synonyms = y.Array(f, z =>
                    {
                        (string, string?, sbyte) s = (z.RequiredString(f), z.String(f), z.Int8());
                        z.SkipTags(f);
                        return s;
                    })!;
                    if (v >= 3)
                    {
                        Assert.Equal(5, y.Int8()); // config type LONG
                        Assert.Null(y.String(f)); // documentation (not asked for)
                    }

                    y.SkipTags(f);
                    return (key, value, source, synonyms);
                })!;
                x.SkipTags(f);
                return entries;
            })!;
            var entry = Assert.Single(Assert.Single(results));
            Assert.Equal(("leader.replication.throttled.rate", "500", (sbyte)2), (entry.key, entry.value, entry.source));
            Assert.Equal(new (string, string?, sbyte)[] { ("leader.replication.throttled.rate", "500", 2), ("leader.replication.throttled.rate", "9223372036854775807", 5) }, entry.synonyms);
            r.SkipTags(f);
            Assert.True(r.Remaining == 0, $"DescribeConfigs v{v}: {r.Remaining} bytes left over");
        }
    }

    [Fact(Timeout = 30000)]
    public async Task DescribeCluster_V0AndV1_BrokersControllerAndEndpointType()
    {
        await using TestKafkaCluster c = await StartAsync();
        for (short v = 0; v <= 1; v++)
        {
            foreach (sbyte endpointType in v == 0 ? new sbyte[] { 1 } : new sbyte[] { 1, 2 })
            {
                byte[] answer = await ExchangeAsync(c, ApiKeys.DescribeCluster, v, true, w =>
                {
                    w.Bool(false);
                    if (v >= 1)
                    {
                        w.Int8(endpointType);
                    }

                    w.NoTags(true);
                });

                var r = new KafkaReader(answer, 4);
                r.SkipTags(true);
                Assert.Equal(0, r.Int32());
                short code = r.Int16();
                _ = r.String(true);
                if (v >= 1)
                {
                    Assert.Equal(endpointType, r.Int8());
                }

                Assert.Equal(c.ClusterId, r.String(true));
                Assert.Equal(c.ControllerId, r.Int32());
                var brokers = r.Array(true, x =>
                {
                    (int Id, string Host, int Port, string? Rack) b = (x.Int32(), x.RequiredString(true), x.Int32(), x.String(true));
                    x.SkipTags(true);
                    return b;
                })!;
                _ = r.Int32();
                r.SkipTags(true);
                Assert.Equal(0, r.Remaining);
                if (endpointType == 1)
                {
                    Assert.Equal(0, code);
                    Assert.Equal(c.Brokers.Select(b => (b.Id, b.Rack)), brokers.Select(b => (b.Id, b.Rack)));
                }
                else
                {
                    Assert.Equal(114, code); // MISMATCHED_ENDPOINT_TYPE: a broker does not describe the controllers
                    Assert.Empty(brokers);
                }
            }
        }
    }

    /// <summary>One request on a fresh connection to broker 1: header v1 (v2 when flexible), the body, and the raw answer.</summary>
    private static async Task<byte[]> ExchangeAsync(TestKafkaCluster c, short key, short version, bool flexible, Action<KafkaWriter> body)
    {
        var w = new KafkaWriter();
        w.Int32(0);
        w.Int16(key);
        w.Int16(version);
        w.Int32(1);
        w.String("layout-test", false);
        w.NoTags(flexible);
        body(w);
        w.PatchInt32(0, w.Length - 4);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", c.PortOf(1));
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(w.ToArray());
        byte[] size = new byte[4];
        await stream.ReadExactlyAsync(size);
        byte[] answer = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(answer);
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(answer));
        return answer;
    }
}
