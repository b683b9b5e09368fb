using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>
/// An in-process Kafka cluster speaking the wire protocol on 127.0.0.1: several brokers (one listener each) sharing
/// one state (racks, controller, topics, configs, reassignments in flight). Reassignments progress over simulated
/// time: each ListPartitionReassignments request is one tick, and a move completes <see cref="MoveTicks"/> ticks
/// after it was submitted. Faults can be armed per API key.
/// </summary>
internal sealed partial class TestKafkaCluster : IAsyncDisposable
{
    private readonly List<TestBrokerListener> _listeners = new();
    private readonly List<TestFault> _faults = new();

    private TestKafkaCluster(IReadOnlyList<(int Id, string? Rack)> brokers, int controllerId)
    {
        Brokers = brokers;
        ControllerId = controllerId;
    }

    public object Gate { get; } = new();

    public IReadOnlyList<(int Id, string? Rack)> Brokers { get; }

    /// <summary>
    /// The controller: in ZooKeeper mode the only broker that takes controller requests; on KRaft the live broker that
    /// Metadata and DescribeCluster name as controller (Kafka names a random live broker, the test broker this one, so
    /// that tests are deterministic), while every broker takes controller requests and forwards them.
    /// </summary>
    public int ControllerId { get; set; }

    public string ClusterId { get; } = "brokersets-test-cluster";

    public Dictionary<string, TestTopic> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Dynamic configs by (resource type 2 = topic / 4 = broker, resource name); broker name "" holds the cluster-wide defaults.</summary>
    public Dictionary<(sbyte Type, string Name), Dictionary<string, string>> Configs { get; } = new();

    /// <summary>Static broker configs (server.properties), the same on every broker: DescribeConfigs reports them with source STATIC_BROKER_CONFIG (4).</summary>
    public Dictionary<string, string> StaticBrokerConfigs { get; } = new(StringComparer.Ordinal);

    public long Tick { get; set; }

    /// <summary>How many List polls a move takes. Default 2.</summary>
    public int MoveTicks { get; set; } = 2;

    /// <summary>The controller imitated: KRaft (default) or ZooKeeper mode (see <see cref="TestControllerMode"/>).</summary>
    public TestControllerMode Mode { get; set; }

    /// <summary>SASL mechanism required on every connection (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), or <see langword="null"/>.</summary>
    public string? SaslMechanism { get; init; }

    public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>When set (with <see cref="TlsCertificate"/>), every connection must present a client certificate issued by this CA (mTLS).</summary>
    public X509Certificate2? TlsClientCa { get; init; }

    /// <summary>The subjects of the client certificates accepted (mTLS), in arrival order.</summary>
    public ConcurrentQueue<string> TlsClientSubjects { get; } = new();

    /// <summary>Raw request frames (after the size prefix), in arrival order, for byte-level assertions.</summary>
    public ConcurrentQueue<byte[]> RawRequests { get; } = new();

    /// <summary>Versions advertised instead of <see cref="Advertised"/>'s, per API key (e.g. only v0 of a key).</summary>
    public Dictionary<short, (short Min, short Max)> VersionLimits { get; } = new();

    /// <summary>Every request header seen (broker, key, version), in arrival order.</summary>
    public ConcurrentQueue<(int Broker, short ApiKey, short Version)> Requests { get; } = new();

    /// <summary>Every partition move handled by AlterPartitionReassignments (replicas null = cancellation).</summary>
    public ConcurrentQueue<(string Topic, int Partition, int[]? Replicas)> AlterSubmissions { get; } = new();

    /// <summary>Every config operation handled by IncrementalAlterConfigs (value null = delete).</summary>
    public ConcurrentQueue<(sbyte Type, string Name, string Key, string? Value)> ConfigOperations { get; } = new();

    public string BootstrapServers => string.Join(",", _listeners.Select(l => $"127.0.0.1:{l.Port}"));

    public static async Task<TestKafkaCluster> StartAsync(IReadOnlyList<(int Id, string? Rack)> brokers, int? controllerId = null, string? saslMechanism = null, X509Certificate2? tls = null, X509Certificate2? clientCa = null)
    {
        var cluster = new TestKafkaCluster(brokers, controllerId ?? brokers[0].Id) { SaslMechanism = saslMechanism, TlsCertificate = tls, TlsClientCa = clientCa };
        foreach ((int id, string? rack) in brokers)
        {
            cluster._listeners.Add(TestBrokerListener.Start(cluster, id));
        }

        await Task.Yield();
        return cluster;
    }

    /// <summary>Six brokers 1..6 over racks az-a, az-b, az-c (1,4 / 2,5 / 3,6).</summary>
    public static Task<TestKafkaCluster> StartSixBrokersAsync(string? saslMechanism = null, X509Certificate2? tls = null, X509Certificate2? clientCa = null) =>
        StartAsync(Enumerable.Range(1, 6).Select(i => (i, (string?)("az-" + (char)('a' + ((i - 1) % 3))))).ToList(), 1, saslMechanism, tls, clientCa);

