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
    private static string Example(string file) => RepositoryFiles.Cookbook(file);

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
        (TestKafkaCluster started, _) = await RepositoryFiles.StartCookbookClusterAsync("current.json");
        await using TestKafkaCluster test = started;
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
