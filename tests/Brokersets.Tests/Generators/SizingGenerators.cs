using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests.Generators;

/// <summary>A cluster of brokersets (3 AZs each), topics already on them, current usage, capacity and a new topic to size.</summary>
public sealed record SizingCase(PlacementSpec Spec, IReadOnlyList<BrokerUsage> Usage, BrokerCapacity Capacity, SizingRequest Request)
{
    public override string ToString() =>
        $"{Request} | {Capacity} | {string.Join("; ", Spec.Brokersets)} | topics {Spec.Topics.Length} | usage (MB/s, MB/s, GB) {string.Join(" ", Usage.Select(u => $"{u.BrokerId}:{u.NetworkInBytesPerSecond / 1e6:0.#}/{u.NetworkOutBytesPerSecond / 1e6:0.#}/{u.DiskBytes / 1e9:0}"))}";
}

/// <summary>Generators for the sizing advisor.</summary>
public static class SizingGenerators
{
    private const double MB = 1e6;

    private const long GB = 1_000_000_000;

    /// <summary>
    /// 1..3 brokersets of 3·m brokers (m in 1..3, ids consecutive and cycling az1..az3, some fixing a partition
    /// count), 0..2 topics on each, per-broker usage from idle to past capacity, and a request with produce 1..400
    /// MB/s, consume 0..3× produce, RF 1..3, target 1..20 MB/s, retention 0 or 1..200 h, rounding on or off.
    /// </summary>
    public static Gen<SizingCase> Cases() =>
        from setCount in Gen.Choose(1, 3)
        from perRack in Gen.ArrayOf(Gen.Choose(1, 3), setCount)
        from fixedCounts in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 24))), setCount)
        from topicCounts in Gen.ArrayOf(Gen.Choose(0, 2), setCount)
        from strides in Gen.ArrayOf(Gen.Choose(0, 5), 6)
        from usage in Gen.ArrayOf(Gen.Choose(0, 250), 27 * 3)
        from inCap in Gen.Choose(50, 500)
        from outCap in Gen.Choose(100, 1000)
        from diskCap in Gen.Choose(500, 5000)
        from util in Gen.Choose(50, 100)
        from produce in Gen.Choose(1, 400)
        from consumeFactor in Gen.Choose(0, 30)
        from rf in Gen.Choose(1, 3)
        from target in Gen.Choose(1, 20)
        from retention in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 200)))
        from round in Gen.Elements(false, true)
        select Build(perRack, fixedCounts, topicCounts, strides, usage, new BrokerCapacity { NetworkInBytesPerSecond = inCap * MB, NetworkOutBytesPerSecond = outCap * MB, DiskBytes = diskCap * GB, MaxUtilization = util / 100.0 },
            new SizingRequest("new", produce * MB, produce * MB * consumeFactor / 10.0, rf, target * MB, retention, round));

    public static Arbitrary<SizingCase> CaseArb() => Cases().ToArbitrary();

    private static SizingCase Build(int[] perRack, int[] fixedCounts, int[] topicCounts, int[] strides, int[] usage, BrokerCapacity capacity, SizingRequest request)
    {
        var brokers = new List<Broker>();
        var sets = new List<Brokerset>();
        var topics = new List<TopicSpec>();
        int id = 1;
        for (int s = 0; s < perRack.Length; s++)
        {
            int n = 3 * perRack[s];
            var members = Enumerable.Range(id, n).Select(i => new Broker(i, "az" + (((i - 1) % 3) + 1))).ToList();
            brokers.AddRange(members);
            id += n;
            string name = "B" + s;
            sets.Add(Brokerset.Create(name, members, fixedCounts[s]));
            for (int t = 0; t < topicCounts[s]; t++)
            {
                topics.Add(new TopicSpec($"t{s}-{t}", name, n, 3, strides[(s * 2) + t]));
            }
        }

        var list = brokers.Select(b => new BrokerUsage(b.Id, usage[3 * (b.Id - 1)] * MB, usage[(3 * (b.Id - 1)) + 1] * 2 * MB, usage[(3 * (b.Id - 1)) + 2] * 10 * GB)).ToList();
        return new SizingCase(PlacementSpec.Create(sets, topics), list, capacity, request);
    }
}
