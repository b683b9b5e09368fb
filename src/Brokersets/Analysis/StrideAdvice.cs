using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>The stride a <see cref="StrideAdvisor"/> recommends for a new topic on a brokerset, with every stride it tried.</summary>
/// <remarks>Immutable; serialises with System.Text.Json.</remarks>
[DebuggerDisplay("{Topic,nq} on {Brokerset,nq}: stride {RecommendedStride} (skew {FailoverSkew}, stride 0: {StrideZeroSkew})")]
public sealed class StrideAdvice
{
    internal StrideAdvice(string topic, string brokerset, string strategy, int recommended, double skew, double strideZeroSkew, double withoutTopicSkew, ImmutableArray<StrideOption> options)
    {
        Topic = topic;
        Brokerset = brokerset;
        Strategy = strategy;
        RecommendedStride = recommended;
        FailoverSkew = skew;
        StrideZeroSkew = strideZeroSkew;
        CurrentSkew = withoutTopicSkew;
        Options = options;
    }

    /// <summary>The new topic.</summary>
    public string Topic { get; }

    /// <summary>The brokerset's name.</summary>
    public string Brokerset { get; }

    /// <summary>The placement strategy's name.</summary>
    public string Strategy { get; }

    /// <summary>The stride with the lowest failover skew (ties: the lowest spread of gains, then the lowest stride).</summary>
    public int RecommendedStride { get; }

    /// <summary>The brokerset's failover skew with the new topic at <see cref="RecommendedStride"/>.</summary>
    public double FailoverSkew { get; }

    /// <summary>The brokerset's failover skew with the new topic at stride 0 (never below <see cref="FailoverSkew"/>).</summary>
    public double StrideZeroSkew { get; }

    /// <summary>The brokerset's failover skew before the new topic (1.0 when it has no topics).</summary>
    public double CurrentSkew { get; }

    /// <summary>Every distinct stride tried (strides giving the same assignment as a lower one are left out), ascending.</summary>
    public ImmutableArray<StrideOption> Options { get; }

    /// <summary>Renders the recommendation and the options table.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("stride advice for ").Append(Topic).Append(" on ").Append(Brokerset).Append(" (").Append(Strategy).Append("): stride ")
          .Append(RecommendedStride).Append(", failover skew ").Append(Format.Ratio(FailoverSkew)).Append(" (stride 0: ").Append(Format.Ratio(StrideZeroSkew))
          .Append(", before the topic: ").Append(Format.Ratio(CurrentSkew)).Append(")\n");
        var table = new TextTable("stride", "failover skew", "max gain").AlignRight(0, 1, 2);
        foreach (StrideOption o in Options)
        {
            table.Add(Format.Int(o.Stride), Format.Ratio(o.FailoverSkew), Format.Int(o.MaxLeadersGained));
        }

        table.AppendTo(sb, "  ");
        return sb.ToString();
    }
}
