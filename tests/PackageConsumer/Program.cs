// A tool that uses Brokersets as NuGet packages: places the blog's example, plans a move and maps it onto the
// Admin adapter's waves. Given the package folder and version (as .ci/run does), it also opens the packages and
// checks what nuget.org will show: the README, the license expression and SourceLink in the symbol packages.
// Exits non-zero when anything is off, so CI notices a broken package.
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;
using Brokersets;
using Brokersets.Admin;
using Brokersets.Serialization;

var cluster = Cluster.Create(Enumerable.Range(1, 6).Select(id => new Broker(id, $"AZ{((id - 1) % 3) + 1}")));
var brokerset = Brokerset.Parse("B6", "1-6").WithRacks(cluster);
var spec = PlacementSpec.Create([brokerset], [new TopicSpec("orders", "B6", 6, 3, 0), new TopicSpec("payments", "B6", 6, 3, 1)]);

ClusterAssignment orion = PlacementStrategy.Orion.PlaceAll(spec);
ClusterAssignment rackAware = PlacementStrategy.RackAware.PlaceAll(spec);
Console.WriteLine(rackAware);

var report = ClusterReport.Create(rackAware, cluster);
var plan = ExecutionPlan.Create(orion, rackAware);
var waves = ReassignmentWave.FromPlan(plan);
string json = ReassignmentJson.Write(plan.Diff.Apply(orion));

bool ok = report.Brokers.All(b => b.Leaders == 2)
    && ReassignmentJson.Read(json, "round trip").Topics.Length == 2
    && waves.Sum(w => w.Targets.Length) >= plan.Waves.Sum(w => w.Reassignments.Length);
Console.WriteLine($"consumer: {typeof(Brokerset).Assembly.GetName().Version} + {typeof(ClusterAdmin).Assembly.GetName().Name}: {plan.MoveCount} moves in {plan.Waves.Length} waves; {(ok ? "ok" : "FAILED")}");
if (args.Length == 2)
{
    ok &= PackageChecks.Run(args[0], args[1]);
}

return ok ? 0 : 1;

static class PackageChecks
{
    // The SourceLink custom debug information in a portable PDB (Portable PDB format, "Source Link").
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static bool Run(string folder, string version)
    {
        bool ok = true;
        foreach (string id in new[] { "Brokersets", "Brokersets.Admin", "Brokersets.Cli" })
        {
            ok &= CheckPackage(Path.Combine(folder, $"{id}.{version}.nupkg"), id);
            ok &= CheckSymbols(Path.Combine(folder, $"{id}.{version}.snupkg"), id);
        }

        return ok;
    }

    private static bool CheckPackage(string path, string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XElement metadata;
        using (Stream s = nuspecEntry.Open())
        {
            metadata = XDocument.Load(s).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        string? Value(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        XElement? license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
        string? readme = Value("readme");
        var problems = new List<string>();
        if (license is null || (string?)license.Attribute("type") != "expression" || license.Value != "Apache-2.0")
        {
            problems.Add("license is not the expression Apache-2.0");
        }

        if (readme is null || zip.GetEntry(readme) is null)
        {
            problems.Add($"readme '{readme}' is not in the package");
        }

        if (Value("repository") is null && metadata.Elements().All(e => e.Name.LocalName != "repository"))
        {
            problems.Add("no repository element (SourceLink sets it)");
        }

        if (id != "Brokersets.Cli")
        {
            foreach (string tfm in new[] { "net8.0", "net10.0" })
            {
                if (zip.GetEntry($"lib/{tfm}/{id}.dll") is null || zip.GetEntry($"lib/{tfm}/{id}.xml") is null)
                {
                    problems.Add($"lib/{tfm}/{id}.dll or its XML docs are missing");
                }
            }
        }

        return Report($"{id} package", problems);
    }

    private static bool CheckSymbols(string path, string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var problems = new List<string>();
        ZipArchiveEntry[] pdbs = zip.Entries.Where(e => e.Name == $"{id}.pdb").ToArray();
        if (pdbs.Length == 0)
        {
            problems.Add($"no {id}.pdb");
        }

        foreach (ZipArchiveEntry entry in pdbs)
        {
            using var copy = new MemoryStream();
            using (Stream s = entry.Open())
            {
                s.CopyTo(copy);
            }

            copy.Position = 0;
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(copy);
            MetadataReader reader = provider.GetMetadataReader();
            string? sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
                .Select(reader.GetCustomDebugInformation)
                .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
                .Select(info => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
                .FirstOrDefault();
            if (sourceLink is null || !sourceLink.Contains("https://raw.githubusercontent.com/brokersets/brokersets/", StringComparison.Ordinal))
            {
                problems.Add($"{entry.FullName} has no SourceLink map to the GitHub repository ({sourceLink ?? "none"})");
            }
        }

        return Report($"{id} symbols ({pdbs.Length} pdb)", problems);
    }

    private static bool Report(string what, List<string> problems)
    {
        Console.WriteLine(problems.Count == 0 ? $"package check ok: {what}" : $"package check FAILED: {what}: {string.Join("; ", problems)}");
        return problems.Count == 0;
    }
}
