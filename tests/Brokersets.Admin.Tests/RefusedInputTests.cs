using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using static Brokersets.Admin.Tests.InProcessCli;

namespace Brokersets.Admin.Tests;

/// <summary>
/// A refused input never changes a cluster: <c>apply --execute</c>, <c>cancel --started-from</c> and <c>audit</c> given
/// each class of bad input exit 1 or 2 with one <c>error:</c> line naming the file or option, and the test broker
/// receives no mutating request at all (counted by API key on every broker).
/// </summary>
public sealed class RefusedInputTests : IDisposable
{
    private static readonly short[] Mutating =
    [
        ApiKeys.AlterPartitionReassignments, ApiKeys.IncrementalAlterConfigs, ApiKeys.ElectLeaders, ApiKeys.CreateTopics, ApiKeys.CreatePartitions,
    ];

    private const string GoodPlan = """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,6]}]}""";
    private const string GoodBrokersets = """[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""";
    private const string GoodTopics = """[{"topicName":"orders","brokerset":"B6","replicationFactor":3,"partitions":3}]""";

    private readonly string _dir = Directory.CreateTempSubdirectory("brokersets-refused-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A plan file (by its name in the test's folder) with this text, or a special kind of file.</summary>
    public static TheoryData<string, string, string> PlanCases => new()
    {
        // name, content (or a marker), text the error must contain besides the file name
        { "truncated.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,""", "" },
        { "not-json.json", "hello", "" },
        { "empty.json", "", "" },
        { "bad-utf8.json", "\u0001BADUTF8", "not valid UTF-8" },
        { "oversized.json", "\u0001SPARSE", "input cap" },
        { "dir.json", "\u0001DIR", "is a directory" },
        { "dup-key.json", """{"version":1,"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,6]}]}""", "version" },
        { "dup-partition.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,6]},{"topic":"orders","partition":0,"replicas":[1,2,3]}]}""", "orders" },
        { "space-topic.json", """{"version":1,"partitions":[{"topic":"my topic","partition":0,"replicas":[4,5,6]}]}""", "my topic" },
        { "dotdot-topic.json", """{"version":1,"partitions":[{"topic":"..","partition":0,"replicas":[4,5,6]}]}""", ".." },
        { "long-topic.json", "{\"version\":1,\"partitions\":[{\"topic\":\"" + new string('a', 250) + "\",\"partition\":0,\"replicas\":[4,5,6]}]}", "249" },
        { "unknown-broker.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,99]}]}""", "99" },
        { "repeated-broker.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,4,6]}]}""", "4" },
        { "negative-broker.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5,-1]}]}""", "-1" },
        { "no-such-partition.json", """{"version":1,"partitions":[{"topic":"orders","partition":7,"replicas":[4,5,6]}]}""", "orders-7" },
        { "no-such-topic.json", """{"version":1,"partitions":[{"topic":"nosuch","partition":0,"replicas":[4,5,6]}]}""", "nosuch" },
        { "huge-partition.json", """{"version":1,"partitions":[{"topic":"orders","partition":2147483648,"replicas":[4,5,6]}]}""", "" },
        { "rf-change.json", """{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5]}]}""", "" },
    };

    [Theory(Timeout = 60000)]
    [MemberData(nameof(PlanCases))]
    public async Task ApplyExecute_RefusedPlan_ClusterUntouched(string name, string content, string expected)
    {
        await using AdminHarness h = await AdminHarness.StartAsync(AdminHarness.AddOrdersAndEvents);
        string path = Make(name, content);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", path,
            "--poll-interval-ms", "20", "--execute");

        AssertRefused(h.Cluster, code, stdout, stderr, path, expected);
    }

    [SkippableTheory(Timeout = 60000)]
    [InlineData("fifo")]
    [InlineData("/dev/zero")]
    public async Task ApplyExecute_NotARegularFile_ClusterUntouched(string kind)
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes and /dev/zero are Unix files");
        await using AdminHarness h = await AdminHarness.StartAsync(AdminHarness.AddOrdersAndEvents);
        string path = kind == "fifo" ? MakeFifo("plan.fifo") : kind;

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", path, "--execute");

