using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Brokersets.Tests.Cli;

/// <summary>docs/reassignment.md shows real output: each <c>brokersets …</c> block is run and compared with the text block after it.</summary>
public sealed class ReassignmentDocTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Doc_EveryCommand_PrintsWhatTheDocShows()
    {
        string[] lines = File.ReadAllLines(TestData.RepositoryFile("docs", "reassignment.md"));
        string root = TestData.RepositoryRoot() + Path.DirectorySeparatorChar;
        string outputDir = Path.Combine(_files.Directory, "plan-out");
        int checkedCommands = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```sh" || !lines[i + 1].StartsWith("brokersets ", StringComparison.Ordinal) || lines[i + 3] != "```text")
            {
                continue;
            }

            string[] args = lines[i + 1]["brokersets ".Length..].Split(' ')
                .Select(a => a.StartsWith("docs/", StringComparison.Ordinal) ? root + a : a == "plan-out" ? outputDir : a).ToArray();
            var expected = new List<string>();
            for (int j = i + 4; lines[j] != "```"; j++)
            {
                expected.Add(lines[j]);
            }

            CliRun run = CliRun.Of(args);
            string actual = (run.Stdout + run.Stderr).Replace(outputDir, "plan-out", StringComparison.Ordinal).Replace(root, string.Empty, StringComparison.Ordinal);
            Assert.Equal(string.Join("\n", expected), actual + $"(exit code {run.ExitCode})");
            checkedCommands++;
        }

        Assert.Equal(7, checkedCommands);
    }
}
