using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Brokersets.Admin.Protocol;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>
/// One connection's state (SASL) and the request handlers. Layouts follow Kafka's message definitions
/// (clients/src/main/resources/common/message/*.json) for exactly the advertised versions.
/// </summary>
internal sealed class TestSession
{
    private const short UnknownTopic = 3;
    private const short TopicExists = 36;
    private const short InvalidPartitions = 37;
    private const short InvalidReplicationFactor = 38;
    private const short InvalidReplicaAssignment = 39;
    private const short InvalidConfig = 40;
    private const short InvalidRequest = 42;
    private const short SaslFailed = 58;
    private const short IllegalSaslState = 34;
    private const short UnsupportedSasl = 33;
    private const short ElectionNotNeeded = 84;
    private const short NoReassignment = 85;
    private const short NotController = 41;
    private const short UnknownTopicId = 100;

    private readonly TestKafkaCluster _c;
    private readonly int _brokerId;
    private bool _authenticated;
    private string? _mechanism;
    private string? _scramUser;
    private string? _scramClientFirstBare;
    private string? _scramServerFirst;
    private string? _scramNonce;

    public TestSession(TestKafkaCluster cluster, int brokerId, bool authenticated)
    {
        _c = cluster;
        _brokerId = brokerId;
        _authenticated = authenticated;
    }

    public bool CloseAfterResponse { get; private set; }

    /// <summary>Close the connection without answering (Kafka's answer to a request it cannot parse or does not serve).</summary>
    public bool CloseWithoutResponse { get; private set; }

    public void Handle(short key, short v, bool f, KafkaReader r, KafkaWriter w, short injected)
    {
        if (!_authenticated && key is not (ApiKeys.ApiVersions or ApiKeys.SaslHandshake or ApiKeys.SaslAuthenticate))
        {
            CloseWithoutResponse = true; // Kafka closes unauthenticated connections that send other requests
            return;
        }

        lock (_c.Gate)
        {
            (short Key, short Min, short Max)[] advertised = _c.AdvertisedVersions();
            if (key != ApiKeys.ApiVersions && !advertised.Any(a => a.Key == key && v >= a.Min && v <= a.Max))
            {
                // SocketServer.parseRequestHeader: a key or version the broker does not serve is an
                // UnsupportedVersion/InvalidRequest exception, and Kafka closes the connection without answering;
                // only ApiVersions falls back to a v0 answer (below). Clients never get here: they pick from ApiVersions.
                CloseWithoutResponse = true;
                return;
            }

            if (_c.Mode == TestControllerMode.ZooKeeper && _brokerId != _c.ControllerId && injected == 0 && key is
                ApiKeys.CreateTopics or ApiKeys.CreatePartitions or ApiKeys.ElectLeaders or ApiKeys.AlterPartitionReassignments or ApiKeys.ListPartitionReassignments)
            {
                injected = NotController; // ZooKeeper mode: only the controller takes these; KRaft brokers forward them
            }

            switch (key)
            {
                case ApiKeys.ApiVersions: ApiVersions(advertised, v, f, w); break;
                case ApiKeys.Metadata: Metadata(v, r, w, injected); break;
                case ApiKeys.CreateTopics: CreateTopics(v, r, w, injected); break;
                case ApiKeys.CreatePartitions: CreatePartitions(r, w, injected); break;
                case ApiKeys.DescribeConfigs: DescribeConfigs(v, r, w, injected); break;
                case ApiKeys.DescribeLogDirs: TestLogDirsHandler.Handle(_c, _brokerId, v, r, w, injected); break;
                case ApiKeys.IncrementalAlterConfigs: IncrementalAlterConfigs(r, w, injected); break;
                case ApiKeys.ElectLeaders: ElectLeaders(r, w, injected); break;
                case ApiKeys.AlterPartitionReassignments: AlterReassignments(v, r, w, injected); break;
                case ApiKeys.ListPartitionReassignments: ListReassignments(r, w, injected); break;
                case ApiKeys.DescribeCluster: DescribeCluster(v, r, w, injected); break;
                case ApiKeys.SaslHandshake: SaslHandshake(r, w); break;
                case ApiKeys.SaslAuthenticate: SaslAuthenticate(r, w); break;
                default: CloseWithoutResponse = true; break;
            }
        }
    }

