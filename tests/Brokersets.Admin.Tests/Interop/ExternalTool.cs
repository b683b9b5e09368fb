using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Brokersets.Admin.Tests.Interop;

/// <summary>
/// Finds and runs a client program nobody here wrote (kcat, node). Missing locally, the test is skipped with the reason;
/// missing under CI (<c>CI=true</c>, where <c>.ci/run</c> installs them), the test fails instead, so a green CI run
/// cannot hide an install step that did not happen.
/// </summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or <see langword="null"/>.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Skips (locally) or fails (under CI) when <paramref name="missing"/> is not null.</summary>
    public static void SkipUnlessPresent(string? missing)
    {
        if (missing is null)
        {
            return;
        }

        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            missing + " CI must have it: .ci/run installs it.");
        Skip.If(true, missing);
    }

    /// <summary>The repository's root (the folder holding Brokersets.sln).</summary>
    public static string RepositoryRoot() => RepositoryFiles.Root;

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string path, string[] args, string? stdin = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + path);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(path)} {string.Join(" ", args)} did not finish in time; stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
