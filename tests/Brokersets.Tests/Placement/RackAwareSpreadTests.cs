using System;
using System.Collections.Generic;
using System.Linq;
using Brokersets.Tests.Generators;
using FsCheck.Xunit;

namespace Brokersets.Tests.Placement;

/// <summary>
/// The spread guarantees of algorithms.md §2 (8 and 9) on equal racks: R = 2–6 racks of m = 1–50 brokers, P = n,
/// RF 2–5, brokers in any id order.
/// </summary>
[Properties(Arbitrary = new[] { typeof(EqualRackArbitraries) }, MaxTest = 200)]
public class RackAwareSpreadTests
{
    private static readonly RackAwareStridePlacement Strategy = PlacementStrategy.RackAware;

    /// <summary>The broker that takes over partition p when the brokers in <paramref name="failed"/> fail.</summary>
    internal static int FirstSurvivor(TopicAssignment a, int p, Func<int, bool> failed)
    {
        foreach (int id in a[p])
        {
            if (!failed(id))
            {
                return id;
            }
        }

        return -1;
    }

    [Property]
    public void Place_StridesZeroToS_EveryBrokerGetsSDistinctFirstFollowers(LayoutCase layout, int sSeed, int rfSeed)
    {
        int n = layout.Count;
        int m = n / layout.RackCount;
        int maxS = n - m;
        int s = 1 + (int)((uint)sSeed % (uint)maxS);
        int rf = 2 + (int)((uint)rfSeed % (uint)(Math.Min(5, n) - 1));
        if (n < 2)
        {
            return;
        }

        var followers = layout.Brokerset.BrokerIds.ToDictionary(id => id, _ => new List<int>());
        for (int stride = 0; stride < s; stride++)
        {
            TopicAssignment a = Strategy.Place(layout.Brokerset, new TopicSpec($"t{stride}", "bs", n, rf, stride));
            for (int p = 0; p < n; p++)
            {
                followers[a.LeaderOf(p)].Add(FirstSurvivor(a, p, id => id == a.LeaderOf(p)));
            }
        }

        foreach ((int broker, List<int> next) in followers)
        {
            Assert.Equal(s, next.Count);
            Assert.True(next.Distinct().Count() == s, $"broker {broker}: first followers over strides 0..{s - 1} are [{string.Join(",", next)}], not all distinct");
        }
    }

    [Property]
    public void Place_AllUsefulStrides_FailedBrokerLeadershipGoesOncePerBrokerOfOtherRacks(LayoutCase layout, int rfSeed)
    {
        int n = layout.Count;
        int m = n / layout.RackCount;
        int rf = 2 + (int)((uint)rfSeed % (uint)(Math.Min(5, n) - 1));
        int strides = n - m;
        var gained = layout.Brokerset.BrokerIds.ToDictionary(id => id, _ => new Dictionary<int, int>());
        for (int stride = 0; stride < strides; stride++)
        {
            TopicAssignment a = Strategy.Place(layout.Brokerset, new TopicSpec($"t{stride}", "bs", n, rf, stride));
            for (int p = 0; p < n; p++)
            {
                int failed = a.LeaderOf(p);
                int heir = FirstSurvivor(a, p, id => id == failed);
                gained[failed][heir] = gained[failed].GetValueOrDefault(heir) + 1;
            }
        }

        foreach ((int failed, Dictionary<int, int> heirs) in gained)
        {
            int[] expected = layout.Brokerset.BrokerIds.Where(id => layout.RackOf(id) != layout.RackOf(failed)).Order().ToArray();
            Assert.Equal(expected, heirs.Keys.Order().ToArray());
            Assert.All(heirs.Values, v => Assert.Equal(1, v));
        }
    }

    [Property]
    public void Place_RMinusOneConsecutiveStrides_FailedRackLeadershipSplitsEquallyOverOtherRacks(LayoutCase layout, byte firstStride, int rfSeed)
    {
        int n = layout.Count;
        int racks = layout.RackCount;
        int rf = 2 + (int)((uint)rfSeed % (uint)(Math.Min(5, n) - 1));
        TopicAssignment[] topics = Enumerable.Range(firstStride, racks - 1)
            .Select(s => Strategy.Place(layout.Brokerset, new TopicSpec($"t{s}", "bs", n, rf, s)))
            .ToArray();
        foreach (string failedRack in layout.Brokerset.Racks)
        {
            var gained = layout.Brokerset.Racks.Where(r => r != failedRack).ToDictionary(r => r, _ => 0);
            int moved = 0;
            foreach (TopicAssignment a in topics)
            {
                for (int p = 0; p < n; p++)
                {
                    if (layout.RackOf(a.LeaderOf(p)) == failedRack)
                    {
                        int heir = FirstSurvivor(a, p, id => layout.RackOf(id) == failedRack);
                        gained[layout.RackOf(heir)]++;
                        moved++;
                    }
                }
            }

            Assert.True(gained.Values.Distinct().Count() == 1,
                $"rack {failedRack} failed: its {moved} leaders went {string.Join(", ", gained.Select(kv => $"{kv.Key}:{kv.Value}"))}");
        }
    }
}