        AssertRefused(h.Cluster, code, stdout, stderr, path, "not a regular file");
    }

    /// <summary>Spec files (brokersets, topics, overrides, cluster) refused by <c>apply --execute</c>.</summary>
    public static TheoryData<string, string, string, string> SpecCases => new()
    {
        // which file is bad, its name, its content, text the error must contain
        { "topics", "topics.json", """[{"topicName":"my/topic","brokerset":"B6","replicationFactor":3,"partitions":3}]""", "my/topic" },
        { "topics", "topics.json", """[{"topicName":"orders","brokerset":"NOPE","replicationFactor":3,"partitions":3}]""", "NOPE" },
        { "topics", "topics.json", """[{"topicName":"orders","brokerset":"B6","replicationFactor":3,"partitions":3,"partitions":4}]""", "partitions" },
        { "topics", "topics.json", """[{"topicName":"orders","brokerset":"B6","replicationFactor":9,"partitions":3}]""", "orders" },
        { "brokersets", "brokersets.json", """[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":0,"endBrokerIdx":2147483647}]}]""", "" },
        { "brokersets", "brokersets.json", """[{"brokersetAlias":"B6","entries":[{"startBrokerIdx":6,"endBrokerIdx":1}]}]""", "" },
        { "brokersets", "brokersets.json", "[", "" },
        { "overrides", "overrides.json", "{", "" },
        { "cluster", "cluster.json", """{"brokers":[{"id":1,"rack":"a"},{"id":1,"rack":"b"}]}""", "1" },
    };

    [Theory(Timeout = 60000)]
    [MemberData(nameof(SpecCases))]
    public async Task ApplyExecute_RefusedSpecFile_ClusterUntouched(string which, string name, string content, string expected)
    {
        await using AdminHarness h = await AdminHarness.StartAsync(AdminHarness.AddOrdersAndEvents);
        string bad = Make(name, content);
        string brokersets = which == "brokersets" ? bad : Make("good-brokersets.json", GoodBrokersets);
        string topics = which == "topics" ? bad : Make("good-topics.json", GoodTopics);
        string[] extra = which is "overrides" or "cluster" ? ["--" + which, bad] : [];

        (int code, string stdout, string stderr) = await RunAsync(
            ["apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--brokersets", brokersets, "--topics", topics, .. extra, "--poll-interval-ms", "20", "--execute"]);

        AssertRefused(h.Cluster, code, stdout, stderr, bad, expected);
    }

    [Theory(Timeout = 60000)]
    [InlineData("--throttle-mbps", "1,5")]
    [InlineData("--throttle-mbps", "-1")]
    [InlineData("--throttle-mbps", "NaN")]
    [InlineData("--throttle-mbps", "1e309")]
    [InlineData("--max-incoming", "-1")]
    [InlineData("--max-incoming", "2147483648")]
    [InlineData("--max-outgoing", "x")]
    [InlineData("--poll-interval-ms", "0x10")]
    [InlineData("--poll-interval-ms", "-5")]
    [InlineData("--timeout", "0")]
    [InlineData("--timeout", "-1")]
    [InlineData("--strategy", "no-such-strategy")]
    [InlineData("--offline", "1,x")]
    public async Task ApplyExecute_BadOptionValue_ClusterUntouched(string option, string value)
    {
        await using AdminHarness h = await AdminHarness.StartAsync(AdminHarness.AddOrdersAndEvents);

        (int code, string stdout, string stderr) = await RunAsync("apply", "--bootstrap-servers", h.Cluster.BootstrapServers, "--plan", Make("plan.json", GoodPlan),
            option, value, "--execute");

        AssertRefused(h.Cluster, code, stdout, stderr, option, "");
    }

    [Theory(Timeout = 60000)]
    [InlineData("truncated.json", """{"version":1,"partitions":[""", "")]
    [InlineData("dup-key.json", """{"version":1,"partitions":[],"partitions":[]}""", "partitions")]
    [InlineData("space-topic.json", """{"version":1,"partitions":[{"topic":"a b","partition":0,"replicas":[1,2,3]}]}""", "a b")]
    [InlineData("dir.json", "\u0001DIR", "is a directory")]
    [InlineData("oversized.json", "\u0001SPARSE", "input cap")]
    public async Task CancelStartedFrom_RefusedFile_ClusterUntouched(string name, string content, string expected)
    {
        await using AdminHarness h = await AdminHarness.StartAsync(c =>
        {
            AdminHarness.AddOrdersAndEvents(c);
            c.MoveTicks = 1_000_000;
        });
        string path = Make(name, content);

        (int code, string stdout, string stderr) = await RunAsync("cancel", "--bootstrap-servers", h.Cluster.BootstrapServers, "--started-from", path);

        AssertRefused(h.Cluster, code, stdout, stderr, path, expected);
    }

    [Theory(Timeout = 60000)]
    [InlineData("cancel", "--include", "(")]
    [InlineData("cancel", "--exclude", "[a-")]
    [InlineData("cancel", "--timeout", "x")]
    [InlineData("status", "--include", "*")]
    [InlineData("export", "--include", "(?<")]
    public async Task LiveCommand_BadOptionValue_ClusterUntouched(string command, string option, string value)
    {
        await using AdminHarness h = await AdminHarness.StartAsync(AdminHarness.AddOrdersAndEvents);

        (int code, string stdout, string stderr) = await RunAsync(command, "--bootstrap-servers", h.Cluster.BootstrapServers, option, value);

        AssertRefused(h.Cluster, code, stdout, stderr, option, "");
    }

    [Theory(Timeout = 60000)]
    [InlineData("topics", """[{"topicName":"a\u0000b","brokerset":"B6","replicationFactor":3,"partitions":3}]""", "")]
    [InlineData("topics", """[{"topicName":"orders","brokerset":"B6","replicationFactor":3,"partitions":-3}]""", "")]
    [InlineData("brokersets", """[{"brokersetAlias":"B6","brokersetAlias":"B7","entries":[{"startBrokerIdx":1,"endBrokerIdx":6}]}]""", "brokersetAlias")]
    public async Task AuditLive_RefusedSpecFile_ClusterUntouched(string which, string content, string expected)
    {
        await using AdminHarness h = await AdminHarness.StartAsync(AdminHarness.AddOrdersAndEvents);
        string bad = Make(which + ".json", content);
        string brokersets = which == "brokersets" ? bad : Make("good-brokersets.json", GoodBrokersets);
        string topics = which == "topics" ? bad : Make("good-topics.json", GoodTopics);

        string cluster = Make("cluster.json", """{"brokers":[{"id":1},{"id":2},{"id":3},{"id":4},{"id":5},{"id":6}]}""");

        (int code, string stdout, string stderr) = await RunAsync("audit", "--bootstrap-servers", h.Cluster.BootstrapServers, "--cluster", cluster, "--brokersets", brokersets, "--topics", topics);

        AssertRefused(h.Cluster, code, stdout, stderr, bad, expected);
    }

    [Fact]
    public void TopicFilter_CatastrophicRegex_OneLineUsageErrorNamingTheOption()
    {
        var filter = new TopicFilter(TopicFilter.Parse("--include", "(a+)+b"), null, false);
        string topic = new string('a', 40) + "c";

        UsageException e = Assert.Throws<UsageException>(() => filter.Takes(topic));

        Assert.StartsWith("--include '(a+)+b' took more than 1 s on topic 'aaaa", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static void AssertRefused(TestKafkaCluster cluster, int code, string stdout, string stderr, string names, string expected)
    {
        Assert.True(code is 1 or 2, $"exit {code}\nstdout: {stdout}\nstderr: {stderr}");
        string[] errors = stderr.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        string error = Assert.Single(errors);
        Assert.Contains(names, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Requests, r => Mutating.Contains(r.ApiKey));
        Assert.Empty(cluster.AlterSubmissions);
        Assert.Empty(cluster.ConfigOperations);
        Assert.Equal(new[] { 1, 2, 3 }, cluster.ReplicasOf("orders")[0]);
        Assert.DoesNotContain("done: ", stdout, StringComparison.Ordinal);
    }

    private string Make(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        switch (content)
        {
            case "\u0001DIR":
                Directory.CreateDirectory(path);
                break;
            case "\u0001SPARSE":
                using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
                {
                    stream.SetLength(InputFiles.DefaultMaxBytes + 1); // sparse: no disk used, only the length is read
                }

                break;
            case "\u0001BADUTF8":
                File.WriteAllBytes(path, [.. "{\"version\":1,\"partitions\":[{\"topic\":\"o"u8, 0xC3, 0x28, .. "\",\"partition\":0,\"replicas\":[1]}]}"u8]);
                break;
            default:
                File.WriteAllText(path, content);
                break;
        }

        return path;
    }

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_dir, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
