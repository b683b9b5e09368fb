using System.Linq;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Brokersets.Benchmarks.Scenarios;
using Brokersets.Serialization;

namespace Brokersets.Benchmarks;

/// <summary>Kafka's reassignment JSON for a whole scenario: writing it and reading it back, against JsonNode with LINQ.</summary>
[MemoryDiagnoser]
public class KafkaJsonBenchmarks
{
    private ClusterAssignment _assignment = null!;
    private string _json = null!;

    [Params("M", "L")]
    public string Scale { get; set; } = "M";

    [GlobalSetup]
    public void Setup()
    {
        _assignment = PlacementStrategy.RackAware.PlaceAll(ClusterScenario.Named(Scale).Spec);
        _json = ReassignmentJson.Write(_assignment);
    }

    [Benchmark(Baseline = true, Description = "naive write (JsonNode)")]
    public string NaiveWrite()
    {
        var partitions = new JsonArray();
        foreach (TopicAssignment t in _assignment.Topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                partitions.Add(new JsonObject { ["topic"] = t.Topic, ["partition"] = p, ["replicas"] = new JsonArray(t[p].ToArray().Select(id => (JsonNode)id).ToArray()) });
            }
        }

        return new JsonObject { ["version"] = 1, ["partitions"] = partitions }.ToJsonString();
    }

    [Benchmark(Description = "ReassignmentJson.Write")]
    public string Write() => ReassignmentJson.Write(_assignment);

    [Benchmark(Description = "naive read (JsonNode + LINQ)")]
    public int NaiveRead() => JsonNode.Parse(_json)!["partitions"]!.AsArray()
        .GroupBy(p => (string)p!["topic"]!)
        .Sum(g => g.OrderBy(p => (int)p!["partition"]!).Select(p => p!["replicas"]!.AsArray().Select(r => (int)r!).ToList()).Count());

    [Benchmark(Description = "ReassignmentJson.Read")]
    public int Read() => ReassignmentJson.Read(_json, "bench").PartitionCount;
}
