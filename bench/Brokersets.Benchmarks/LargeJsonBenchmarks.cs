using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Brokersets.Serialization;

namespace Brokersets.Benchmarks;

/// <summary>
/// Reading a 2.9M-partition reassignment file (2,900 topics × 1,000 partitions, RF 3, as <c>Write</c> renders it,
/// about 194 MB): from UTF-8 bytes (as a file is read) and from a string, against a <see cref="JsonDocument"/> walk.
/// </summary>
[MemoryDiagnoser]
public class LargeJsonBenchmarks
{
    private string _json = null!;
    private byte[] _utf8 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var topics = Enumerable.Range(0, 2900).Select(t =>
            PlacementStrategy.Orion.Place(Brokerset.Create("b", Enumerable.Range(1 + ((t % 100) * 30), 30)), new TopicSpec($"topic-{t:D5}", "b", 1000, 3, t % 5)));
        _json = ReassignmentJson.Write(ClusterAssignment.Create(topics));
        _utf8 = Encoding.UTF8.GetBytes(_json);
    }

    /// <summary>The file's size, to read the allocation columns against.</summary>
    public int FileBytes => _utf8.Length;

    [Benchmark(Baseline = true, Description = "naive (JsonDocument walk into lists)")]
    public int Naive()
    {
        using JsonDocument doc = JsonDocument.Parse(_utf8);
        int count = 0;
        var lists = new System.Collections.Generic.List<int[]>();
        foreach (JsonElement p in doc.RootElement.GetProperty("partitions").EnumerateArray())
        {
            lists.Add(p.GetProperty("replicas").EnumerateArray().Select(r => r.GetInt32()).ToArray());
            count++;
        }

        return count + lists.Count;
    }

    [Benchmark(Description = "ReassignmentJson.Read (UTF-8 bytes)")]
    public int ReadBytes() => ReassignmentJson.Read(_utf8, "bench").PartitionCount;

    [Benchmark(Description = "ReassignmentJson.Read (string)")]
    public int ReadString() => ReassignmentJson.Read(_json, "bench").PartitionCount;
}