    private static void ApiVersions((short Key, short Min, short Max)[] advertised, short v, bool f, KafkaWriter w)
    {
        if (v > 3)
        {
            // UNSUPPORTED_VERSION in a v0 body, with our ranges (KIP-511), so the client retries lower.
            w.Int16(ApiKeys.UnsupportedVersion);
            w.Array(advertised, false, static (w, a) => { w.Int16(a.Key); w.Int16(a.Min); w.Int16(a.Max); });
            return;
        }

        w.Int16(0);
        w.Array(advertised, f, (w, a) =>
        {
            w.Int16(a.Key);
            w.Int16(a.Min);
            w.Int16(a.Max);
            w.NoTags(f);
        });
        if (v >= 1)
        {
            w.Int32(0);
        }

        w.NoTags(f);
    }

    /// <summary>Metadata v0–v13 (MetadataRequest.json / MetadataResponse.json); flexible from v9.</summary>
    private void Metadata(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        bool f = v >= 9;
        List<(Guid Id, string? Name)>? requested = v == 0 ? r.Array(false, ReadTopic) : r.Array(f, ReadTopic);
        if (v == 0 && requested is { Count: 0 })
        {
            requested = null; // v0: an empty list means every topic
        }

        if (v >= 4)
        {
            _ = r.Bool(); // allowAutoTopicCreation (the test broker never creates topics on Metadata)
        }

        if (v is >= 8 and <= 10)
        {
            _ = r.Bool(); // includeClusterAuthorizedOperations
        }

        if (v >= 8)
        {
            _ = r.Bool(); // includeTopicAuthorizedOperations
        }

        r.SkipTags(f);

        if (v >= 3)
        {
            w.Int32(0);
        }

        w.Array(_c.LiveBrokersLocked().ToList(), f, (w, b) =>
        {
            w.Int32(b.Id);
            w.String("127.0.0.1", f);
            w.Int32(_c.PortOf(b.Id));
            if (v >= 1)
            {
                w.String(b.Rack, f);
            }

            w.NoTags(f);
        });
        if (v >= 2)
        {
            w.String(_c.ClusterId, f);
        }

        if (v >= 1)
        {
            w.Int32(_c.ControllerId);
        }

        List<(Guid Id, string? Name)> names = requested ?? _c.Topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (Guid.Empty, (string?)t.Name)).ToList();
        w.Array(names, f, (w, q) =>
        {
            TestTopic? t = q.Name is not null ? _c.Topics.GetValueOrDefault(q.Name) : _c.Topics.Values.FirstOrDefault(x => x.Id == q.Id);
            short code = injected != 0 ? injected : t is not null ? (short)0 : q.Name is null ? UnknownTopicId : UnknownTopic;
            w.Int16(code);
            w.String(t?.Name ?? q.Name, f);
            if (v >= 10)
            {
                w.Uuid(t?.Id ?? Guid.Empty);
            }

            if (v >= 1)
            {
                w.Bool(t?.IsInternal ?? false);
            }

            w.Array(t is null || injected != 0 ? new List<TestPartition>() : t.Partitions, f, (w, p) =>
            {
                w.Int16(0);
                w.Int32(p.Index);
                w.Int32(p.Leader);
                if (v >= 7)
                {
                    w.Int32(p.LeaderEpoch);
                }

                w.Int32Array(p.Replicas, f);
                w.Int32Array(p.Isr, f);
                if (v >= 5)
                {
                    w.Int32Array(Array.Empty<int>(), f);
                }

                w.NoTags(f);
            });
            if (v >= 8)
            {
                w.Int32(int.MinValue);
            }

            w.NoTags(f);
        });
        if (v is >= 8 and <= 10)
        {
            w.Int32(int.MinValue);
        }

        if (v >= 13)
        {
            w.Int16(0);
        }

        w.NoTags(f);

