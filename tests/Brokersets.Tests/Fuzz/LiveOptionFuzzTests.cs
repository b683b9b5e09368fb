using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Brokersets.Cli;
using Brokersets.Tests.Cli;
using FsCheck.Xunit;

namespace Brokersets.Tests.Fuzz;

/// <summary>
/// The option values of the live-cluster commands (status, cancel, export, apply) under hostile input, without a
/// cluster: a <c>--include</c>/<c>--exclude</c> pattern is refused at once naming the option, or matches every topic
/// name in bounded time (a catastrophic pattern is stopped by the match timeout with one error naming the option);
/// a <c>--timeout</c> value is refused with one <c>error:</c> line naming <c>--timeout</c>, or is a positive number of seconds.
/// </summary>
public sealed class LiveOptionFuzzTests
{
    /// <summary>Generated inputs per property (100 patterns x 3 names, each catastrophic one stopped after the 1 s match timeout; 200 timeouts).</summary>
    private const int RegexCases = 100;
    private const int TimeoutCases = 200;

    [Property(MaxTest = RegexCases, Arbitrary = new[] { typeof(FuzzGenerators) })]
    public void HostilePattern_RefusedNamingTheOptionOrMatchedInBoundedTime(RegexCase c)
    {
        System.Text.RegularExpressions.Regex? regex;
        try
        {
            regex = TopicFilter.Parse(c.Option, c.Pattern);
        }
        catch (UsageException e)
        {
            Assert.StartsWith(c.Option + " '", e.Message, StringComparison.Ordinal);
            Assert.Contains("is not a valid regular expression", e.Message, StringComparison.Ordinal);
            return;
        }

        Assert.NotNull(regex);
        var filter = c.Option == "--include" ? new TopicFilter(regex, null, true) : new TopicFilter(null, regex, true);
        foreach (string topic in c.Topics)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                _ = filter.Takes(topic);
                _ = filter.Reason(topic);
            }
            catch (UsageException e)
            {
                Assert.StartsWith(c.Option + " '", e.Message, StringComparison.Ordinal);
                Assert.Contains("catastrophic backtracking", e.Message, StringComparison.Ordinal);
            }

            // Two matches (Takes, Reason) of at most the 1 s match timeout each, plus slack for a loaded machine.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{c}: {watch.Elapsed.TotalSeconds:0.0} s on '{topic}'");
        }
    }

    [Fact]
    public void ReadmeLimitsTable_StatesTheRegexMatchTimeoutInForce()
    {
        string readme = System.IO.File.ReadAllText(TestData.RepositoryFile("README.md"));
        TimeSpan timeout = TopicFilter.Parse("--include", "orders")!.MatchTimeout;

        Assert.Contains($"matched against the whole name within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per topic", readme, StringComparison.Ordinal);
    }

    [Property(MaxTest = TimeoutCases, Arbitrary = new[] { typeof(FuzzGenerators) })]
    public void HostileTimeout_OneErrorNamingTheOptionOrPositiveSeconds(TimeoutCase c)
    {
        // The oracle, independent of the CLI: an integer (sign and surrounding blanks allowed), 1 ≤ n ≤ 3600 (one hour, the README's limit).
        bool valid = long.TryParse(c.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out long seconds) && seconds is >= 1 and <= 3600;
        string[] args = [c.Command, "--bootstrap-servers", "127.0.0.1:1", .. c.Command == "apply" ? new[] { "--plan", "plan.json" } : [], "--timeout", c.Value];
        if (valid)
        {
            // Not run (it would wait for the unreachable cluster): the value parses and becomes that many seconds.
            Command command = BrokersetsCli.CreateRootCommand().Subcommands.Single(s => s.Name == c.Command);
            ParseResult parsed = command.Parse(args[1..]);
            Assert.Empty(parsed.Errors);
            Option<int?> timeout = command.Options.OfType<Option<int?>>().Single(o => o.Name == "--timeout");
            TimeSpan? span = AdminConnection.TimeoutOf(parsed.GetValue(timeout));
            Assert.Equal(TimeSpan.FromSeconds(seconds), span);
            (Confluent.Kafka.AdminClientConfig config, TimeSpan operation) = AdminConnection.ReadConfig("127.0.0.1:1", null, span);
            Assert.Equal(span, operation);
            Assert.InRange(config.SocketConnectionSetupTimeoutMs ?? 0, 1000, int.MaxValue);
            return;
        }

        CliRun run = CliRun.Of(args);
        Assert.True(run.ExitCode == ExitCodes.UsageError, $"brokersets {string.Join(" ", args)}: exit {run.ExitCode}: {run.Stderr}");
        string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--timeout", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
