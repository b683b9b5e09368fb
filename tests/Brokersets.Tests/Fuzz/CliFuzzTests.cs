using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Brokersets.Cli;
using Brokersets.Serialization;
using Brokersets.Tests.Cli;
using FsCheck.Xunit;

namespace Brokersets.Tests.Fuzz;

/// <summary>
/// The CLI under hostile input, in-process: every mutated file or option value ends in exit 1 or 2 with exactly one
/// <c>error:</c> line that names the file or option (and, for a file, the JSON path or the topic/broker concerned),
/// or in exit 0 with output that keeps the placement invariants. No run may take 20 s.
/// </summary>
[Collection(FuzzRunAlone.Name)]
public sealed partial class CliFuzzTests : IDisposable
{
    /// <summary>Generated inputs per property; the two CLI properties run 4,000 + 600 command lines.</summary>
    private const int FileCases = 4000;
    private const int OptionCases = 600;

    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(20);

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = FileCases, Arbitrary = new[] { typeof(FuzzGenerators) })]
    public void MutatedFile_CleanErrorOrValidOutput(FileCase c)
    {
        string path = Path.Combine(_files.Directory, Guid.NewGuid().ToString("N")[..8] + "-" + c.File);
        File.WriteAllBytes(path, c.Bytes);
        string Of(string name) => c.File == name ? path : FuzzGenerators.Example(name);
        string[] spec = ["--brokersets", Of("brokersets.json"), "--topics", Of("topics.json"), "--cluster", Of("cluster.json")];
        string planStrategy = c.Strategy == "kafka" ? "rack-aware" : c.Strategy;
        string[] args = c.Command switch
        {
            "place" => ["place", .. spec, .. c.File == "overrides.json" ? new[] { "--overrides", path } : [], "--strategy", c.Strategy, "--format", Pick(c.Format, "kafka-json", "table")],
            "plan" => ["plan", "--current", Of("current.json"), .. spec, "--strategy", planStrategy, "--format", c.Format],
            "plan-sizes" => ["plan", "--current", Of("current.json"), .. spec, "--sizes", path, "--throttle-mbps", "50", "--format", c.Format],
            "analyze" => ["analyze", .. spec, "--strategy", c.Strategy, "--format", Pick(c.Format, "json", "table")],
            "analyze-assignment" => ["analyze", .. spec, "--assignment", path, "--format", Pick(c.Format, "json", "table")],
            "diff-current" => ["diff", "--current", path, "--target", Of("layout.json"), "--format", Pick(c.Format, "kafka-json", "table")],
            "diff-target" => ["diff", "--current", Of("current.json"), "--target", path, "--format", Pick(c.Format, "kafka-json", "table")],
            "advise-usage" => ["advise", "--new-topic", "t", "--produce-mbps", "10", "--retention-hours", "24", "--usage", path, "--format", Pick(c.Format, "json", "table")],
            _ => throw new InvalidOperationException(c.Command),
        };

        CliRun run = RunBounded(args);
        if (run.ExitCode == ExitCodes.Success)
        {
            AssertValidOutput(run, args);
            if (c.Command == "place" && args.Contains("kafka-json"))
            {
                AssertPlacement(run.Stdout, Of("brokersets.json"), Of("topics.json"), Of("cluster.json"), c.File == "overrides.json" ? path : null);
            }
        }
        else
        {
            string line = AssertOneError(run);
            Assert.True(line.Contains(path, StringComparison.Ordinal) || Names(line),
                $"the error names neither {path} nor an option, topic, brokerset or broker: {line}");
        }
    }

    [Property(MaxTest = OptionCases, Arbitrary = new[] { typeof(FuzzGenerators) })]
    public void HostileOptionValue_CleanErrorOrValidOutput(OptionCase c)
    {
        CliRun run = RunBounded(c.Args);
        if (run.ExitCode == ExitCodes.Success)
        {
            AssertValidOutput(run, c.Args);
        }
        else
        {
            string line = AssertOneError(run);
            Assert.True(line.Contains("--", StringComparison.Ordinal) || Names(line), $"the error names no option: {line}");
            if (run.ExitCode == ExitCodes.UsageError && c.Args[^1] is { Length: > 0 } value && !value.StartsWith("--", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("Int32", line, StringComparison.Ordinal);
                Assert.DoesNotContain("Double", line, StringComparison.Ordinal);
                Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
            }
        }
    }

    private static string Pick(string format, params string[] allowed) => allowed.Contains(format) ? format : allowed[^1];

    private static bool Names(string line) =>
        line.Contains("--", StringComparison.Ordinal) || NamedThing().IsMatch(line);

    /// <summary>Runs the CLI on a worker thread and fails when it takes longer than <see cref="MaxRun"/>.</summary>
    private static CliRun RunBounded(string[] args)
    {
        var task = Task.Run(() => CliRun.Of(args));
        Assert.True(task.Wait(MaxRun), $"brokersets {string.Join(" ", args)} ran past {MaxRun.TotalSeconds} s");
        Assert.True(Process.GetCurrentProcess().PeakWorkingSet64 < 2L << 30, "the test process passed 2 GiB");
        return task.Result;
    }

    private static string AssertOneError(CliRun run)
    {
        Assert.True(run.ExitCode is ExitCodes.InputError or ExitCodes.UsageError, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal(string.Empty, run.Stdout);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l == line || l.StartsWith("warning: ", StringComparison.Ordinal), "not an error or warning line: " + l));
        Assert.DoesNotContain(" at Brokersets", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        return line;
    }

    private static void AssertValidOutput(CliRun run, string[] args)
    {
        Assert.All(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("warning: ", l, StringComparison.Ordinal));
        Assert.False(NonFinite().IsMatch(run.Stdout), $"non-finite figure in the output of {string.Join(" ", args)}");
        if (args.Contains("kafka-json"))
        {
            foreach (PartitionReassignment e in ReassignmentJson.ReadPartitions(run.Stdout, "stdout"))
            {
                Assert.True(e.Partition >= 0, $"{e.Topic}-{e.Partition}: negative partition");
                Assert.True(e.Replicas.All(id => id >= 0), $"{e.Topic}-{e.Partition}: negative broker id");
                Assert.Equal(e.Replicas.Length, e.Replicas.Distinct().Count());
                Assert.Null(InputLimits.TopicNameProblem(e.Topic));
            }
        }
    }

    /// <summary>A placement printed as Kafka JSON covers each topic's partitions 0..P-1 with RF distinct members of its brokerset.</summary>
    private static void AssertPlacement(string kafkaJson, string brokersets, string topics, string cluster, string? overrides)
    {
        PlacementSpec spec = SpecFiles.Load(brokersets, topics, cluster, overrides).Spec;
        ImmutableArray<PartitionReassignment> entries = ReassignmentJson.ReadPartitions(kafkaJson, "stdout");
        foreach (TopicSpec topic in spec.Topics)
        {
            Brokerset set = spec.BrokersetOf(topic);
            PartitionReassignment[] rows = entries.Where(e => e.Topic == topic.Topic).OrderBy(e => e.Partition).ToArray();
            Assert.NotEmpty(rows);
            Assert.Equal(Enumerable.Range(0, rows.Length), rows.Select(r => r.Partition));
            Assert.All(rows, r =>
            {
                Assert.Equal(topic.ReplicationFactor, r.Replicas.Length);
                Assert.All(r.Replicas, id => Assert.True(set.Contains(id), $"{topic.Topic}-{r.Partition}: broker {id} is not in brokerset {set.Name}"));
            });
        }
    }

    [GeneratedRegex(@"\b(Infinity|NaN|∞)\b")]
    private static partial Regex NonFinite();

    [GeneratedRegex(@"([Tt]opic|[Bb]rokerset|[Bb]roker|[Pp]artition|[Ww]ave) ")]
    private static partial Regex NamedThing();
}
