using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Brokersets.Benchmarks;

/// <summary>
/// Full runs: <c>dotnet run -c Release --project bench/Brokersets.Benchmarks -- --filter '*'</c> (any BenchmarkDotNet
/// argument). CI: <c>-- --ci</c> runs every benchmark with a short in-process job, writes markdown and JSON reports
/// under <c>artifacts/bench</c>, and fails when a benchmark allocates more per operation than
/// <c>bench/allocation-budgets.json</c> allows (allocations are deterministic; times on a shared CI machine are not).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool ci = args.Contains("--ci");
        string[] rest = args.Where(a => a != "--ci").ToArray();
        string root = RepoRoot();
        IConfig config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(root, "artifacts", "bench"))
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Brief);
        if (ci)
        {
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ci"))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator);
            if (rest.Length == 0)
            {
                rest = new[] { "--filter", "*" };
            }
        }

        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config).ToArray();
        bool failed = summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (ci)
        {
            failed |= !WithinBudgets(summaries, Path.Combine(root, "bench", "allocation-budgets.json"));
        }

        return failed ? 1 : 0;
    }

    /// <summary>Checks bytes allocated per operation against the budgets (<c>"Class.Method": bytes</c>, the largest over all scales).</summary>
    private static bool WithinBudgets(IEnumerable<Summary> summaries, string budgetsPath)
    {
        var budgets = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(budgetsPath))!;
        bool ok = true;
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            string key = $"{report.BenchmarkCase.Descriptor.Type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}";
            long? bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            if (!budgets.TryGetValue(key, out long budget))
            {
                continue; // baselines and unbudgeted benchmarks
            }

            string scale = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Scale")?.Value?.ToString() ?? "-";
            if (bytes is null || bytes > budget)
            {
                Console.Error.WriteLine($"allocation budget exceeded: {key} (Scale={scale}) allocates {bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} B/op, budget {budget} B/op");
                ok = false;
            }
            else
            {
                Console.WriteLine($"allocation budget ok: {key} (Scale={scale}) {bytes} B/op ≤ {budget} B/op");
            }
        }

        return ok;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Brokersets.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Environment.CurrentDirectory;
    }
}
