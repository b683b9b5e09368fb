using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using Brokersets.Serialization;

namespace Brokersets.Admin.Tests;

/// <summary><c>audit --bootstrap-servers</c> on a clean live cluster that runs Kafka's and Schema Registry's internal topics.</summary>
public sealed class AuditInternalTopicsLiveTests
{
    private static string Example(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Brokersets.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "examples", "cookbook", file);
            }
        }

        throw new InvalidOperationException("Brokersets.sln not found");
    }

    private static async Task<(int Code, string Out, string Err)> AuditAsync(TestKafkaCluster test, params string[] more) => await Task.Run(() =>
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = BrokersetsCli.Run(
            ["audit", "--bootstrap-servers", test.BootstrapServers, "--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json"), .. more],
            stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    });

    [Fact(Timeout = 60000)]
    public async Task Audit_CleanClusterWithInternalTopics_ExitsZero()
    {
        Cluster cluster = ClusterJson.Read(File.ReadAllText(Example("cluster.json")), "cluster.json");
        ClusterAssignment layout = ReassignmentJson.Read(File.ReadAllText(Example("current.json")), "current.json");
        await using TestKafkaCluster test = await TestKafkaCluster.StartAsync(cluster.Brokers.Select(b => (b.Id, b.Rack)).ToList(), 1);
        foreach (TopicAssignment t in layout.Topics)
        {
            test.AddTopic(t.Topic, Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).ToArray());
        }

        test.AddTopic("__consumer_offsets", [1, 2, 3], [4, 5, 6]);
        test.AddTopic("_schemas", [7, 8, 9]);

        (int code, string stdout, string stderr) = await AuditAsync(test);
        Assert.True(code == ExitCodes.Success, stdout + stderr);
        Assert.StartsWith("skipped 2 topics: __consumer_offsets (internal), _schemas (internal)", stdout, StringComparison.Ordinal);

        (code, stdout, _) = await AuditAsync(test, "--include-internal");
        Assert.Equal(ExitCodes.DriftFound, code);
        Assert.Contains("_schemas", stdout, StringComparison.Ordinal);
    }
}
