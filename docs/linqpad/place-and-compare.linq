<Query Kind="Statements">
  <NuGetReference>Brokersets</NuGetReference>
  <Namespace>Brokersets</Namespace>
  <Namespace>Brokersets.Serialization</Namespace>
</Query>

// 12 brokers cycling through three AZs, one brokerset, eight topics at strides 0..7 (docs/failover.md)
var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, $"az{(id - 1) % 3 + 1}")));
var spec = PlacementSpec.Create([Brokerset.Parse("B12", "1-12")],
    Enumerable.Range(0, 8).Select(s => new TopicSpec($"t{s}", "B12", Partitions: 12, Stride: s))).WithRacks(cluster);

PlacementStrategy[] strategies = [PlacementStrategy.RackAware, PlacementStrategy.Orion, KafkaDefaultPlacement.FixedStart(0)];
strategies.Select(s => (Strategy: s, Impact: FailureImpact.Create(s.PlaceAll(spec), cluster)))
    .Select(x => new { x.Strategy.Name, x.Impact.FailoverSkew, x.Impact.MaxLeadersGained, x.Impact.MinSuccessors, x.Impact.RackSpread })
    .Dump("failover by strategy");

ClusterAssignment rackAware = PlacementStrategy.RackAware.PlaceAll(spec);
rackAware["t1"].Dump("t1 (rack-aware)");
ClusterReport.Create(rackAware, cluster).Dump("loads per broker and rack");
