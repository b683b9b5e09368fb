<Query Kind="Statements">
  <NuGetReference>Brokersets</NuGetReference>
  <Namespace>Brokersets</Namespace>
  <Namespace>Brokersets.Serialization</Namespace>
</Query>

var cluster = Cluster.Create(Enumerable.Range(1, 7).Select(id => new Broker(id, $"AZ{(id - 1) % 3 + 1}")));
var spec = PlacementSpec.Create([Brokerset.Parse("B6", "1-6")],
    [new TopicSpec("orders", "B6", Partitions: 6, Stride: 0), new TopicSpec("payments", "B6", Partitions: 6, Stride: 1)]).WithRacks(cluster);

// what the cluster runs (paste kafka-reassign-partitions' "Current partition replica assignment" here)
string currentJson = """
    {"version":1,"partitions":[
      {"topic":"orders","partition":0,"replicas":[1,2,7]},{"topic":"orders","partition":1,"replicas":[2,3,4]},
      {"topic":"orders","partition":2,"replicas":[3,4,5]},{"topic":"orders","partition":3,"replicas":[4,5,6]},
      {"topic":"orders","partition":4,"replicas":[5,6,1]},{"topic":"orders","partition":5,"replicas":[6,1,2]},
      {"topic":"payments","partition":0,"replicas":[1,3,2]},{"topic":"payments","partition":1,"replicas":[2,4,3]},
      {"topic":"payments","partition":2,"replicas":[3,5,4]},{"topic":"payments","partition":3,"replicas":[6,4,5]},
      {"topic":"payments","partition":4,"replicas":[5,1,6]},{"topic":"payments","partition":5,"replicas":[6,2,1]}]}
    """;
ClusterAssignment observed = ReassignmentJson.Read(currentJson, "current");

DriftReport drift = DriftReport.Create(spec, cluster, observed);
drift.Dump("drift, cheapest class first");
ExecutionPlan.Create(drift.Repair, cluster: cluster).Dump("the repair in waves");
