using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests.Generators;

/// <summary>How the broker ids of a generated brokerset are laid out.</summary>
public enum IdLayout
{
    /// <summary>One ascending range; racks cycle with the id (Pinterest's numbering, what Orion assumes).</summary>
    CyclingRange,

    /// <summary>Non-contiguous ids in a shuffled order, racks assigned at random.</summary>
    Shuffled,

    /// <summary>Several ranges concatenated out of order (e.g. 40-48,1-12), racks assigned at random.</summary>
    Ranges,
}

/// <summary>A generated brokerset with racks, and how it was made (printed when a property fails).</summary>
public sealed class LayoutCase
{
    public LayoutCase(Brokerset brokerset, int[] rackSizes, IdLayout idLayout, int seed)
    {
        Brokerset = brokerset;
        RackSizes = rackSizes;
        IdLayout = idLayout;
        Seed = seed;
    }

    public Brokerset Brokerset { get; }

    public int[] RackSizes { get; }

    public IdLayout IdLayout { get; }

    public int Seed { get; }

    public int Count => Brokerset.Count;

    public int RackCount => RackSizes.Length;

    public bool EqualRacks => RackSizes.All(s => s == RackSizes[0]);

    /// <summary>Rack name of each broker id.</summary>
    public string RackOf(int brokerId) => Brokerset.Brokers[Brokerset.PositionOf(brokerId)].Rack!;

    public override string ToString() =>
        $"n={Count} racks=[{string.Join(",", RackSizes)}] {IdLayout} seed={Seed} ids=[{string.Join(",", Brokerset.Brokers.Select(b => $"{b.Id}:{b.Rack}"))}]";
}

/// <summary>A generated topic placement request on a generated brokerset.</summary>
public sealed record PlacementCase(LayoutCase Layout, int Partitions, int ReplicationFactor, int Stride)
{
    public TopicSpec Topic => new("t", Layout.Brokerset.Name, Partitions, ReplicationFactor, Stride);

    public override string ToString() => $"P={Partitions} RF={ReplicationFactor} stride={Stride} on {Layout}";
}

/// <summary>
/// The one place where placement inputs are generated: 1–300 brokers, 1–6 racks of unequal sizes, ids shuffled
/// and non-contiguous, 1–1,000 partitions, RF 1–5, strides 0–20; and equal-rack brokersets for the spread
/// guarantees.
/// </summary>
public static class PlacementGenerators
{
    /// <summary>Brokerset sizes: mostly small (where edge cases live), some up to 300.</summary>
    public static Gen<int> BrokerCount { get; } = Gen.Frequency(
        (5, Gen.Choose(1, 12)),
        (3, Gen.Choose(13, 60)),
        (2, Gen.Choose(61, 300)));

    /// <summary>Any brokerset with 1–6 racks of arbitrary (usually unequal) sizes.</summary>
    public static Gen<LayoutCase> AnyLayout { get; } =
        from n in BrokerCount
        from racks in Gen.Choose(1, Math.Min(6, n))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from idLayout in Gen.Elements(IdLayout.CyclingRange, IdLayout.Shuffled, IdLayout.Ranges)
        select Build(SplitUneven(n, racks, seed), idLayout, seed);

    /// <summary>Brokersets of R = 2–6 racks with m = 1–50 brokers each.</summary>
    public static Gen<LayoutCase> EqualRackLayout { get; } =
        from racks in Gen.Choose(2, 6)
        from m in Gen.Frequency((3, Gen.Choose(1, 6)), (1, Gen.Choose(7, 50)))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from idLayout in Gen.Elements(IdLayout.CyclingRange, IdLayout.Shuffled, IdLayout.Ranges)
        select Build(Enumerable.Repeat(m, racks).ToArray(), idLayout, seed);

    /// <summary>Partition counts 1–1,000, biased to the interesting region around the brokerset size.</summary>
    public static Gen<int> PartitionsFor(int n) => Gen.Frequency(
        (3, Gen.Choose(1, Math.Min(1000, 3 * n))),
        (1, Gen.Choose(1, 1000)),
        (1, Gen.Elements(n, Math.Min(1000, 2 * n), Math.Max(1, n - 1), Math.Min(1000, n + 1))));

    /// <summary>A topic on any brokerset.</summary>
    public static Gen<PlacementCase> AnyCase { get; } =
        from layout in AnyLayout
        from p in PartitionsFor(layout.Count)
        from rf in Gen.Choose(1, Math.Min(5, layout.Count))
        from stride in Gen.Choose(0, 20)
        select new PlacementCase(layout, p, rf, stride);

