using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>New strides for every topic of a brokerset (a <see cref="StrideAdvisor"/> re-plan), with the failover skew before and after.</summary>
/// <remarks>Immutable; serialises with System.Text.Json.</remarks>
[DebuggerDisplay("{Brokerset,nq}: skew {SkewBefore} → {SkewAfter}, {ChangedCount} strides changed")]
public sealed class StridePlan
{
    internal StridePlan(string brokerset, string strategy, ImmutableArray<StrideChange> topics, double before, double after, double allZero, int uniformStride, double uniformSkew)
    {
        Brokerset = brokerset;
        Strategy = strategy;
        Topics = topics;
        SkewBefore = before;
        SkewAfter = after;
        AllZeroSkew = allZero;
        BestUniformStride = uniformStride;
        BestUniformSkew = uniformSkew;
        foreach (StrideChange c in topics)
        {
            ChangedCount += c.Changed ? 1 : 0;
        }
    }

    /// <summary>The brokerset's name.</summary>
    public string Brokerset { get; }

    /// <summary>The placement strategy's name.</summary>
    public string Strategy { get; }

    /// <summary>Each topic's stride before and after, in the order given.</summary>
    public ImmutableArray<StrideChange> Topics { get; }

    /// <summary>Topics whose stride changes.</summary>
    public int ChangedCount { get; }

    /// <summary>The failover skew with the current strides.</summary>
    public double SkewBefore { get; }

    /// <summary>The failover skew with the planned strides (never above <see cref="SkewBefore"/>, <see cref="AllZeroSkew"/> or <see cref="BestUniformSkew"/>).</summary>
    public double SkewAfter { get; }

    /// <summary>The failover skew with every topic at stride 0.</summary>
    public double AllZeroSkew { get; }

    /// <summary>The stride that, given to every topic, gives the lowest skew.</summary>
    public int BestUniformStride { get; }

    /// <summary>The failover skew with every topic at <see cref="BestUniformStride"/>.</summary>
    public double BestUniformSkew { get; }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Topics</c> table.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Topics,
    };

    /// <summary>Renders the before/after figures and the per-topic strides.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("stride plan for ").Append(Brokerset).Append(" (").Append(Strategy).Append("): failover skew ").Append(Format.Ratio(SkewBefore))
          .Append(" → ").Append(Format.Ratio(SkewAfter)).Append(" (all stride 0: ").Append(Format.Ratio(AllZeroSkew)).Append(", best uniform stride ")
          .Append(BestUniformStride).Append(": ").Append(Format.Ratio(BestUniformSkew)).Append("), ").Append(ChangedCount).Append(" strides changed\n");
        var table = new TextTable("topic", "stride before", "stride after").AlignRight(1, 2);
        foreach (StrideChange c in Topics)
        {
            table.Add(c.Topic, Format.Int(c.Before), Format.Int(c.After));
        }

        table.AppendTo(sb, "  ");
        return sb.ToString();
    }
}