        (Guid, string?) ReadTopic(KafkaReader x)
        {
            Guid id = v >= 10 ? x.Uuid() : Guid.Empty;
            string? name = v >= 10 ? x.String(true) : x.RequiredString(f);
            x.SkipTags(f);
            return (id, name);
        }
    }

    /// <summary>DescribeCluster v0–v1 (DescribeClusterRequest.json / DescribeClusterResponse.json); flexible in every version.</summary>
    private void DescribeCluster(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        _ = r.Bool(); // includeClusterAuthorizedOperations
        sbyte endpointType = v >= 1 ? r.Int8() : (sbyte)1;
        r.SkipTags(true);

        w.Int32(0);
        (short code, string? message) = injected != 0 ? (injected, "injected")
            : endpointType != 1 ? ((short)114, "The request was sent to an endpoint of the wrong type.") // MISMATCHED_ENDPOINT_TYPE: brokers serve type 1 (brokers) only
            : ((short)0, null);
        w.Int16(code);
        w.String(message, true);
        if (v >= 1)
        {
            w.Int8(endpointType);
        }

        w.String(_c.ClusterId, true);
        w.Int32(_c.ControllerId);
        w.Array(code != 0 ? new List<(int Id, string? Rack)>() : _c.LiveBrokersLocked().ToList(), true, (w, b) =>
        {
            w.Int32(b.Id);
            w.String("127.0.0.1", true);
            w.Int32(_c.PortOf(b.Id));
            w.String(b.Rack, true);
            w.NoTags(true);
        });
        w.Int32(int.MinValue);
        w.NoTags(true);
    }

    /// <summary>
    /// CreateTopics v2–v7 (CreateTopicsRequest.json / CreateTopicsResponse.json; flexible from v5, topic id from v7),
    /// validated like Kafka's KRaft controller (ReplicationControlManager.createTopic): a manual assignment needs
    /// numPartitions and replicationFactor -1 and partitions 0..n-1 of one replication factor; without one the topic is
    /// placed round-robin over the brokers by id (not Kafka's randomised rack-aware placement).
    /// </summary>
    private void CreateTopics(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        bool f = v >= 5;
        var topics = r.Array(f, x =>
        {
            string name = x.RequiredString(f);
            int count = x.Int32();
            short rf = x.Int16();
            var assignments = x.Array(f, y =>
            {
                (int Index, List<int> Brokers) a = (y.Int32(), y.Int32Array(f)!);
                y.SkipTags(f);
                return a;
            })!;
            var configs = x.Array(f, y =>
            {
                (string Key, string? Value) c = (y.RequiredString(f), y.String(f));
                y.SkipTags(f);
                return c;
            })!;
            x.SkipTags(f);
            return (Name: name, Count: count, Rf: rf, Assignments: assignments, Configs: configs);
        })!;
        _ = r.Int32();
        bool validateOnly = r.Bool();
        r.SkipTags(f);

        w.Int32(0);
        w.Array(topics, f, (w, t) =>
        {
            (short code, string? message, List<List<int>>? placed) = injected != 0 ? (injected, "injected", null) : ValidateNewTopic(t.Name, t.Count, t.Rf, t.Assignments);
            TestTopic? created = null;
            if (code == 0)
            {
                created = new TestTopic(t.Name);
                for (int p = 0; p < placed!.Count; p++)
                {
                    created.Partitions.Add(new TestPartition(p, placed[p]));
                }

                if (!validateOnly)
                {
                    _c.Topics.Add(t.Name, created);
                    foreach ((string key, string? value) in t.Configs.Where(c => c.Value is not null))
                    {
                        _c.SetConfig(2, t.Name, key, value!); // the lock is re-entrant
                    }
                }
            }

            w.String(t.Name, f);
            if (v >= 7)
            {
                w.Uuid(created is null || validateOnly ? Guid.Empty : created.Id);
            }

            w.Int16(code);
            w.String(message, f);
            if (v >= 5)
            {
                w.Int32(created?.Partitions.Count ?? -1);
                w.Int32(created?.Partitions[0].Replicas.Count ?? -1);
                List<(string Key, List<(string? Value, sbyte Source)> Layers)>? configs = created is null ? null
                    : validateOnly ? new() : _c.DescribeLocked(2, t.Name);
                w.Array(configs, true, static (w, c) =>
                {
                    w.String(c.Key, true);
                    w.String(c.Layers[0].Value, true);
                    w.Bool(false);
                    w.Int8(c.Layers[0].Source);
                    w.Bool(false);
                    w.NoTags(true);
                });
            }

            w.NoTags(f);
        });
        w.NoTags(f);
    }

    private (short, string?, List<List<int>>?) ValidateNewTopic(string name, int count, short rf, List<(int Index, List<int> Brokers)> assignments)
    {
        if (_c.Topics.ContainsKey(name))
        {
            return (TopicExists, $"Topic '{name}' already exists.", null);
        }

        if (name.Length == 0 || name.Length > 249 || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return (17, $"Topic name \"{name}\" is illegal.", null); // INVALID_TOPIC_EXCEPTION
        }

        if (assignments.Count > 0)
        {
            if (rf != -1)
            {
                return (InvalidReplicationFactor, "A manual partition assignment was specified, but replication factor was not set to -1.", null);
            }

            if (count != -1)
            {
                return (InvalidPartitions, "A manual partition assignment was specified, but numPartitions was not set to -1.", null);
            }

            List<(int Index, List<int> Brokers)> ordered = assignments.OrderBy(a => a.Index).ToList();
            for (int i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].Index != i)
                {
                    return (InvalidReplicaAssignment, "Partitions should be a consecutive 0-based integer sequence", null);
                }

                (short code, string? message) = ValidateReplicaList(ordered[i].Brokers, i == 0 ? null : ordered[0].Brokers.Count);
                if (code != 0)
                {
                    return (code, message, null);
                }
            }

            return (0, null, ordered.Select(a => a.Brokers).ToList());
        }

        int partitions = count == -1 ? 1 : count; // num.partitions, default.replication.factor: Kafka's defaults
        int replicas = rf == -1 ? 1 : rf;
        if (partitions <= 0)
        {
            return (InvalidPartitions, "Number of partitions was set to an invalid non-positive value.", null);
        }

        if (replicas <= 0)
        {
            return (InvalidReplicationFactor, "Replication factor must be larger than 0, or -1 to use the default value.", null);
        }

        int[] ids = _c.Brokers.Select(b => b.Id).Order().ToArray();
        if (replicas > ids.Length)
        {
            return (InvalidReplicationFactor, $"Unable to replicate the partition {replicas} time(s): The target replication factor of {replicas} cannot be reached because only {ids.Length} broker(s) are registered.", null);
        }

        return (0, null, Enumerable.Range(0, partitions).Select(p => Enumerable.Range(0, replicas).Select(j => ids[(p + j) % ids.Length]).ToList()).ToList());
    }

    /// <summary>Kafka's validateManualPartitionAssignment: not empty, every broker registered, none twice, and (when given) the replication factor of the previous partitions.</summary>
    private (short, string?) ValidateReplicaList(List<int> replicas, int? replicationFactor = null)
    {
        if (replicas.Count == 0)
        {
            return (InvalidReplicaAssignment, "The manual partition assignment includes an empty replica list.");
        }

        var seen = new HashSet<int>();
        foreach (int b in replicas.Order())
        {
            if (_c.Brokers.All(x => x.Id != b))
            {
                return (InvalidReplicaAssignment, $"The manual partition assignment includes broker {b}, but no such broker is registered.");
            }

            if (!seen.Add(b))
            {
                return (InvalidReplicaAssignment, $"The manual partition assignment includes the broker {b} more than once.");
            }
        }

        if (replicationFactor is int expected && replicas.Count != expected)
        {
            return (InvalidReplicaAssignment, $"The manual partition assignment includes a partition with {replicas.Count} replica(s), but this is not consistent with previous partitions, which have {expected} replica(s).");
        }

        return (0, null);
    }

    private (short, string?) ValidateReplicaLists(IEnumerable<List<int>> lists)
    {
        int? rf = null;
        foreach (List<int> l in lists)
        {
            (short code, string? message) = ValidateReplicaList(l, rf);
            if (code != 0)
            {
                return (code, message);
            }

            rf = l.Count;
        }

        return (0, null);
    }

    private void CreatePartitions(KafkaReader r, KafkaWriter w, short injected)
    {
        var topics = r.Array(true, x =>
        {
            string name = x.RequiredString(true);
            int count = x.Int32();
            List<List<int>>? assignments = x.Array(true, y =>
            {
                List<int> b = y.Int32Array(true)!;
                y.SkipTags(true);
                return b;
            });
            x.SkipTags(true);
            return (Name: name, Count: count, Assignments: assignments);
        })!;
        _ = r.Int32();
        bool validateOnly = r.Bool();
        r.SkipTags(true);

        w.Int32(0);
        w.Array(topics, true, (w, t) =>
        {
            short code = injected;
            string? message = injected != 0 ? "injected" : null;
            if (code == 0)
            {
                if (!_c.Topics.TryGetValue(t.Name, out TestTopic? topic))
                {
                    (code, message) = (UnknownTopic, $"Topic '{t.Name}' does not exist.");
                }
                else if (t.Count <= topic.Partitions.Count)
                {
                    (code, message) = (InvalidPartitions, $"Topic already has {topic.Partitions.Count} partitions.");
                }
                else if (t.Assignments is null || t.Assignments.Count != t.Count - topic.Partitions.Count)
                {
                    (code, message) = (InvalidReplicaAssignment, $"Attempted to add {t.Count - topic.Partitions.Count} additional partition(s), but only {t.Assignments?.Count ?? 0} assignment(s) were specified.");
                }
                else
                {
                    (code, message) = ValidateReplicaLists(t.Assignments);
                    if (code == 0 && !validateOnly)
                    {
                        foreach (List<int> a in t.Assignments)
                        {
                            topic.Partitions.Add(new TestPartition(topic.Partitions.Count, a));
                        }
                    }
                }
            }

            w.String(t.Name, true);
            w.Int16(code);
            w.String(message, true);
            w.NoTags(true);
        });
        w.NoTags(true);
    }

    /// <summary>DescribeConfigs v1–v4 (DescribeConfigsRequest.json / DescribeConfigsResponse.json); flexible from v4, config type and documentation from v3.</summary>
    private void DescribeConfigs(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        bool f = v >= 4;
        var resources = r.Array(f, x =>
        {
            (sbyte Type, string Name, List<string>? Keys) res = (x.Int8(), x.RequiredString(f), x.Array(f, y => y.RequiredString(f)));
            x.SkipTags(f);
            return res;
        })!;
        bool synonyms = r.Bool();
        bool documentation = v >= 3 && r.Bool();
        r.SkipTags(f);
        string self = _brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.Int32(0);
        w.Array(resources, f, (w, res) =>
        {
            (short code, string? message) = injected != 0 ? (injected, "injected")
                : res.Type == 2 && !_c.Topics.ContainsKey(res.Name) ? (UnknownTopic, $"Topic '{res.Name}' does not exist.")
                : res.Type == 4 && res.Name.Length > 0 && res.Name != self ? (InvalidRequest, $"Unexpected broker id, expected {self} or empty string, but received {res.Name}")
                : res.Type is not (2 or 4) ? (InvalidRequest, $"Unsupported resource type {res.Type}") // the test broker knows topics and brokers only
                : ((short)0, null);
            w.Int16(code);
            w.String(message, f);
            w.Int8(res.Type);
            w.String(res.Name, f);
            List<(string Key, List<(string? Value, sbyte Source)> Layers)> configs = code != 0 ? new() :
                _c.DescribeLocked(res.Type, res.Name).Where(c => res.Keys is null || res.Keys.Contains(c.Key)).ToList();
            w.Array(configs, f, (w, c) =>
            {
                w.String(c.Key, f);
                w.String(c.Layers[0].Value, f);
                w.Bool(false);
                w.Int8(c.Layers[0].Source);
                w.Bool(false);
                w.Array(synonyms ? c.Layers : new(), f, (w, l) =>
                {
                    w.String(c.Key, f);
                    w.String(l.Value, f);
                    w.Int8(l.Source);
                    w.NoTags(f);
                });
                if (v >= 3)
                {
                    w.Int8(ConfigType(c.Key));
                    w.String(documentation ? "(the test broker has no documentation)" : null, f);
                }

                w.NoTags(f);
            });
            w.NoTags(f);
        });
        w.NoTags(f);
    }

    /// <summary>DescribeConfigs' configType (v3+): LONG 5 for rates, LIST 7 for throttled-replica lists, else STRING 2 (UNKNOWN is 0).</summary>
    private static sbyte ConfigType(string key) =>
        key.EndsWith(".rate", StringComparison.Ordinal) ? (sbyte)5 : key.EndsWith(".replicas", StringComparison.Ordinal) ? (sbyte)7 : (sbyte)2;

    private void IncrementalAlterConfigs(KafkaReader r, KafkaWriter w, short injected)
    {
        var resources = r.Array(true, x =>
        {
            sbyte type = x.Int8();
            string name = x.RequiredString(true);
            var ops = x.Array(true, y =>
            {
                (string Key, sbyte Op, string? Value) op = (y.RequiredString(true), y.Int8(), y.String(true));
                y.SkipTags(true);
                return op;
            })!;
            x.SkipTags(true);
            return (Type: type, Name: name, Ops: ops);
        })!;
        bool validateOnly = r.Bool();
        r.SkipTags(true);

        w.Int32(0);
        w.Array(resources, true, (w, res) =>
        {
            short code = injected;
            string? message = injected != 0 ? "injected" : null;
            if (code == 0 && res.Type == 2 && !_c.Topics.ContainsKey(res.Name))
            {
                (code, message) = (UnknownTopic, $"Topic '{res.Name}' does not exist.");
            }

            if (code == 0 && res.Type == 4 && res.Name.Length > 0 && _c.Brokers.All(b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) != res.Name))
            {
                (code, message) = (InvalidConfig, $"Broker '{res.Name}' does not exist.");
            }

            if (code == 0)
            {
                foreach ((string key, sbyte op, string? value) in res.Ops)
                {
                    if (op == 0 && key.EndsWith("throttled.replicas", StringComparison.Ordinal) && !IsThrottleList(value))
                    {
                        (code, message) = (InvalidConfig, $"Invalid value '{value}' for {key}.");
                    }
                }
            }

            if (code == 0 && !validateOnly)
            {
                if (!_c.Configs.TryGetValue((res.Type, res.Name), out Dictionary<string, string>? configs))
                {
                    configs = new Dictionary<string, string>(StringComparer.Ordinal);
                    _c.Configs[(res.Type, res.Name)] = configs;
                }

                foreach ((string key, sbyte op, string? value) in res.Ops)
                {
                    if (op == 1)
                    {
                        configs.Remove(key);
                        _c.ConfigOperations.Enqueue((res.Type, res.Name, key, null));
                    }
                    else
                    {
                        configs[key] = value ?? "";
                        _c.ConfigOperations.Enqueue((res.Type, res.Name, key, value));
                    }
                }
            }

            w.Int16(code);
            w.String(message, true);
            w.Int8(res.Type);
            w.String(res.Name, true);
            w.NoTags(true);
        });
        w.NoTags(true);
    }

    private static bool IsThrottleList(string? value) =>
        value is not null && (value == "*" || value.Length == 0 || value.Split(',').All(e =>
        {
            string[] parts = e.Trim().Split(':');
            return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
        }));

    private void ElectLeaders(KafkaReader r, KafkaWriter w, short injected)
    {
        sbyte type = r.Int8();
        var requested = r.Array(true, x =>
        {
            (string Topic, List<int> Partitions) t = (x.RequiredString(true), x.Int32Array(true)!);
            x.SkipTags(true);
            return t;
        });
        _ = r.Int32();
        r.SkipTags(true);

        bool explicitList = requested is not null;
        requested ??= _c.Topics.Values.Select(t => (t.Name, t.Partitions.Select(p => p.Index).ToList())).ToList();
        w.Int32(0);
        w.Int16(0);
        w.Array(requested, true, (w, t) =>
        {
            var results = new List<(int, short, string?)>();
            foreach (int index in t.Partitions)
            {
                short code;
                if (injected != 0)
                {
                    code = injected;
                }
                else if (!_c.Topics.TryGetValue(t.Topic, out TestTopic? topic) || index >= topic.Partitions.Count)
                {
                    code = UnknownTopic;
                }
                else
                {
                    TestPartition p = topic.Partitions[index];
                    if (type != 0 || p.Leader == p.Replicas[0])
                    {
                        code = ElectionNotNeeded;
                    }
                    else if (p.Isr.Contains(p.Replicas[0]))
                    {
                        p.Leader = p.Replicas[0];
                        code = 0;
                    }
                    else
                    {
                        code = 80; // PREFERRED_LEADER_NOT_AVAILABLE
                    }
                }

                if (explicitList || code != ElectionNotNeeded)
                {
                    results.Add((index, code, code == 0 ? null : "error"));
                }
            }

            w.String(t.Topic, true);
            w.Array(results, true, static (w, x) =>
            {
                w.Int32(x.Item1);
                w.Int16(x.Item2);
                w.String(x.Item3, true);
                w.NoTags(true);
            });
            w.NoTags(true);
        });
        w.NoTags(true);
    }

    private void AlterReassignments(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        _ = r.Int32();
        bool allowReplicationFactorChange = v < 1 || r.Bool();

        var topics = r.Array(true, x =>
        {
            string name = x.RequiredString(true);
            var partitions = x.Array(true, y =>
            {
                (int Index, List<int>? Replicas) p = (y.Int32(), y.Int32Array(true));
                y.SkipTags(true);
                return p;
            })!;
            x.SkipTags(true);
            return (Name: name, Partitions: partitions);
        })!;
        r.SkipTags(true);

        w.Int32(0);
        if (v >= 1)
        {
            w.Bool(true);
        }

        w.Int16(injected);
        w.String(injected == 0 ? null : "injected", true);
        if (injected != 0)
        {
            w.ArrayLength(0, true);
            w.NoTags(true);
            return;
        }

        w.Array(topics, true, (w, t) =>
        {
            w.String(t.Name, true);
            w.Array(t.Partitions, true, (w, p) =>
            {
                (short code, string? message) = AlterOne(t.Name, p.Index, p.Replicas, allowReplicationFactorChange);
                w.Int32(p.Index);
                w.Int16(code);
                w.String(message, true);
                w.NoTags(true);
            });
            w.NoTags(true);
        });
        w.NoTags(true);
    }

    /// <summary>One partition of AlterPartitionReassignments, as ReplicationControlManager.alterPartitionReassignment answers it.</summary>
    private (short, string?) AlterOne(string topicName, int index, List<int>? replicas, bool allowReplicationFactorChange)
    {
        if (!_c.Topics.TryGetValue(topicName, out TestTopic? topic))
        {
            return (UnknownTopic, $"Unable to find a topic named {topicName}.");
        }

        if (index < 0 || index >= topic.Partitions.Count)
        {
            return (UnknownTopic, $"Unable to find partition {topicName}:{index}.");
        }

        TestPartition p = topic.Partitions[index];
        if (replicas is null)
        {
            (short cancelCode, string? cancelMessage) = TestKafkaCluster.CancelMoveLocked(p, topicName);
            if (cancelCode == 0)
            {
                _c.AlterSubmissions.Enqueue((topicName, index, null));
            }

            return (cancelCode, cancelMessage);
        }

        (short code, string? message) = ValidateReplicaList(replicas);
        if (code != 0)
        {
            return (code, message);
        }

        int currentRf = p.Replicas.Count - (p.Move?.Removing.Count ?? 0);
        if (!allowReplicationFactorChange && replicas.Count != currentRf)
        {
            return (InvalidReplicationFactor, $"The replication factor is changed from {currentRf} to {replicas.Count} but allowReplicationFactorChange is false");
        }

        _c.AlterSubmissions.Enqueue((topicName, index, replicas.ToArray()));
        _c.StartMoveLocked(p, replicas);
        return (0, null);
    }

    private void ListReassignments(KafkaReader r, KafkaWriter w, short injected)
    {
        _ = r.Int32();
        var topics = r.Array(true, x =>
        {
            (string Name, List<int> Partitions) t = (x.RequiredString(true), x.Int32Array(true)!);
            x.SkipTags(true);
            return t;
        });
        r.SkipTags(true);

        // Simulated time: every poll is one tick.
        _c.AdvanceLocked(1);
        w.Int32(0);
        w.Int16(injected);
        w.String(injected == 0 ? null : "injected", true);
        var moving = _c.Topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (t.Name, Partitions: t.Partitions.Where(p => p.Move is not null &&
                (topics is null || topics.Any(q => q.Name == t.Name && q.Partitions.Contains(p.Index)))).ToList()))
            .Where(t => t.Partitions.Count > 0 && injected == 0).ToList();
        w.Array(moving, true, static (w, t) =>
        {
            w.String(t.Name, true);
            w.Array(t.Partitions, true, static (w, p) =>
            {
                w.Int32(p.Index);
                w.Int32Array(p.Replicas, true);
                w.Int32Array(p.Move!.Adding, true);
                w.Int32Array(p.Move.Removing, true);
                w.NoTags(true);
            });
            w.NoTags(true);
        });
        w.NoTags(true);
    }

    private void SaslHandshake(KafkaReader r, KafkaWriter w)
    {
        string mechanism = r.RequiredString(false);
        bool ok = _c.SaslMechanism is not null && mechanism == _c.SaslMechanism;
        _mechanism = ok ? mechanism : null;
        w.Int16(ok ? (short)0 : UnsupportedSasl);
        w.Array(_c.SaslMechanism is null ? new List<string>() : new List<string> { _c.SaslMechanism }, false, static (w, m) => w.String(m, false));
    }

    private void SaslAuthenticate(KafkaReader r, KafkaWriter w)
    {
        byte[] payload = r.Bytes(false);
        (short code, string? message, byte[] answer) = _mechanism switch
        {
            null => (IllegalSaslState, "SaslHandshake first.", Array.Empty<byte>()),
            "PLAIN" => Plain(payload),
            _ => Scram(payload),
        };
        w.Int16(code);
        w.String(message, false);
        w.Bytes(answer, false);
        w.Int64(0);
        if (code != 0)
        {
            CloseAfterResponse = true;
        }
    }

    private (short, string?, byte[]) Plain(byte[] payload)
    {
        string[] parts = Encoding.UTF8.GetString(payload).Split('\0');
        bool ok = parts.Length == 3 && _c.Users.TryGetValue(parts[1], out string? pw) && pw == parts[2];
        _authenticated = ok;
        return ok ? ((short)0, null, Array.Empty<byte>()) : (SaslFailed, "Authentication failed: Invalid username or password", Array.Empty<byte>());
    }

    private (short, string?, byte[]) Scram(byte[] payload)
    {
        SaslMechanismKind kind = _mechanism == "SCRAM-SHA-512" ? SaslMechanismKind.ScramSha512 : SaslMechanismKind.ScramSha256;
        string message = Encoding.UTF8.GetString(payload);
        byte[] salt = Encoding.UTF8.GetBytes("brokersets-test-salt");
        const int Iterations = 4096;
        if (_scramServerFirst is null)
        {
            _scramClientFirstBare = message.StartsWith("n,,", StringComparison.Ordinal) ? message[3..] : message;
            _scramUser = ScramFormulas.UnescapeName(ScramFormulas.Attribute(_scramClientFirstBare, 'n') ?? "");
            _scramNonce = ScramFormulas.Attribute(_scramClientFirstBare, 'r') + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
            _scramServerFirst = $"r={_scramNonce},s={Convert.ToBase64String(salt)},i={Iterations}";
            return (0, null, Encoding.UTF8.GetBytes(_scramServerFirst));
        }

        string withoutProof = message[..message.IndexOf(",p=", StringComparison.Ordinal)];
        string proof = ScramFormulas.Attribute(message, 'p') ?? "";
        if (!_c.Users.TryGetValue(_scramUser ?? "", out string? password) || ScramFormulas.Attribute(message, 'r') != _scramNonce)
        {
            return (SaslFailed, "Authentication failed during authentication due to invalid credentials with SASL mechanism " + _mechanism, Array.Empty<byte>());
        }

        byte[] salted = ScramFormulas.SaltedPassword(kind, password, salt, Iterations);
        string authMessage = _scramClientFirstBare + "," + _scramServerFirst + "," + withoutProof;
        if (Convert.ToBase64String(ScramFormulas.ClientProof(kind, salted, authMessage)) != proof)
        {
            return (SaslFailed, "Authentication failed during authentication due to invalid credentials with SASL mechanism " + _mechanism, Array.Empty<byte>());
        }

        _authenticated = true;
        return (0, null, Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(ScramFormulas.ServerSignature(kind, salted, authMessage))));
    }
}
