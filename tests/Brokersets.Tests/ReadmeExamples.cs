using System;
using System.IO;
using System.Linq;

namespace Brokersets.Tests;

/// <summary>The README's C# example, compiled and run here; a test checks that README.md shows exactly this block.</summary>
public class ReadmeExamples
{
    internal static ClusterAssignment PlaceOneTopic()
    {
        // README:begin
        var cluster = Cluster.Create([new(1, "AZ1"), new(2, "AZ2"), new(3, "AZ3"), new(4, "AZ1"), new(5, "AZ2"), new(6, "AZ3")]);
        var brokerset = Brokerset.Parse("B6", "1-6").WithRacks(cluster);
        var spec = PlacementSpec.Create([brokerset], [new TopicSpec("orders", "B6", Partitions: 6, ReplicationFactor: 3, Stride: 1)]);

        ClusterAssignment assignment = PlacementStrategy.RackAware.PlaceAll(spec);
        Console.WriteLine(assignment);           // partitions with replicas and racks, then leaders/replicas per broker and rack
        ReadOnlySpan<int> p0 = assignment["orders"][0]; // partition 0's replicas, preferred leader first
        // README:end
        Assert.Equal(3, p0.Length);
        return assignment;
    }

    [Fact]
    public void PlaceOneTopic_Runs_EveryBrokerLeadsOnce()
    {
        ClusterAssignment assignment = PlaceOneTopic();

        Assert.All(ClusterReport.Create(assignment).Brokers, b => Assert.Equal(1, b.Leaders));
    }

    [Fact]
    public void Readme_ContainsExampleBlock_Verbatim()
    {
        string[] source = File.ReadAllLines(TestData.RepositoryFile("tests", "Brokersets.Tests", "ReadmeExamples.cs"));
        int begin = Array.FindIndex(source, l => l.Trim() == "// README:begin");
        int end = Array.FindIndex(source, l => l.Trim() == "// README:end");
        string block = string.Join("\n", source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));

        string readme = File.ReadAllText(FindReadme()).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Contains("```csharp\nusing Brokersets;\n\n" + block + "\n```", readme, StringComparison.Ordinal);
    }

    /// <summary>README.md of the repository, found by walking up from the test assembly's directory.</summary>
    internal static string FindReadme()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Brokersets.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No README.md beside Brokersets.sln above {AppContext.BaseDirectory}.");
    }
}
