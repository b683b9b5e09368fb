using System;
using System.CommandLine;
using System.Linq;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

/// <summary>Every command's <c>--help</c> ends with examples that parse and with the exit codes.</summary>
public sealed class HelpExamplesTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (Command c in BrokersetsCli.CreateRootCommand().Subcommands)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EndsWithParsingExamplesAndTheExitCodes(string command)
    {
        CliRun run = CliRun.Of(command, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.EndsWith("Exit codes:\n  0    success\n  1    bad input: a missing or malformed file, or a placement the input makes impossible\n  2    bad command line\n  3    audit found drift\n  4    the cluster could not be read or refused a request\n  130  cancelled (Ctrl-C)\n", run.Stdout, StringComparison.Ordinal);
        string[] lines = run.Stdout.Split('\n');
        int at = Array.IndexOf(lines, "Examples:");
        Assert.True(at > 0, run.Stdout);
        string[] examples = lines.Skip(at + 1).TakeWhile(l => l.Length > 0).Select(l => l.Trim()).ToArray();
        Assert.InRange(examples.Length, 1, 3);
        foreach (string example in examples)
        {
            Assert.StartsWith("brokersets " + command + " ", example, StringComparison.Ordinal);
            string[] args = example["brokersets ".Length..].Replace("'", "", StringComparison.Ordinal).Split(' ').TakeWhile(a => a != ">").ToArray();
            ParseResult parsed = BrokersetsCli.CreateRootCommand().Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"{example}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }
}
