using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly CliFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>docs/examples/failover: brokers 1-12 cycling az1..az3, eight topics of 12 partitions × RF 3 at strides 0..7.</summary>
    private static string[] Failover(params string[] more) =>
        new[]
        {
            "analyze", "--brokersets", TestData.RepositoryFile("docs", "examples", "failover", "brokersets.json"),
            "--topics", TestData.RepositoryFile("docs", "examples", "failover", "topics.json"),
            "--cluster", TestData.RepositoryFile("docs", "examples", "failover", "cluster.json"),
        }.Concat(more).ToArray();

    [Fact]
    public void Analyze_FailoverExampleOrion_HandDerivedFigures()
    {
        // 96 partitions on 12 brokers: 8 leaders each. Orion has n / gcd(n, k) = 4 distinct strides, so the 8 topics
        // give each broker 4 successors with 2 leaderships each: worst survivor 8 + 2 = 10, even share 96/11,
        // skew 110/96 = 1.146. Every successor is in the next AZ: az1's 4 × 8 = 32 leaderships all go to az2.
        CliRun run = CliRun.Of(Failover("--strategy", "orion"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("summary: failover skew 1.146 (broker 1 fails), max leaders gained 2, min successors 4; rack failure skew 1.333, rack spread 2.000\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  az1 fails: az2 +32, az3 +0\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cluster report: 12 brokers, 3 racks, 96 partitions, 288 replicas\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("stride plan for B12 (orion)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FailoverExampleRackAware_HandDerivedFigures()
    {
        // Rack-aware: strides 0..7 = n − m = 8 distinct successors, one leadership each: worst 9, skew 99/96 = 1.031.
        // A failed AZ splits 16 / 16 over the other two (rack spread 1), so each of the 8 survivors leads 8 + 4 = 12 = 96/8.
        CliRun run = CliRun.Of(Failover());

        Assert.Contains("summary: failover skew 1.031 (broker 1 fails), max leaders gained 1, min successors 8; rack failure skew 1.000, rack spread 1.000\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  az1 fails: az2 +16, az3 +16\n", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("strategy: rack-aware (default)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_KafkaDraws_MatchRandomDrawsComputedWithTheCore()
    {
        (Cluster cluster, Brokerset set) = Generators.KafkaGenerators.EqualRacks(3, 4);
        TopicSpec[] topics = Enumerable.Range(0, 8).Select(s => new TopicSpec("t" + s, set.Name, 12, 3, s)).ToArray();
        var random = new Random(42);
        double[] skews = Enumerable.Range(0, 200)
            .Select(_ => FailureImpact.Create(ClusterAssignment.Create(topics.Select(t => new KafkaDefaultPlacement(random.Next(12), random.Next(12)).Place(set, t))), cluster).FailoverSkew)
            .ToArray();

        CliRun run = CliRun.Of(Failover("--strategy", "kafka", "--seed", "42", "--draws", "200"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"kafka random layouts (200 draws, seed 42): failover skew mean {skews.Average():0.000}, worst {skews.Max():0.000};"), run.Stdout, StringComparison.Ordinal);
        Assert.Contains("stride advice: none (Kafka's placement has no strides)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void KafkaDraws_EachDrawIsDroppedBeforeTheNext_SoMemoryDoesNotGrowWithDraws()
    {
        // Retained state independent of N: when draw d is reported, a full collection has reclaimed the layout and the
        // failure impact of every draw before d − 1 (d − 1 may still sit in a stack slot of the loop). A summary that
        // kept the draws (a list of layouts or impacts, to sort or to print) fails here.
        SpecFiles files = SpecFiles.Load(null, null, null, null);
        var weak = new List<(int Draw, WeakReference Layout, WeakReference Impact)>();
        var stillAlive = new List<string>();
        KafkaDraws summary = KafkaDraws.Of(files, StrategyChoice.From("kafka", null, seed: 42), 12, (d, layout, impact) =>
        {
            weak.Add((d, new WeakReference(layout), new WeakReference(impact)));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            foreach ((int draw, WeakReference l, WeakReference i) in weak.Where(w => w.Draw < d - 1))
            {
                if (l.IsAlive || i.IsAlive)
                {
                    stillAlive.Add($"draw {draw} still reachable at draw {d}");
                }
            }
        });

        Assert.Equal(12, summary.Draws);
        Assert.Equal(12, weak.Count);
        Assert.Empty(stillAlive);
    }

    [Fact]
    public void Analyze_Assignment_ReportsTheGivenLayout()
    {
        // x-0 = [1,2,3], x-1 = [1,5,6] on the docs cluster (AZ1 = 1,4; AZ2 = 2,5; AZ3 = 3,6). Brokers of the layout:
        // 1,2,3,5,6. Broker 1 fails: x-0 → 2, x-1 → 5 (2 successors, 1 each): skew 1 / (2/4) = 2. Any other broker fails:
        // broker 1 keeps both leaderships, even share 2/4 → skew 4, the worst (broker 2 is the lowest such id).
        // AZ1 fails (only broker 1 holds replicas): both leaderships go to AZ2.
        string layout = _files.Write("layout.json", """{"version":1,"partitions":[{"topic":"x","partition":0,"replicas":[1,2,3]},{"topic":"x","partition":1,"replicas":[1,5,6]}]}""");

        CliRun run = CliRun.Of("analyze", "--brokersets", CliRun.Example("brokersets.json"), "--topics", CliRun.Example("topics.json"),
            "--cluster", CliRun.Example("cluster.json"), "--assignment", layout);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"layout: {layout} (Kafka reassignment JSON)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("summary: failover skew 4.000 (broker 2 fails), max leaders gained 1, min successors 2;", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  AZ1 fails: AZ2 +2, AZ3 +0\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cluster report: 5 brokers, 3 racks, 2 partitions, 6 replicas\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_JsonFormat_SerialisesReportImpactAndPlans()
    {
        CliRun run = CliRun.Of(Failover("--strategy", "orion", "--format", "json"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(110.0 / 96, doc.RootElement.GetProperty("failureImpact").GetProperty("failoverSkew").GetDouble(), 9);
        Assert.Equal(96, doc.RootElement.GetProperty("report").GetProperty("partitionCount").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("stridePlans").GetArrayLength());
        Assert.Equal("planned", doc.RootElement.GetProperty("layout").GetString());
    }

    [Fact]
    public void Analyze_BuiltInExample_Runs()
    {
        CliRun run = CliRun.Of("analyze");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("input: built-in example", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("failure impact: 6 brokers, 12 partitions", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: --draws applies only to --strategy kafka.", "analyze", "--draws", "10")]
    [InlineData("error: --draws 0 must be at least 1.", "analyze", "--strategy", "kafka", "--draws", "0")]
    [InlineData("error: --format: Argument 'xml' not recognized. Must be one of: 'table' 'json' (see 'brokersets --help')", "analyze", "--format", "xml")]
    public void Analyze_BadCommandLine_UsageErrorOneLine(string expected, params string[] args)
    {
        Assert.Equal(expected, CliRun.Of(args).AssertOneLineError(ExitCodes.UsageError));
    }

    [Fact]
    public void Analyze_MissingAssignment_InputErrorNamesFile()
    {
        string missing = _files.PathOf("nope.json");

        Assert.Equal($"error: {missing}: file not found", CliRun.Of("analyze", "--assignment", missing).AssertOneLineError(ExitCodes.InputError));
    }
}
