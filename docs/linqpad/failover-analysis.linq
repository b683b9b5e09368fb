<Query Kind="Statements">
  <NuGetReference>Brokersets</NuGetReference>
  <Namespace>Brokersets</Namespace>
  <Namespace>Brokersets.Serialization</Namespace>
</Query>

var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, $"az{(id - 1) % 3 + 1}")));
Brokerset b12 = Brokerset.Parse("B12", "1-12").WithRacks(cluster);
TopicSpec[] topics = Enumerable.Range(0, 8).Select(s => new TopicSpec($"t{s}", "B12", Partitions: 12, Stride: 0)).ToArray();
var spec = PlacementSpec.Create([b12], topics);

// every topic at stride 0: one successor per broker takes all its leadership
FailureImpact before = FailureImpact.Create(PlacementStrategy.RackAware.PlaceAll(spec), cluster);
before.Dump("all at stride 0");

// the advisor's strides, and what they do to a broker's and an AZ's failure
StridePlan replan = new StrideAdvisor(PlacementStrategy.RackAware).Replan(b12, topics);
replan.Dump("re-planned strides");
var after = PlacementSpec.Create([b12], topics.Select(t => t with { Stride = replan.Topics.Single(c => c.Topic == t.Topic).After }));
FailureImpact.Create(PlacementStrategy.RackAware.PlaceAll(after), cluster).Dump("after the re-plan");
