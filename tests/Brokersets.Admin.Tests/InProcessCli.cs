using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using Brokersets.Serialization;

namespace Brokersets.Admin.Tests;

/// <summary>Runs the <c>brokersets</c> tool in-process, as the CLI tests against the test broker do.</summary>
internal static class InProcessCli
{
    /// <summary>Runs the tool with <paramref name="args"/>; stdout and stderr are captured with "\n" line ends.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = BrokersetsCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary><see cref="Run"/> on a thread-pool thread (the tool blocks on the cluster, the test broker answers on others).</summary>
    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => Task.Run(() => Run(args));
}

/// <summary>The repository's files (docs, examples) as the tests read them.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The repository's root: the folder holding Brokersets.sln, above the test assembly.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>The path of a repository file, e.g. <c>Path("docs", "cookbook.md")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The path of a file of the cookbook's example cluster (docs/examples/cookbook).</summary>
    public static string Cookbook(string file) => Path("docs", "examples", "cookbook", file);

    /// <summary>A document of docs/ with "\n" line ends.</summary>
    public static string Doc(string name) => File.ReadAllText(Path("docs", name)).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>
    /// Starts the test broker with the cookbook's cluster (cluster.json: brokers and racks) holding the topics of
    /// <paramref name="layoutFile"/> (a Kafka JSON of docs/examples/cookbook, e.g. <c>drifted.json</c>).
    /// </summary>
    public static async Task<(TestKafkaCluster Cluster, ClusterAssignment Layout)> StartCookbookClusterAsync(string layoutFile)
    {
        Cluster cluster = ClusterJson.Read(File.ReadAllText(Cookbook("cluster.json")), "cluster.json");
        ClusterAssignment layout = ReassignmentJson.Read(File.ReadAllText(Cookbook(layoutFile)), layoutFile);
        TestKafkaCluster test = await TestKafkaCluster.StartAsync(cluster.Brokers.Select(b => (b.Id, b.Rack)).ToList(), 1);
        foreach (TopicAssignment t in layout.Topics)
        {
            test.AddTopic(t.Topic, Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).ToArray());
        }

        return (test, layout);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Brokersets.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Brokersets.sln not found above " + AppContext.BaseDirectory);
    }
}
