// A tool that uses Brokersets as NuGet packages: places the blog's example, plans a move and maps it onto the
// Admin adapter's waves. Exits non-zero when anything is off, so CI notices a broken package.
using Brokersets;
using Brokersets.Admin;
using Brokersets.Serialization;

var cluster = Cluster.Create(Enumerable.Range(1, 6).Select(id => new Broker(id, $"AZ{((id - 1) % 3) + 1}")));
var brokerset = Brokerset.Parse("B6", "1-6").WithRacks(cluster);
var spec = PlacementSpec.Create([brokerset], [new TopicSpec("orders", "B6", 6, 3, 0), new TopicSpec("payments", "B6", 6, 3, 1)]);

ClusterAssignment orion = PlacementStrategy.Orion.PlaceAll(spec);
ClusterAssignment rackAware = PlacementStrategy.RackAware.PlaceAll(spec);
Console.WriteLine(rackAware);

var report = ClusterReport.Create(rackAware, cluster);
var plan = ExecutionPlan.Create(orion, rackAware);
var waves = ReassignmentWave.FromPlan(plan);
string json = ReassignmentJson.Write(plan.Diff.Apply(orion));

bool ok = report.Brokers.All(b => b.Leaders == 2)
    && ReassignmentJson.Read(json, "round trip").Topics.Length == 2
    && waves.Sum(w => w.Targets.Length) >= plan.Waves.Sum(w => w.Reassignments.Length);
Console.WriteLine($"consumer: {typeof(Brokerset).Assembly.GetName().Version} + {typeof(ClusterAdmin).Assembly.GetName().Name}: {plan.MoveCount} moves in {plan.Waves.Length} waves; {(ok ? "ok" : "FAILED")}");
return ok ? 0 : 1;
