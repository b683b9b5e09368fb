using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Brokersets.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Brokersets.Tests.Fuzz;

/// <summary>A public API call with hostile arguments.</summary>
public sealed record ApiCall(string Description, Action Invoke)
{
    public override string ToString() => Description;
}

/// <summary>
/// The public API under hostile arguments: whatever is passed, what escapes is an <see cref="ArgumentException"/>
/// (or a subclass), the documented <see cref="KeyNotFoundException"/> of the assignment indexer, or the readers'
/// documented <see cref="BrokersetsFormatException"/> (and <see cref="FormatException"/> of the documented Parse
/// methods); never a NullReferenceException, IndexOutOfRangeException,
/// OverflowException or InvalidOperationException from inside.
/// </summary>
public sealed class ApiFuzzTests
{
    /// <summary>Generated calls.</summary>
    private const int Calls = 3000;

    private static readonly int[] Ints = [int.MinValue, -1, 0, 1, 2, 3, 5, 6, 7, 12, 100, 100_000, 100_001, 1_000_001, int.MaxValue - 1, int.MaxValue];
    private static readonly int[] SmallCounts = [int.MinValue, -1, 0, 1, 2, 3, 6, 7, 50, 1_000_001, int.MaxValue];
    private static readonly long[] Longs = [long.MinValue, -1, 0, 1, 1000, 1L << 40, 1_000_000_000_000_000, long.MaxValue / 3, long.MaxValue];
    private static readonly string?[] Names = [null, "", " ", ".", "..", "t", "orders", "a/b", "my topic", "a\0b", "\ud800", new string('a', 249), new string('a', 250), "a.b_c"];
    private static readonly string?[] RangeTexts = [null, "", "1-6", "6-1", "-1", "0-2147483647", "1-3,2-4", "1--2", "a", "1-100000", "1-100001", ",,", "2147483647", "2147483648"];
    private static readonly string[] Json = ["", "null", "[]", "{}", "[null]", "[{}]", "{\"partitions\":[]}", "{\"brokers\":[null]}", "[{\"topicName\":\"\\ud800\"}]", "1e309", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "{\"a\":1,\"a\":2}"];

    public static Arbitrary<ApiCall> CallArb() => Gen.OneOf(
        from a in Gen.Elements(Ints)
        from b in Gen.Elements(Ints)
        select new ApiCall($"new BrokerIdRange({a}, {b}).Count", () => _ = new BrokerIdRange(a, b).Count),
        from text in Gen.Elements(RangeTexts)
        from name in Gen.Elements(Names)
        from p in Gen.Elements(SmallCounts)
        select new ApiCall($"Brokerset.Parse({name}, {text}, {p})", () => Brokerset.Parse(name!, text!, p)),
        from name in Gen.Elements(Names)
        from n in Gen.Choose(1, 8)
        from p in Gen.Elements(SmallCounts)
        from rf in Gen.Elements(SmallCounts)
        from stride in Gen.Elements(SmallCounts)
        from strategy in Gen.Choose(0, 3)
        select new ApiCall($"place topic {name} P={p} RF={rf} stride={stride} on {n} brokers, strategy {strategy}", () => Place(name, n, p, rf, stride, strategy)),
        from name in Gen.Elements(Names)
        from rf in Gen.Elements(SmallCounts)
        from count in Gen.Choose(0, 6)
        from ids in Gen.ArrayOf(Gen.Elements(Ints), count)
        select new ApiCall($"TopicAssignment.Create({name}, {rf}, [{string.Join(",", ids)}])", () => TopicAssignment.Create(name!, rf, ids)),
        from size in Gen.Elements(Longs)
        from index in Gen.Elements(Ints)
        from throttle in Gen.Elements(Longs)
        from cap in Gen.Elements(Longs)
        from incoming in Gen.Elements(SmallCounts)
        select new ApiCall($"diff/plan sizes {size} index {index} throttle {throttle} cap {cap} in {incoming}", () => DiffAndPlan(size, index, throttle, cap, incoming)),
        from topic in Gen.Elements(Names)
        from size in Gen.Elements(Longs)
        select new ApiCall($"PartitionSizes.Create({topic}: {size})", () => PartitionSizes.Create([new(topic!, ImmutableArray.Create(size))])),
        from json in Gen.Elements(Json)
        from reader in Gen.Choose(0, 5)
        select new ApiCall($"reader {reader} on {json}", () => Read(reader, json)),
        from nulls in Gen.Choose(0, 7)
        select new ApiCall($"null/default argument {nulls}", () => NullsAndDefaults(nulls)),
        from topic in Gen.Elements(Names)
        select new ApiCall($"assignment[{topic}]", () => _ = Example()[topic!])).ToArbitrary();

