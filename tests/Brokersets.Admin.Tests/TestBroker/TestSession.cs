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

    public void Handle(short key, short v, bool f, KafkaReader r, KafkaWriter w, short injected)
    {
        if (!_authenticated && key is not (ApiKeys.ApiVersions or ApiKeys.SaslHandshake or ApiKeys.SaslAuthenticate))
        {
            CloseAfterResponse = true; // Kafka closes unauthenticated connections that send other requests
            return;
        }

        lock (_c.Gate)
        {
            switch (key)
            {
                case ApiKeys.ApiVersions: ApiVersions(_c.AdvertisedVersions(), v, f, w); break;
                case ApiKeys.Metadata: Metadata(v, r, w, injected); break;
                case ApiKeys.CreateTopics: CreateTopics(v, r, w, injected); break;
                case ApiKeys.CreatePartitions: CreatePartitions(r, w, injected); break;
                case ApiKeys.DescribeConfigs: DescribeConfigs(r, w, injected); break;
                case ApiKeys.IncrementalAlterConfigs: IncrementalAlterConfigs(r, w, injected); break;
                case ApiKeys.ElectLeaders: ElectLeaders(r, w, injected); break;
                case ApiKeys.AlterPartitionReassignments: AlterReassignments(v, r, w, injected); break;
                case ApiKeys.ListPartitionReassignments: ListReassignments(r, w, injected); break;
                case ApiKeys.SaslHandshake: SaslHandshake(r, w); break;
                case ApiKeys.SaslAuthenticate: SaslAuthenticate(r, w); break;
                default: CloseAfterResponse = true; break;
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

    private void Metadata(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        List<string?>? requested = r.Array(true, x =>
        {
            if (v >= 10)
            {
                _ = x.Uuid();
            }

            string? name = x.String(true);
            x.SkipTags(true);
            return name;
        });
        _ = r.Bool(); // allow auto topic creation
        if (v <= 10)
        {
            _ = r.Bool();
        }

        _ = r.Bool();
        r.SkipTags(true);

        w.Int32(0);
        w.Array(_c.LiveBrokersLocked().ToList(), true, (w, b) =>
        {
            w.Int32(b.Id);
            w.String("127.0.0.1", true);
            w.Int32(_c.PortOf(b.Id));
            w.String(b.Rack, true);
            w.NoTags(true);
        });
        w.String(_c.ClusterId, true);
        w.Int32(_c.ControllerId);
        IEnumerable<string> names = requested is null ? _c.Topics.Keys.Order(StringComparer.Ordinal) : requested.Select(n => n ?? "");
        w.Array(names.ToList(), true, (w, name) =>
        {
            _c.Topics.TryGetValue(name, out TestTopic? t);
            w.Int16(injected != 0 ? injected : t is null ? UnknownTopic : (short)0);
            w.String(name, true);
            if (v >= 10)
            {
                w.Uuid(t?.Id ?? Guid.Empty);
            }

            w.Bool(t?.IsInternal ?? false);
            w.Array(t is null || injected != 0 ? new List<TestPartition>() : t.Partitions, true, static (w, p) =>
            {
                w.Int16(0);
                w.Int32(p.Index);
                w.Int32(p.Leader);
                w.Int32(0);
                w.Int32Array(p.Replicas, true);
                w.Int32Array(p.Isr, true);
                w.Int32Array(Array.Empty<int>(), true);
                w.NoTags(true);
            });
            w.Int32(int.MinValue);
            w.NoTags(true);
        });
        if (v <= 10)
        {
            w.Int32(int.MinValue);
        }

        if (v >= 13)
        {
            w.Int16(0);
        }

        w.NoTags(true);
    }

    private void CreateTopics(short v, KafkaReader r, KafkaWriter w, short injected)
    {
        var topics = r.Array(false, x => (
            Name: x.RequiredString(false),
            Count: x.Int32(),
            Rf: x.Int16(),
            Assignments: x.Array(false, y => (Index: y.Int32(), Brokers: y.Int32Array(false)!))!,
            Configs: x.Array(false, y => (y.RequiredString(false), y.String(false)))!))!;
        _ = r.Int32();
        bool validateOnly = v >= 1 && r.Bool();

        if (v >= 2)
        {
            w.Int32(0);
        }

        w.Array(topics, false, (w, t) =>
        {
            (short code, string? message) = injected != 0 ? (injected, "injected") : ValidateNewTopic(t.Name, t.Count, t.Rf, t.Assignments);
            if (code == 0 && !validateOnly)
            {
                var topic = new TestTopic(t.Name);
                foreach ((int index, List<int> brokers) in t.Assignments.OrderBy(a => a.Index))
                {
                    topic.Partitions.Add(new TestPartition(index, brokers));
                }

                _c.Topics.Add(t.Name, topic);
            }

            w.String(t.Name, false);
            w.Int16(code);
            w.String(message, false);
        });
    }

    private (short, string?) ValidateNewTopic(string name, int count, short rf, List<(int Index, List<int> Brokers)> assignments)
    {
        if (_c.Topics.ContainsKey(name))
        {
            return (TopicExists, $"Topic '{name}' already exists.");
        }

        if (assignments.Count == 0)
        {
            return (InvalidReplicaAssignment, "The test broker only creates topics with explicit assignments.");
        }

        if (count != -1 || rf != -1)
        {
            return (InvalidReplicaAssignment, "Both numPartitions and replicationFactor must be -1 with a manual assignment.");
        }

        if (!assignments.Select(a => a.Index).Order().SequenceEqual(Enumerable.Range(0, assignments.Count)))
        {
            return (InvalidReplicaAssignment, "Partitions must be 0..n-1.");
        }

        if (assignments.Select(a => a.Brokers.Count).Distinct().Count() != 1)
        {
            return (InvalidReplicationFactor, "All partitions must have the same number of replicas.");
        }

        return ValidateReplicaLists(assignments.Select(a => a.Brokers));
    }

    private (short, string?) ValidateReplicaLists(IEnumerable<List<int>> lists)
    {
        foreach (List<int> l in lists)
        {
            if (l.Count == 0 || l.Distinct().Count() != l.Count)
            {
                return (InvalidReplicaAssignment, $"Replica list [{string.Join(",", l)}] is empty or repeats a broker.");
            }

            int unknown = l.FirstOrDefault(b => _c.Brokers.All(x => x.Id != b), -1);
            if (unknown != -1)
            {
                return (InvalidReplicaAssignment, $"Broker {unknown} does not exist.");
            }
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
                    (code, message) = (InvalidReplicaAssignment, "The test broker needs one explicit assignment per new partition.");
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

    private void DescribeConfigs(KafkaReader r, KafkaWriter w, short injected)
    {
        var resources = r.Array(false, x => (Type: x.Int8(), Name: x.RequiredString(false), Keys: x.Array(false, y => y.RequiredString(false))))!;
        bool synonyms = r.Bool();
        string self = _brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.Int32(0);
        w.Array(resources, false, (w, res) =>
        {
            (short code, string? message) = injected != 0 ? (injected, "injected")
                : res.Type == 2 && !_c.Topics.ContainsKey(res.Name) ? (UnknownTopic, $"Topic '{res.Name}' does not exist.")
                : res.Type == 4 && res.Name.Length > 0 && res.Name != self ? (InvalidRequest, $"Unexpected broker id, expected {self} or empty string, but received {res.Name}")
                : ((short)0, null);
            w.Int16(code);
            w.String(message, false);
            w.Int8(res.Type);
            w.String(res.Name, false);
            List<(string Key, List<(string? Value, sbyte Source)> Layers)> configs = code != 0 ? new() :
                _c.DescribeLocked(res.Type, res.Name).Where(c => res.Keys is null || res.Keys.Contains(c.Key)).ToList();
            w.Array(configs, false, (w, c) =>
            {
                w.String(c.Key, false);
                w.String(c.Layers[0].Value, false);
                w.Bool(false);
                w.Int8(c.Layers[0].Source);
                w.Bool(false);
                w.Array(synonyms ? c.Layers : new(), false, (w, l) =>
                {
                    w.String(c.Key, false);
                    w.String(l.Value, false);
                    w.Int8(l.Source);
                });
            });
        });
    }

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
        if (v >= 1)
        {
            _ = r.Bool();
        }

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
                (short code, string? message) = AlterOne(t.Name, p.Index, p.Replicas);
                w.Int32(p.Index);
                w.Int16(code);
                w.String(message, true);
                w.NoTags(true);
            });
            w.NoTags(true);
        });
        w.NoTags(true);
    }

    private (short, string?) AlterOne(string topicName, int index, List<int>? replicas)
    {
        if (!_c.Topics.TryGetValue(topicName, out TestTopic? topic) || index >= topic.Partitions.Count)
        {
            return (UnknownTopic, "Unknown topic or partition.");
        }

        TestPartition p = topic.Partitions[index];
        if (replicas is null)
        {
            if (p.Move is null)
            {
                return (NoReassignment, "No reassignment in progress.");
            }

            _c.AlterSubmissions.Enqueue((topicName, index, null));
            p.Replicas = new List<int>(p.Move.Original);
            p.Isr = new List<int>(p.Move.Original);
            if (!p.Replicas.Contains(p.Leader))
            {
                p.Leader = p.Replicas[0];
            }

            p.Move = null;
            return (0, null);
        }

        (short code, string? message) = ValidateReplicaLists(new[] { replicas });
        if (code != 0)
        {
            return (code, message);
        }

        _c.AlterSubmissions.Enqueue((topicName, index, replicas.ToArray()));
        if (p.Move is null && p.Replicas.SequenceEqual(replicas))
        {
            return (0, null);
        }

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
