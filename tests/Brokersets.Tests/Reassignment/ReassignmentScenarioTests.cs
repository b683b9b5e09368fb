using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Brokersets;
using Brokersets.Internals;
using Xunit.Abstractions;

namespace Brokersets.Tests.Reassignment;

/// <summary>
/// Issue 11's twelve plan rows (<see cref="ReassignmentScenarios"/>): every target keeps the guarantees, moves no more
/// than topicmappr did there, replaces by pure substitution, and changes few leaders. Print the table with
/// <c>dotnet test tests/Brokersets.Tests -c Release --filter "FullyQualifiedName~ReassignmentScenarioTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
public class ReassignmentScenarioTests
{
    // topicmappr's replicas moved, quoted in issue 11 (null where the issue quotes none).
    private static readonly Dictionary<(string, string), int> TopicmapprMoved = new()
    {
        [("12 brokers", "replace")] = 29, [("30 brokers", "replace")] = 140,
        [("12 brokers", "remove")] = 27, [("30 brokers", "remove")] = 136,
        [("12 brokers", "move")] = 36, [("30 brokers", "move")] = 135,
    };

    // Leader changes allowed: the 48 (replace, 30 brokers) and 44 (remove, 30 brokers) and 9 (remove, 12
    // brokers) are topicmappr's figures; for the two removals those break a leader bound audit checks: the exact
    // minimum at the same movement is 46 and 10 (LeaderChangeBoundTests), and the planner reaches both.
    private static readonly Dictionary<(string, string), int> MaxLeaderChanges = new()
    {
        [("30 brokers", "replace")] = 48, [("30 brokers", "remove")] = 46, [("12 brokers", "remove")] = 10,
    };

    private readonly ITestOutputHelper _output;

    public ReassignmentScenarioTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Scenarios_TwelveRows_KeepGuaranteesAndMoveNoMoreThanTopicmappr()
    {
        var text = new StringBuilder();
        text.Append("brokerset   change   what             moved  bound/topic  bound/cross  leaders  successors  max gain  method\n");
        foreach (ReassignmentScenarios.Change c in ReassignmentScenarios.All())
        {
            MovementTarget r = MinimalMovement.Rebalance(c.Before.Current, c.Desired);
            int leaders = ReassignmentScenarios.LeaderChanges(r.Current, r.Target);
            var (successors, gain) = ReassignmentScenarios.Successors(ReassignmentScenarios.ChangedTopics(r));
            text.Append(CultureInfo.InvariantCulture, $"{c.Setup,-11} {c.Kind,-8} {c.Description,-15} {r.ReplicasMoved,6} {r.LowerBound,12} {(r.CrossTopicLowerBound is { } x ? x.ToString(CultureInfo.InvariantCulture) : "-"),12} {leaders,8} {successors,11} {gain,9}  {string.Join(", ", r.Topics.Where(t => t.Changed && t.ReplicasMoved > 0).Select(t => t.Method).Distinct())}\n");

            foreach (TopicSpec t in c.Desired.Topics)
            {
                Assert.Null(BalanceGuarantees.Violation(r.Target[t.Topic], c.Desired.BrokersetOf(t)));
            }

            // The library's figures agree with the ones counted here.
            Assert.Equal(leaders, r.LeaderChanges);
            Assert.Equal(successors, r.MinSuccessors);
            Assert.Equal(gain, r.MaxLeadersGained);
            Assert.InRange(r.ReplicasMoved, Math.Max(r.LowerBound, r.CrossTopicLowerBound ?? 0), r.FromScratchMoved);
            if (TopicmapprMoved.TryGetValue((c.Setup, c.Kind), out int most))
            {
                Assert.True(r.ReplicasMoved <= most, $"{c.Setup} {c.Kind}: moved {r.ReplicasMoved}, topicmappr {most}");
            }

            if (MaxLeaderChanges.TryGetValue((c.Setup, c.Kind), out int allowed))
            {
                Assert.True(leaders <= allowed, $"{c.Setup} {c.Kind}: {leaders} leader changes, allowed {allowed}");
            }

            if (c.Kind == "replace")
            {
                AssertSubstitution(c, r);
            }
        }

        _output.WriteLine(text.ToString());
    }

    /// <summary>Exactly the replaced broker's replicas move, each into the same position of the same list.</summary>
    private static void AssertSubstitution(ReassignmentScenarios.Change c, MovementTarget r)
    {
        var (from, to) = c.Overrides.Pairs.Single();
        int onReplaced = 0;
        foreach (TopicAssignment t in c.Before.Current.Topics)
        {
            int[] now = t.AsSpan().ToArray();
            int[] then = r.Target[t.Topic].AsSpan().ToArray();
            for (int i = 0; i < now.Length; i++)
            {
                Assert.Equal(now[i] == from ? to : now[i], then[i]);
                onReplaced += now[i] == from ? 1 : 0;
            }
        }

        Assert.Equal(onReplaced, r.ReplicasMoved);
    }
}
