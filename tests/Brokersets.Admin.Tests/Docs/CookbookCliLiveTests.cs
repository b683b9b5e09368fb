using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Brokersets.Admin.Tests.TestBroker;
using Brokersets.Cli;
using Brokersets.Serialization;

namespace Brokersets.Admin.Tests.Docs;

/// <summary>
/// docs/cookbook.md, "Apply and audit from the command line": the four documented commands, run in order against
/// the in-process test broker holding the cookbook's drifted cluster.
/// </summary>
public sealed class CookbookCliLiveTests
{
    [Fact(Timeout = 90000)]
    public async Task CookbookCommands_DriftedCluster_AuditApplyAuditAsDocumented()
    {
        string root = RepositoryFiles.Root;
        string doc = File.ReadAllText(Path.Combine(root, "docs", "cookbook.md"));
        string section = doc[doc.IndexOf("## Apply and audit from the command line", StringComparison.Ordinal)..];
        string[] commands = Regex.Matches(section[..section.IndexOf("```\n\n", StringComparison.Ordinal)], "^dotnet run --project src/Brokersets.Cli -- (.*)$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(4, commands.Length);

        // The cluster of the cookbook: brokers and racks from cluster.json, topics as in drifted.json.
        Cluster cluster = ClusterJson.Read(File.ReadAllText(Path.Combine(root, "docs/examples/cookbook/cluster.json")), "cluster.json");
        ClusterAssignment drifted = ReassignmentJson.Read(File.ReadAllText(Path.Combine(root, "docs/examples/cookbook/drifted.json")), "drifted.json");
        ClusterAssignment layout = ReassignmentJson.Read(File.ReadAllText(Path.Combine(root, "docs/examples/cookbook/current.json")), "current.json");
        await using TestKafkaCluster test = await TestKafkaCluster.StartAsync(cluster.Brokers.Select(b => (b.Id, b.Rack)).ToList(), 1);
        foreach (TopicAssignment t in drifted.Topics)
        {
            test.AddTopic(t.Topic, Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).ToArray());
        }

        int Run(string command, out string stdout)
        {
            string[] args = command.Replace("kafka1:9092", test.BootstrapServers, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.StartsWith("docs/", StringComparison.Ordinal) ? Path.Combine(root, a) : a).ToArray();
            if (args[0] == "apply")
            {
                args = [.. args, "--poll-interval-ms", "50"];
            }

            var output = new StringWriter();
            var error = new StringWriter();
            int code = BrokersetsCli.Run(args, output, error);
            stdout = output.ToString() + error.ToString();
            return code;
        }

        string before = string.Empty, dry = string.Empty, applied = string.Empty, after = string.Empty;
        await Task.Run(() =>
        {
            int first = Run(commands[0], out before);
            Assert.True(first == ExitCodes.DriftFound, before);
            Assert.Equal(ExitCodes.Success, Run(commands[1], out dry));
            Assert.Empty(test.AlterSubmissions);
            Assert.Equal(ExitCodes.Success, Run(commands[2], out applied));
            Assert.Equal(ExitCodes.Success, Run(commands[3], out after));
        });

        Assert.Contains("dry run: nothing was changed", dry, StringComparison.Ordinal);
        Assert.Contains("done: ", applied, StringComparison.Ordinal);
        Assert.False(test.HasAnyThrottle());

        // After apply the cluster holds the undrifted layout of current.json.
        foreach (TopicAssignment t in layout.Topics)
        {
            Assert.Equal(Enumerable.Range(0, t.PartitionCount).Select(p => t[p].ToArray()).ToArray(), test.ReplicasOf(t.Topic));
        }
    }
}
