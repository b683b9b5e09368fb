using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Reflection;

namespace Brokersets.Tests.Docs;

/// <summary>The <c>ToDump()</c> views LINQPad shows: a summary equal to the first line of <c>ToString()</c>, and non-empty row tables.</summary>
public class ToDumpTests
{
    public static TheoryData<string> Types() => new(Samples().Keys);

    [Theory]
    [MemberData(nameof(Types))]
    public void ToDump_EveryResultType_SummaryIsFirstLineAndRowsArePresent(string type)
    {
        object sample = Samples()[type];
        MethodInfo toDump = sample.GetType().GetMethod("ToDump", Type.EmptyTypes)!;
        Assert.Equal(EditorBrowsableState.Never, toDump.GetCustomAttribute<EditorBrowsableAttribute>()!.State);

        object view = toDump.Invoke(sample, null)!;

        Assert.NotNull(view);
        PropertyInfo[] properties = view.GetType().GetProperties();
        Assert.Equal("Summary", properties[0].Name);
        string text = sample.ToString()!;
        Assert.Equal(text[..text.IndexOf('\n', StringComparison.Ordinal)], (string)properties[0].GetValue(view)!);
        Assert.Contains("\n", text.TrimEnd('\n'), StringComparison.Ordinal); // ToString is a table, the summary one line
        IEnumerable[] tables = properties.Skip(1).Select(p => p.GetValue(view)).OfType<IEnumerable>().Where(v => v is not string).ToArray();
        Assert.NotEmpty(tables);
        Assert.Contains(tables, t => t.Cast<object>().Any()); // the sample has rows
    }

    /// <summary>One instance of every type with a <c>ToDump()</c>, built on the README's cluster with a drifted copy.</summary>
    private static Dictionary<string, object> Samples()
    {
        var cluster = Cluster.Create(Enumerable.Range(1, 7).Select(id => new Broker(id, $"AZ{(id - 1) % 3 + 1}")));
        var spec = PlacementSpec.Create([Brokerset.Parse("B6", "1-6")],
            [new TopicSpec("orders", "B6", 6, 3, 0), new TopicSpec("payments", "B6", 6, 3, 1)]).WithRacks(cluster);
        ClusterAssignment layout = PlacementStrategy.RackAware.PlaceAll(spec);
        TopicAssignment orders = layout["orders"];
        int[] moved = orders.AsSpan().ToArray().Select(id => id == 3 ? 7 : id).ToArray(); // broker 3's replicas of orders on 7
        ClusterAssignment drifted = ClusterAssignment.Create([TopicAssignment.Create("orders", 3, moved), layout["payments"]]);
        MovementTarget target = MinimalMovement.Rebalance(drifted, spec);
        var advisor = new StrideAdvisor(PlacementStrategy.RackAware);
        var samples = new Dictionary<string, object>
        {
            [nameof(ClusterAssignment)] = layout,
            [nameof(TopicAssignment)] = orders,
            [nameof(ClusterReport)] = ClusterReport.Create(layout, cluster),
            [nameof(FailureImpact)] = FailureImpact.Create(layout, cluster),
            [nameof(ReassignmentDiff)] = target.Diff,
            [nameof(ExecutionPlan)] = ExecutionPlan.Create(target.Diff, cluster: cluster),
            [nameof(MovementTarget)] = target,
            [nameof(DriftReport)] = DriftReport.Create(spec, cluster, drifted),
            [nameof(SizingAdvice)] = new SizingAdvisor(PlacementStrategy.RackAware).Advise(spec, new SizingRequest("clicks", ProduceBytesPerSecond: 30_000_000)),
            [nameof(StridePlan)] = advisor.Replan(spec.GetBrokerset("B6"), spec.Topics),
        };
        return samples;
    }

    [Fact]
    public void ToDump_DeclaredOnExactlyTheMainResultTypes()
    {
        string[] declared = typeof(Brokerset).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("ToDump", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Samples().Keys.Order(StringComparer.Ordinal), declared);
    }
}