    [Property(MaxTest = Calls, Arbitrary = new[] { typeof(ApiFuzzTests) })]
    public void HostileCall_ThrowsOnlyDocumentedExceptions(ApiCall call)
    {
        var task = Task.Run(() =>
        {
            try
            {
                call.Invoke();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
        Assert.True(task.Wait(TimeSpan.FromSeconds(20)), call.Description + " ran past 20 s");
        Exception? thrown = task.Result;
        bool parse = call.Description.StartsWith("Brokerset.Parse", StringComparison.Ordinal);
        Assert.True(thrown is null or ArgumentException or KeyNotFoundException or BrokersetsFormatException || (parse && thrown is FormatException),
            $"{call.Description} threw {thrown?.GetType()}: {thrown?.Message}");
    }

    private static ClusterAssignment Example() =>
        ReassignmentJson.Read(System.IO.File.ReadAllText(FuzzGenerators.Example("current.json")), "current.json");

    private static void Place(string? name, int brokers, int partitions, int rf, int stride, int strategy)
    {
        Brokerset set = Brokerset.Create("B", Enumerable.Range(1, brokers).Select(id => new Broker(id, "r" + (id % 3))));
        PlacementSpec spec = PlacementSpec.Create([set], [new TopicSpec(name!, "B", partitions, rf, stride)]);
        PlacementStrategy s = strategy switch
        {
            0 => PlacementStrategy.RackAware,
            1 => PlacementStrategy.Orion,
            2 => new KafkaDefaultPlacement(partitions, rf, Math.Max(0, stride)),
            _ => new OrionStridePlacement(stride),
        };
        ClusterAssignment a = s.PlaceAll(spec);
        _ = ClusterReport.Create(a).ToString();
        _ = FailureImpact.Create(a).ToString();
    }

    private static void DiffAndPlan(long size, int index, long throttle, long cap, int incoming)
    {
        ClusterAssignment current = Example();
        ClusterAssignment target = ReassignmentJson.Read(System.IO.File.ReadAllText(FuzzGenerators.Example("layout.json")), "layout.json");
        ReassignmentDiff diff = ReassignmentDiff.Create(current, target, PartitionSizes.Uniform(size));
        _ = diff.ToString();
        var options = new ExecutionOptions { ThrottleBytesPerSecond = throttle, MaxBytesInFlight = cap, MaxIncomingPerBroker = incoming };
        ExecutionPlan plan = ExecutionPlan.Create(diff, options);
        _ = plan.ToString();
        _ = diff.BytesOf(index);
        _ = diff.TopicOf(index);
        _ = diff.CurrentReplicas(index).Length;
    }

    private static void Read(int reader, string json)
    {
        switch (reader)
        {
            case 0: BrokersetsJson.Read(json, "f"); break;
            case 1: TopicsJson.Read(json, "f"); break;
            case 2: ClusterJson.Read(json, "f"); break;
            case 3: BrokerOverridesJson.Read(json, "f"); break;
            case 4: ReassignmentJson.Read(json, "f"); break;
            default: BrokerUsageJson.Read(json, "f"); break;
        }
    }

    private static void NullsAndDefaults(int which)
    {
        switch (which)
        {
            case 0: PlacementSpec.Create([null!], []); break;
            case 1: ClusterAssignment.Create([null!]); break;
            case 2: TopicAssignment.Create("t", [null!]); break;
            case 3: Cluster.Create(default(ImmutableArray<Broker>)); break;
            case 4: Brokerset.FromRanges("B", default(ImmutableArray<BrokerIdRange>)); break;
            case 5: PlacementSpec.Create(null!, []); break;
            case 6: PartitionSizes.Create([new("t", default)]); break;
            default: ReassignmentDiff.Create(Example(), null!); break;
        }
    }
}
