using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// What a <see cref="SizingAdvisor"/> proposes for a new topic: the partition count, the brokerset with the most
/// headroom after placing and the stride there; or, when no brokerset has room, why, and how many brokers a new
/// brokerset would need.
/// </summary>
/// <remarks>Immutable; serialises with System.Text.Json.</remarks>
[DebuggerDisplay("{Topic,nq}: {Partitions} partitions on {Brokerset ?? \"(none)\",nq}, stride {Stride}, new brokerset {NewBrokersetBrokers}")]
public sealed class SizingAdvice
{
    internal SizingAdvice(SizingRequest request, string strategy, BrokerCapacity capacity, int minimumPartitions, BrokersetFit? chosen,
        StrideAdvice? strideAdvice, ImmutableArray<BrokersetFit> brokersets, int newBrokersetBrokers, int newBrokersetPartitions, string explanation)
    {
        Request = request;
        Strategy = strategy;
        Capacity = capacity;
        MinimumPartitions = minimumPartitions;
        Brokerset = chosen?.Brokerset;
        Partitions = chosen?.Partitions ?? newBrokersetPartitions;
        Stride = chosen?.Stride ?? 0;
        Headroom = chosen?.Headroom ?? 0;
        StrideAdvice = strideAdvice;
        Brokersets = brokersets;
        NewBrokersetBrokers = newBrokersetBrokers;
        NewBrokersetPartitions = newBrokersetPartitions;
        Explanation = explanation;
    }

    /// <summary>The request.</summary>
    public SizingRequest Request { get; }

    /// <summary>The new topic's name.</summary>
    public string Topic => Request.Topic;

    /// <summary>The placement strategy's name.</summary>
    public string Strategy { get; }

    /// <summary>The capacity assumed per broker.</summary>
    public BrokerCapacity Capacity { get; }

    /// <summary>The fewest partitions that keep every partition at or under the per-partition target: ⌈produce ÷ target⌉ (at least 1).</summary>
    public int MinimumPartitions { get; }

    /// <summary>
    /// The proposed partition count: on <see cref="Brokerset"/> (the minimum, rounded up to a multiple of its size when
    /// asked, or the count the brokerset fixes), or for the new brokerset when none has room.
    /// </summary>
    public int Partitions { get; }

    /// <summary>The brokerset with room and the most headroom after placing, or <see langword="null"/> when none has room.</summary>
    public string? Brokerset { get; }

    /// <summary>The recommended stride on <see cref="Brokerset"/> (0 when none has room).</summary>
    public int Stride { get; }

    /// <summary>The headroom left on <see cref="Brokerset"/> after placing (see <see cref="BrokersetFit.Headroom"/>; 0 when none has room).</summary>
    public double Headroom { get; }

    /// <summary>The stride advice on <see cref="Brokerset"/>, or <see langword="null"/> when none has room.</summary>
    public StrideAdvice? StrideAdvice { get; }

    /// <summary>Every brokerset evaluated, in the spec's order.</summary>
    public ImmutableArray<BrokersetFit> Brokersets { get; }

    /// <summary>
    /// The fewest idle brokers a new brokerset needs to hold the topic (≥ RF), under a balanced placement whose busiest
    /// broker holds ⌈P·RF ÷ n⌉ replicas and ⌈P ÷ n⌉ leaders; 0 when no size is enough (one partition's traffic exceeds
    /// a broker's usable capacity: lower the per-partition target).
    /// </summary>
    public int NewBrokersetBrokers { get; }

    /// <summary>The partition count on that new brokerset (rounded up to a multiple of its size when asked).</summary>
    public int NewBrokersetPartitions { get; }

    /// <summary>The choice in words: which brokerset and why, or why none has room.</summary>
    public string Explanation { get; }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Brokersets</c> table.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Brokersets,
    };

    /// <summary>Renders the proposal, the per-brokerset table, the new-brokerset size and the stride advice.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("sizing advice for ").Append(Request).Append('\n')
          .Append("capacity per broker: ").Append(Capacity).Append(" (").Append(Strategy).Append(" placement)\n")
          .Append("partitions: ").Append(Partitions).Append(" (minimum for the target: ").Append(MinimumPartitions).Append(")\n");
        if (Brokerset is not null)
        {
            sb.Append("brokerset: ").Append(Brokerset).Append(", stride ").Append(Stride).Append(", headroom after placing ").Append(Format.Percent(Headroom)).Append('\n');
        }
        else
        {
            sb.Append("brokerset: none has room\n");
        }

        sb.Append(Explanation).Append('\n');
        var table = new TextTable("brokerset", "brokers", "partitions", "stride", "fits", "headroom", "tightest", "peak in MB/s", "peak out MB/s", "peak disk GB", "why")
            .AlignRight(1, 2, 3, 5, 7, 8, 9);
        foreach (BrokersetFit f in Brokersets)
        {
            table.Add(f.Brokerset, Format.Int(f.Brokers), f.Placed ? Format.Int(f.Partitions) : "-", f.Placed ? Format.Int(f.Stride) : "-", f.Fits ? "yes" : "no",
                f.Placed ? Format.Percent(f.Headroom) : "-", f.Placed ? $"{Format.Id(f.TightestBrokerId)} {f.Resource}" : "-",
                Format.MBps(f.PeakInBytesPerSecond), Format.MBps(f.PeakOutBytesPerSecond), Format.GB(f.PeakDiskBytes), f.Reason);
        }

        table.AppendTo(sb, "  ");
        sb.Append("new brokerset: ").Append(NewBrokersetBrokers > 0
            ? $"at least {NewBrokersetBrokers} idle brokers for {NewBrokersetPartitions} partitions"
            : "no size is enough (one partition's traffic exceeds a broker's usable capacity; lower the per-partition target)").Append('\n');
        if (StrideAdvice is not null)
        {
            sb.Append(StrideAdvice);
        }

        return sb.ToString();
    }
}
