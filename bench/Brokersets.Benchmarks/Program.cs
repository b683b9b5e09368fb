using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Brokersets.Benchmarks;

/// <summary>
/// Full runs: <c>dotnet run -c Release --project bench/Brokersets.Benchmarks -- --filter '*'</c> (any BenchmarkDotNet
/// argument). CI: <c>-- --ci</c> runs every benchmark with a short in-process job (minutes, not hours) and
/// writes markdown and JSON reports under <c>artifacts/bench</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool ci = args.Contains("--ci");
        string[] rest = args.Where(a => a != "--ci").ToArray();
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(System.IO.Path.Combine(RepoRoot(), "artifacts", "bench"));
        if (ci)
        {
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ci"))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator);
            if (rest.Length == 0)
            {
                rest = new[] { "--filter", "*" };
            }
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static string RepoRoot()
    {
        var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Brokersets.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Environment.CurrentDirectory;
    }
}
