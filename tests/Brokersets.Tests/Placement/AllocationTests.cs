using System;
using System.Linq;

namespace Brokersets.Tests.Placement;

/// <summary>Placement into a caller-provided buffer allocates nothing (counted, not timed).</summary>
public class AllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action(); // warm up (JIT, static state)
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static Brokerset Layout(int n, params int[] rackSizes)
    {
        string[] racks = rackSizes.SelectMany((size, r) => Enumerable.Repeat($"r{r}", size)).ToArray();
        return Brokerset.Create("B", Enumerable.Range(0, n).Select(i => new Broker(100 + i, racks[i])));
    }

    [Theory]
    [InlineData("rack-aware", new[] { 40, 40, 40 })]
    [InlineData("rack-aware", new[] { 50, 40, 30 })]
    [InlineData("orion", new[] { 40, 40, 40 })]
    public void Place_IntoBuffer_AllocatesNothing(string strategyName, int[] rackSizes)
    {
        PlacementStrategy strategy = strategyName == "orion" ? PlacementStrategy.Orion : PlacementStrategy.RackAware;
        Brokerset set = Layout(rackSizes.Sum(), rackSizes);
        var topic = new TopicSpec("t", "B", 1000, 3, 2);
        int[] buffer = new int[3000];

        Assert.Equal(0, AllocatedBy(() => strategy.Place(set, topic, buffer)));
    }

    [Fact]
    public void Place_UnevenWithManyRacks_UsesPooledScratchAndAllocatesNothing()
    {
        int[] sizes = Enumerable.Range(0, 200).Select(r => 1 + (r % 3)).ToArray();
        Brokerset set = Layout(sizes.Sum(), sizes);
        var topic = new TopicSpec("t", "B", 500, 4, 1);
        int[] buffer = new int[2000];

        Assert.Equal(0, AllocatedBy(() => PlacementStrategy.RackAware.Place(set, topic, buffer)));
    }
}