    /// <summary>A topic on an equal-rack brokerset.</summary>
    public static Gen<PlacementCase> EqualRackCase { get; } =
        from layout in EqualRackLayout
        from p in PartitionsFor(layout.Count)
        from rf in Gen.Choose(1, Math.Min(5, layout.Count))
        from stride in Gen.Choose(0, 20)
        select new PlacementCase(layout, p, rf, stride);

    /// <summary>Splits n brokers into <paramref name="racks"/> non-empty racks at random cut points.</summary>
    public static int[] SplitUneven(int n, int racks, int seed)
    {
        var rnd = new Random(seed);
        var cuts = new SortedSet<int>();
        while (cuts.Count < racks - 1)
        {
            cuts.Add(rnd.Next(1, n));
        }

        int[] sizes = new int[racks];
        int prev = 0, r = 0;
        foreach (int cut in cuts.Append(n))
        {
            sizes[r++] = cut - prev;
            prev = cut;
        }

        return sizes;
    }

    /// <summary>Builds a brokerset with the given rack sizes; ids and rack order follow <paramref name="idLayout"/>.</summary>
    public static LayoutCase Build(int[] rackSizes, IdLayout idLayout, int seed)
    {
        var rnd = new Random(seed);
        int n = rackSizes.Sum();
        string[] rackNames = Enumerable.Range(0, rackSizes.Length).Select(r => $"az{(char)('a' + r)}").ToArray();

        // A rack label per position: cycling through racks (while they have room) or shuffled.
        var labels = new List<int>(n);
        if (idLayout == IdLayout.CyclingRange)
        {
            int[] left = (int[])rackSizes.Clone();
            while (labels.Count < n)
            {
                for (int r = 0; r < left.Length; r++)
                {
                    if (left[r] > 0)
                    {
                        labels.Add(r);
                        left[r]--;
                    }
                }
            }
        }
        else
        {
            for (int r = 0; r < rackSizes.Length; r++)
            {
                labels.AddRange(Enumerable.Repeat(r, rackSizes[r]));
            }

            Shuffle(labels, rnd);
        }

        int[] ids;
        switch (idLayout)
        {
            case IdLayout.CyclingRange:
                int start = rnd.Next(0, 1000);
                ids = Enumerable.Range(start, n).ToArray();
                break;
            case IdLayout.Shuffled:
                var set = new List<int>();
                int id = rnd.Next(0, 50);
                for (int i = 0; i < n; i++)
                {
                    set.Add(id);
                    id += rnd.Next(1, 7);
                }

                Shuffle(set, rnd);
                ids = set.ToArray();
                break;
            default:
                // a few contiguous ranges with gaps between them, concatenated in a random order
                var ranges = new List<int[]>();
                int next = rnd.Next(0, 100);
                int remaining = n;
                while (remaining > 0)
                {
                    int len = Math.Min(remaining, rnd.Next(1, Math.Max(2, n / 3) + 1));
                    ranges.Add(Enumerable.Range(next, len).ToArray());
                    next += len + rnd.Next(1, 20);
                    remaining -= len;
                }

                Shuffle(ranges, rnd);
                ids = ranges.SelectMany(x => x).ToArray();
                break;
        }

        Brokerset set2 = Brokerset.Create("bs", ids.Select((x, i) => new Broker(x, rackNames[labels[i]])));
        return new LayoutCase(set2, rackSizes, idLayout, seed);
    }

    private static void Shuffle<T>(List<T> list, Random rnd)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rnd.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}

/// <summary>Registers the generators with FsCheck: <c>[Property(Arbitrary = new[] { typeof(PlacementArbitraries) })]</c>.</summary>
public static class PlacementArbitraries
{
    public static Arbitrary<PlacementCase> PlacementCase() => Arb.From(PlacementGenerators.AnyCase);

    public static Arbitrary<LayoutCase> LayoutCase() => Arb.From(PlacementGenerators.AnyLayout);
}

/// <summary>Generators for the equal-rack spread guarantees.</summary>
public static class EqualRackArbitraries
{
    public static Arbitrary<PlacementCase> PlacementCase() => Arb.From(PlacementGenerators.EqualRackCase);

    public static Arbitrary<LayoutCase> LayoutCase() => Arb.From(PlacementGenerators.EqualRackLayout);
}
