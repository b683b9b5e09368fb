<Query Kind="Statements">
  <NuGetReference>Brokersets</NuGetReference>
  <Namespace>Brokersets</Namespace>
  <Namespace>Brokersets.Serialization</Namespace>
</Query>

// the README's cluster; payments moves from brokers 1-6 to 7-12
var cluster = Cluster.Create(Enumerable.Range(1, 12).Select(id => new Broker(id, $"AZ{(id - 1) % 3 + 1}")));
var spec = PlacementSpec.Create([Brokerset.Parse("blue", "1-6"), Brokerset.Parse("green", "7-12")],
    [new TopicSpec("orders", "blue", Partitions: 6, Stride: 0), new TopicSpec("payments", "blue", Partitions: 6, Stride: 1)]).WithRacks(cluster);
ClusterAssignment current = PlacementStrategy.RackAware.PlaceAll(spec);

MovementTarget move = MinimalMovement.MoveTopic(current, spec, "payments", "green", sizes: PartitionSizes.Uniform(1L << 30));
move.Dump("target: moved vs lower bound");
ExecutionPlan plan = ExecutionPlan.Create(move.Diff, new ExecutionOptions { ThrottleBytesPerSecond = 50_000_000 }, cluster);
plan.Dump("waves, moves, throttles, elections");
plan.Waves.Select(w => new { w.Number, Json = ReassignmentJson.Write(w.Reassignments) }).Dump("one kafka-reassign-partitions file per wave");