    public int PortOf(int brokerId) => _listeners.Single(l => l.BrokerId == brokerId).Port;

    /// <summary>Makes a broker unreachable (connections refused at once, existing ones closed) or reachable again.</summary>
    public void SetReachable(int brokerId, bool reachable) => _listeners.Single(l => l.BrokerId == brokerId).SetReachable(reachable);

    public void ArmFault(TestFault fault)
    {
        lock (Gate)
        {
            _faults.Add(fault);
        }
    }

    public TestFault? TakeFault(short apiKey, int brokerId)
    {
        lock (Gate)
        {
            TestFault? f = _faults.FirstOrDefault(f => f.ApiKey == apiKey && f.Times > 0 && (f.BrokerId is null || f.BrokerId == brokerId));
            if (f is not null)
            {
                f.Times--;
            }

            return f;
        }
    }

    /// <summary>Creates a topic directly (test setup).</summary>
    public void AddTopic(string name, params int[][] replicas)
    {
        lock (Gate)
        {
            var topic = new TestTopic(name, name.StartsWith("__", StringComparison.Ordinal));
            for (int p = 0; p < replicas.Length; p++)
            {
                topic.Partitions.Add(new TestPartition(p, replicas[p].ToList()));
            }

            Topics.Add(name, topic);
        }
    }

    /// <summary>The replicas of every partition of a topic (test assertions).</summary>
    public int[][] ReplicasOf(string topic)
    {
        lock (Gate)
        {
            return Topics[topic].Partitions.Select(p => p.Replicas.ToArray()).ToArray();
        }
    }

    /// <summary>One partition's state (test assertions): replicas, ISR, leader, leader epoch, and the move's adding/removing lists.</summary>
    public (int[] Replicas, int[] Isr, int Leader, int LeaderEpoch, int[]? Adding, int[]? Removing) StateOf(string topic, int partition)
    {
        lock (Gate)
        {
            TestPartition p = Topics[topic].Partitions[partition];
            return (p.Replicas.ToArray(), p.Isr.ToArray(), p.Leader, p.LeaderEpoch, p.Move?.Adding.ToArray(), p.Move?.Removing.ToArray());
        }
    }

    public int LeaderOf(string topic, int partition)
    {
        lock (Gate)
        {
            return Topics[topic].Partitions[partition].Leader;
        }
    }

    public Dictionary<string, string> ConfigsOf(sbyte type, string name)
    {
        lock (Gate)
        {
            return Configs.TryGetValue((type, name), out Dictionary<string, string>? c) ? new Dictionary<string, string>(c) : new Dictionary<string, string>();
        }
    }

    /// <summary>Sets a dynamic config directly, as an operator or another tool would (test setup); broker name "" is the cluster-wide default.</summary>
    public void SetConfig(sbyte type, string name, string key, string value)
    {
        lock (Gate)
        {
            if (!Configs.TryGetValue((type, name), out Dictionary<string, string>? configs))
            {
                configs = new Dictionary<string, string>(StringComparer.Ordinal);
                Configs[(type, name)] = configs;
            }

            configs[key] = value;
        }
    }

