using System;
using System.IO;
using Brokersets.Cli;

namespace Brokersets.Tests.Cli;

/// <summary>Runs the CLI in-process and captures its exit code and output.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = BrokersetsCli.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public static string Example(string file) => TestData.RepositoryFile("docs", "examples", file);

    /// <summary>Asserts a failure: the exit code, nothing on stdout, exactly one <c>error: </c> line on stderr, no stack trace.</summary>
    public string AssertOneLineError(int exitCode)
    {
        Assert.Equal(exitCode, ExitCode);
        Assert.Equal(string.Empty, Stdout);
        string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Brokersets", line, StringComparison.Ordinal);
        return line;
    }
}
