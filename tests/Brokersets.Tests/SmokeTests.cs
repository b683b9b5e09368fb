using System;
using System.Linq;
using Brokersets;

namespace Brokersets.Tests;

public class SmokeTests
{
    [Fact]
    public void Place_SeedExample_Prints()
    {
        var cluster = Cluster.Create(new[] { 1, 2, 3, 4, 5, 6 }.Select(id => new Broker(id, "AZ" + (((id - 1) % 3) + 1))));
        var set = Brokerset.Parse("B6", "1-6").WithRacks(cluster);
        var spec = PlacementSpec.Create(new[] { set }, new[] { new TopicSpec("t0", "B6", 6, 3, 0), new TopicSpec("t1", "B6", 6, 3, 1) });
        Console.WriteLine(PlacementStrategy.Orion.PlaceAll(spec));
        Console.WriteLine(PlacementStrategy.RackAware.PlaceAll(spec));
    }
}