    /// <summary>
    /// DescribeConfigs of one resource as Kafka answers it (called under <see cref="Gate"/>): every config the test broker
    /// knows or holds, each with its layers, highest precedence first (the first is the value in effect). A topic: its own
    /// value (DYNAMIC_TOPIC_CONFIG 1) over the default (DEFAULT_CONFIG 5). A broker: its own value (DYNAMIC_BROKER_CONFIG 2)
    /// over the cluster-wide default (DYNAMIC_DEFAULT_BROKER_CONFIG 3, resource name "") over server.properties
    /// (STATIC_BROKER_CONFIG 4) over the default (5). The broker resource "" holds only the cluster-wide defaults.
    /// </summary>
    public List<(string Key, List<(string? Value, sbyte Source)> Layers)> DescribeLocked(sbyte type, string name)
    {
        var layers = new List<(Dictionary<string, string> Values, sbyte Source)>();
        if (type == 2)
        {
            layers.Add((Own(2, name), 1));
            layers.Add((DefaultsOf(2), 5));
        }
        else if (name.Length == 0)
        {
            layers.Add((Own(4, ""), 3));
        }
        else
        {
            layers.Add((Own(4, name), 2));
            layers.Add((Own(4, ""), 3));
            layers.Add((StaticBrokerConfigs, 4));
            layers.Add((DefaultsOf(4), 5));
        }

        return layers.SelectMany(l => l.Values.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(key => (key, layers.Where(l => l.Values.ContainsKey(key)).Select(l => ((string?)l.Values[key], l.Source)).ToList()))
            .ToList();

        Dictionary<string, string> Own(sbyte t, string n) => Configs.TryGetValue((t, n), out Dictionary<string, string>? c) ? c : new Dictionary<string, string>();

        static Dictionary<string, string> DefaultsOf(sbyte t) => Defaults.Where(d => d.Key.Type == t).ToDictionary(d => d.Key.Key, d => d.Value, StringComparer.Ordinal);
    }

    /// <summary>Every dynamic config of the cluster as <c>type name: key=value</c> (type 2 = topic, 4 = broker), sorted: compare two of them to see that nothing changed.</summary>
    public string[] AllConfigs()
    {
        lock (Gate)
        {
            return Configs.SelectMany(r => r.Value.Select(kv => $"{r.Key.Type} {r.Key.Name}: {kv.Key}={kv.Value}")).Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Whether any dynamic throttle config is set anywhere.</summary>
    public bool HasAnyThrottle()
    {
        lock (Gate)
        {
            return Configs.Values.Any(c => c.Keys.Any(k => k.Contains("throttled", StringComparison.Ordinal)));
        }
    }

    /// <summary>Starts a move directly, as another tool would (test setup).</summary>
    public void StartMove(string topic, int partition, params int[] target)
    {
        lock (Gate)
        {
            StartMoveLocked(Topics[topic].Partitions[partition], target.ToList());
        }
    }

    public int MovesInFlight()
    {
        lock (Gate)
        {
            return Topics.Values.Sum(t => t.Partitions.Count(p => p.Move is not null));
        }
    }

    /// <summary>
    /// Advances simulated time (called under <see cref="Gate"/>): on every tick one more replica being added to a moving
    /// partition joins its ISR (ascending), the last one when the move is due, and a partition whose target replicas
    /// are all in sync completes its move as Kafka's controller does (the removing replicas leave replicas and ISR).
    /// </summary>
    public void AdvanceLocked(long ticks)
    {
        for (long i = 0; i < ticks; i++)
        {
            Tick++;
            foreach (TestPartition p in Topics.Values.SelectMany(t => t.Partitions))
            {
                if (p.Move is not { } m)
                {
                    continue;
                }

                List<int> lagging = p.Replicas.Where(b => !m.Removing.Contains(b) && !p.Isr.Contains(b)).Order().ToList();
                int join = m.CompletesAtTick <= Tick ? lagging.Count : Math.Min(1, lagging.Count - 1);
                p.Isr.AddRange(lagging.Take(join));
                MaybeCompleteLocked(p);
            }
        }
    }

    /// <summary>
    /// Starts, redirects or re-submits a move (called under <see cref="Gate"/>), as Kafka's controller works it out:
    /// KRaft from the current replicas (during a move: target plus removing), adding and removing ascending, an empty
    /// new adding/removing list leaving the old one in place; ZooKeeper mode from the replicas before the first move, in
    /// list order. Re-submitting the target in flight changes nothing.
    /// </summary>
    public void StartMoveLocked(TestPartition p, List<int> target)
    {
        List<int> current = p.Replicas;
        List<int> replicas;
        List<int> adding;
        List<int> removing;
        if (Mode == TestControllerMode.KRaft)
        {
            removing = current.Where(b => !target.Contains(b)).Order().ToList();
            adding = target.Where(b => !current.Contains(b)).Order().ToList();
            replicas = target.Concat(removing).ToList();
            if (p.Move is { } old)
            {
                adding = adding.Count == 0 ? old.Adding : adding;
                removing = removing.Count == 0 ? old.Removing : removing;
            }
        }
        else
        {
            List<int> origin = p.Move is { } old ? current.Where(b => !old.Adding.Contains(b)).ToList() : new List<int>(current);
            adding = target.Where(b => !origin.Contains(b)).ToList();
            removing = origin.Where(b => !target.Contains(b)).ToList();
            replicas = target.Concat(origin).Distinct().ToList();
        }

        if (p.Move is { } inFlight && replicas.SequenceEqual(current) && adding.SequenceEqual(inFlight.Adding) && removing.SequenceEqual(inFlight.Removing))
        {
            return; // the target in flight: nothing changes, not even the timer
        }

        if (!replicas.SequenceEqual(current) && !replicas.All(current.Contains))
        {
            p.Isr = p.Isr.Where(replicas.Contains).ToList();
        }

        p.Replicas = replicas;
        p.Move = adding.Count == 0 && removing.Count == 0 ? null : new TestMove(adding, removing, Tick, Tick + MoveTicks);
        MaybeCompleteLocked(p);
    }

    /// <summary>
    /// Cancels the move in flight (called under <see cref="Gate"/>) as Kafka's PartitionReassignmentRevert does: the
    /// replicas become the current ones minus those being added (so the order of the removing part is the controller's,
    /// ascending on KRaft), the ISR loses the adding replicas, and a leader that was being added steps down.
    /// </summary>
    /// <returns>0, or NO_REASSIGNMENT_IN_PROGRESS (85) / INVALID_REPLICA_ASSIGNMENT (39) with Kafka's message.</returns>
    public static (short Code, string? Message) CancelMoveLocked(TestPartition p, string topic)
    {
        if (p.Move is not { } m)
        {
            return (85, "No partition reassignment is in progress for this topic or partition.");
        }

        List<int> isr = p.Isr.Where(b => !m.Adding.Contains(b)).ToList();
        if (isr.Count == 0)
        {
            return (39, $"Unable to revert partition assignment for {topic}:{p.Index} because it would require an unclean leader election.");
        }

        p.Replicas = p.Replicas.Where(b => !m.Adding.Contains(b)).ToList();
        p.Isr = isr;
        p.Move = null;
        ElectIfLeaderLeftLocked(p);
        p.LeaderEpoch++;
        return (0, null);
    }

    private static void MaybeCompleteLocked(TestPartition p)
    {
        if (p.Move is not { } m)
        {
            return;
        }

        List<int> target = p.Replicas.Where(b => !m.Removing.Contains(b)).ToList();
        List<int> isr = p.Isr.Where(b => !m.Removing.Contains(b)).ToList();
        if (isr.Count == 0 || !target.All(isr.Contains))
        {
            return;
        }

        bool shrinks = m.Removing.Count > 0;
        p.Replicas = target;
        p.Isr = isr;
        p.Move = null;
        if (shrinks)
        {
            p.LeaderEpoch++;
        }

        ElectIfLeaderLeftLocked(p);
    }

    private static void ElectIfLeaderLeftLocked(TestPartition p)
    {
        if (!p.Isr.Contains(p.Leader))
        {
            p.Leader = p.Replicas.First(p.Isr.Contains);
            p.LeaderEpoch++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (TestBrokerListener l in _listeners)
        {
            await l.DisposeAsync();
        }
    }

    internal static bool IsFlexible(short apiKey, short version) => apiKey switch
    {
        ApiKeys.ApiVersions => version >= 3,
        ApiKeys.Metadata => version >= 9,
        ApiKeys.CreateTopics => version >= 5,
        ApiKeys.DescribeConfigs => version >= 4,
        ApiKeys.DescribeLogDirs => version >= 2,
        ApiKeys.CreatePartitions => version >= 2,
        ApiKeys.ElectLeaders => version >= 2,
        ApiKeys.IncrementalAlterConfigs => version >= 1,
        ApiKeys.AlterPartitionReassignments or ApiKeys.ListPartitionReassignments or ApiKeys.DescribeCluster => true,
        ApiKeys.SaslAuthenticate => version >= 2,
        _ => false,
    };

    /// <summary>The versions advertised now: <see cref="Advertised"/>, narrowed by <see cref="VersionLimits"/>.</summary>
    public (short Key, short Min, short Max)[] AdvertisedVersions() =>
        Advertised.Select(a => VersionLimits.TryGetValue(a.Key, out (short Min, short Max) l) ? (a.Key, l.Min, l.Max) : a).ToArray();

    /// <summary>Kafka's defaults of the configs the test broker knows (DescribeConfigs source DEFAULT_CONFIG, 5), by resource type.</summary>
    internal static readonly Dictionary<(sbyte Type, string Key), string> Defaults = new()
    {
        [(4, "leader.replication.throttled.rate")] = "9223372036854775807",
        [(4, "follower.replication.throttled.rate")] = "9223372036854775807",
        [(2, "leader.replication.throttled.replicas")] = "",
        [(2, "follower.replication.throttled.replicas")] = "",
    };

    /// <summary>
    /// The versions advertised: exactly those implemented, each within what Kafka 3.x/4.x brokers serve. No Produce,
    /// Fetch or consumer-group API: the test broker holds no records.
    /// </summary>
    internal static readonly (short Key, short Min, short Max)[] Advertised =
    {
        (ApiKeys.Metadata, 0, 13),
        (ApiKeys.SaslHandshake, 1, 1),
        (ApiKeys.ApiVersions, 0, 3),
        (ApiKeys.CreateTopics, 2, 7),
        (ApiKeys.DescribeConfigs, 1, 4),
        (ApiKeys.DescribeLogDirs, 1, 4),
        (ApiKeys.SaslAuthenticate, 1, 1),
        (ApiKeys.CreatePartitions, 2, 2),
        (ApiKeys.ElectLeaders, 2, 2),
        (ApiKeys.IncrementalAlterConfigs, 1, 1),
        (ApiKeys.AlterPartitionReassignments, 0, 1),
        (ApiKeys.ListPartitionReassignments, 0, 0),
        (ApiKeys.DescribeCluster, 0, 1),
    };
}
