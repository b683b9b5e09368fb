using System;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Where leadership goes when a broker, or a whole rack (AZ), fails: for every single-broker failure and every rack
/// failure, the leaderships each survivor gains, the partitions that go offline, and how far the busiest survivor
/// is from an even share.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> All replicas are in sync and preferred leaders lead. When brokers fail, each partition led by
/// a failed broker elects the first surviving replica of its list; a partition with no surviving replica is
/// counted offline. Leaderships of partitions not led by a failed broker do not move.</para>
/// <para><b>Even share.</b> After a failure F, the even share is E(F) = (partitions still led) ÷ (surviving
/// brokers), where the partitions still led are all partitions minus those offline, and the brokers are those of
/// the report (every broker holding a replica plus every member of a topic's brokerset) minus F.</para>
/// <para><b>Failover skew.</b> For a failure F, skew(F) = (most partitions led by one survivor after F) ÷ E(F).
/// <see cref="FailoverSkew"/> is the largest skew(F) over all single-broker failures: 1.0 would be a perfectly
/// even spread; a broker that passes all its leaderships to one successor makes it large. It is 1.0 when no broker
/// survives or nothing is left to lead.</para>
/// <para>Racks come from the cluster when given, else from the topics' brokersets; brokers with an unknown rack
/// are never part of a rack failure.</para>
/// <para>Immutable; serialises with System.Text.Json; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("failover skew {FailoverSkew} (broker {WorstBrokerId}), rack spread {RackSpread}")]
public sealed class FailureImpact
{
    private FailureImpact(int partitions, ImmutableArray<BrokerFailure> brokers, ImmutableArray<RackFailure> racks)
    {
        PartitionCount = partitions;
        BrokerFailures = brokers;
        RackFailures = racks;
        FailoverSkew = 1.0;
        WorstBrokerId = -1;
        foreach (BrokerFailure f in brokers)
        {
            if (f.Skew > FailoverSkew || WorstBrokerId < 0)
            {
                FailoverSkew = Math.Max(FailoverSkew, f.Skew);
                WorstBrokerId = f.BrokerId;
            }

            MaxLeadersGained = Math.Max(MaxLeadersGained, f.MaxGained);
        }

        MinSuccessors = brokers.IsEmpty ? 0 : int.MaxValue;
        foreach (BrokerFailure f in brokers)
        {
            if (f.LeadersLost > f.Offline)
            {
                MinSuccessors = Math.Min(MinSuccessors, f.Successors);
            }
        }

        MinSuccessors = MinSuccessors == int.MaxValue ? 0 : MinSuccessors;
        RackFailoverSkew = 1.0;
        RackSpread = 1.0;
        foreach (RackFailure f in racks)
        {
            RackFailoverSkew = Math.Max(RackFailoverSkew, f.Skew);
            RackSpread = Math.Max(RackSpread, f.Spread);
        }
    }

    /// <summary>Partitions over all topics.</summary>
    public int PartitionCount { get; }

    /// <summary>One row per broker of the report (ascending id): what its failure does.</summary>
    public ImmutableArray<BrokerFailure> BrokerFailures { get; }

    /// <summary>One row per known rack (ordinal order): what the failure of all its brokers does.</summary>
    public ImmutableArray<RackFailure> RackFailures { get; }

    /// <summary>The worst single-broker failure's skew (see the remarks; 1.0 is perfect).</summary>
    public double FailoverSkew { get; }

    /// <summary>The broker whose failure gives <see cref="FailoverSkew"/> (lowest id on ties), or -1 without brokers.</summary>
    public int WorstBrokerId { get; }

    /// <summary>The most leaderships one survivor gains in any single-broker failure.</summary>
    public int MaxLeadersGained { get; }

    /// <summary>The fewest distinct successors of a broker that leads a partition with a surviving replica.</summary>
    public int MinSuccessors { get; }

    /// <summary>The worst rack failure's skew (most partitions led by one surviving broker ÷ even share).</summary>
    public double RackFailoverSkew { get; }

    /// <summary>The worst rack failure's <see cref="RackFailure.Spread"/> (1.0: moved leaderships split over the other racks in proportion).</summary>
    public double RackSpread { get; }

    /// <summary>Computes every single-broker and every rack failure.</summary>
    /// <param name="assignment">The topics' assignments.</param>
    /// <param name="cluster">Where racks come from; <see langword="null"/> to take them from the topics' brokersets.</param>
    public static FailureImpact Create(ClusterAssignment assignment, Cluster? cluster = null)
    {
        AssignmentIndex index = AssignmentIndex.Create(assignment, cluster);
        int n = index.BrokerCount;
        int racks = index.RackNames.Length;
        bool[] failed = new bool[n];
        int[] gain = new int[n];
        int[] single = new int[1];
        var brokerRows = new BrokerFailure[n];
        for (int b = 0; b < n; b++)
        {
            single[0] = b;
            Outcome o = Fail(index, single, failed, gain);
            var gains = ImmutableArray.CreateBuilder<LeaderGain>();
            int maxGained = 0;
            for (int s = 0; s < n; s++)
            {
                if (gain[s] > 0)
                {
                    gains.Add(new LeaderGain(index.BrokerIds[s], gain[s]));
                    maxGained = Math.Max(maxGained, gain[s]);
                }
            }

            brokerRows[b] = new BrokerFailure(index.BrokerIds[b], index.RackName(b), o.Lost, o.Offline, gains.Count, maxGained,
                o.WorstId, o.WorstLeaders, o.EvenShare, o.Skew, gains.ToImmutable());
        }

        var rackRows = new RackFailure[racks];
        int[] members = new int[n];
        for (int r = 0; r < racks; r++)
        {
            int count = 0;
            for (int b = 0; b < n; b++)
            {
                if (index.RackOf[b] == r)
                {
                    members[count++] = b;
                }
            }

            Outcome o = Fail(index, members.AsSpan(0, count), failed, gain);
            int[] rackGain = new int[racks];
            int survivorsOfKnownRack = 0;
            for (int s = 0; s < n; s++)
            {
                int sr = index.RackOf[s];
                if (sr >= 0 && sr != r)
                {
                    rackGain[sr] += gain[s];
                    survivorsOfKnownRack++;
                }
            }

            double moved = 0;
            foreach (int g in rackGain)
            {
                moved += g;
            }

            double spread = 1.0;
            var gains = ImmutableArray.CreateBuilder<RackGain>(racks - 1);
            for (int k = 0; k < racks; k++)
            {
                if (k == r)
                {
                    continue;
                }

                gains.Add(new RackGain(index.RackNames[k], rackGain[k]));
                if (moved > 0)
                {
                    spread = Math.Max(spread, rackGain[k] / (moved * index.RackSize[k] / survivorsOfKnownRack));
                }
            }

            rackRows[r] = new RackFailure(index.RackNames[r], count, o.Lost, o.Offline, o.WorstId, o.WorstLeaders, o.EvenShare, o.Skew,
                moved > 0 ? spread : 1.0, gains.MoveToImmutable());
        }

        return new FailureImpact(index.PartitionCount, ImmutableArray.Create(brokerRows), ImmutableArray.Create(rackRows));
    }

    /// <summary>skew = worst survivor's leaders ÷ (online partitions ÷ survivors); 1.0 when nothing survives or nothing is led.</summary>
    internal static double SkewOf(int worstLeaders, int online, int survivors) =>
        survivors <= 0 || online <= 0 ? 1.0 : worstLeaders / ((double)online / survivors);

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>BrokerFailures</c> and <c>RackFailures</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        BrokerFailures = BrokerFailures.Select(f => new
        {
            f.BrokerId, f.Rack, f.LeadersLost, f.Offline, f.Successors, f.MaxGained, f.WorstSurvivorBrokerId, f.WorstSurvivorLeaders, f.Skew,
            Gains = string.Join(" ", f.Gains.Select(g => $"{g.BrokerId}+{g.Gained}")),
        }),
        RackFailures = RackFailures.Select(f => new
        {
            f.Rack, f.Brokers, f.LeadersLost, f.Offline, f.WorstSurvivorBrokerId, f.WorstSurvivorLeaders, f.Skew, f.Spread,
            Gains = string.Join(" ", f.Gains.Select(g => $"{g.Rack}+{g.Gained}")),
        }),
    };

    /// <summary>Renders the summary, the single-broker failures and the rack failures as tables.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("failure impact: ").Append(BrokerFailures.Length).Append(" brokers, ").Append(PartitionCount).Append(" partitions\n")
          .Append("failover skew ").Append(Format.Ratio(FailoverSkew)).Append(" (broker ").Append(Format.Id(WorstBrokerId)).Append(" fails), max leaders gained ")
          .Append(MaxLeadersGained).Append(", min successors ").Append(MinSuccessors).Append('\n')
          .Append("rack failure: skew ").Append(Format.Ratio(RackFailoverSkew)).Append(", spread ").Append(Format.Ratio(RackSpread)).Append('\n');
        var brokers = new TextTable("failed", "rack", "lost", "offline", "successors", "max gain", "worst survivor", "leaders", "even share", "skew", "gains")
            .AlignRight(0, 2, 3, 4, 5, 6, 7, 8, 9);
        foreach (BrokerFailure f in BrokerFailures)
        {
            var gains = new StringBuilder();
            foreach (LeaderGain g in f.Gains)
            {
                gains.Append(gains.Length == 0 ? "" : " ").Append(g.BrokerId).Append('+').Append(g.Gained);
            }

            brokers.Add(Format.Id(f.BrokerId), f.Rack ?? "?", Format.Int(f.LeadersLost), Format.Int(f.Offline), Format.Int(f.Successors), Format.Int(f.MaxGained),
                Format.Id(f.WorstSurvivorBrokerId), Format.Int(f.WorstSurvivorLeaders), Format.Ratio(f.EvenShare), Format.Ratio(f.Skew), gains.ToString());
        }

        brokers.AppendTo(sb, "  ");
        if (!RackFailures.IsEmpty)
        {
            var racks = new TextTable("failed rack", "brokers", "lost", "offline", "worst survivor", "leaders", "even share", "skew", "spread", "gains by rack")
                .AlignRight(1, 2, 3, 4, 5, 6, 7, 8);
            foreach (RackFailure f in RackFailures)
            {
                var gains = new StringBuilder();
                foreach (RackGain g in f.Gains)
                {
                    gains.Append(gains.Length == 0 ? "" : " ").Append(g.Rack).Append('+').Append(g.Gained);
                }

                racks.Add(f.Rack, Format.Int(f.Brokers), Format.Int(f.LeadersLost), Format.Int(f.Offline), Format.Id(f.WorstSurvivorBrokerId), Format.Int(f.WorstSurvivorLeaders),
                    Format.Ratio(f.EvenShare), Format.Ratio(f.Skew), Format.Ratio(f.Spread), gains.ToString());
            }

            racks.AppendTo(sb, "  ");
        }

        return sb.ToString();
    }

    /// <summary>Fails the brokers at <paramref name="failedPositions"/>; leaves the gains per position in <paramref name="gain"/>.</summary>
    private static Outcome Fail(AssignmentIndex index, ReadOnlySpan<int> failedPositions, Span<bool> failed, Span<int> gain)
    {
        gain.Clear();
        failed.Clear();
        foreach (int b in failedPositions)
        {
            failed[b] = true;
        }

        int lost = 0;
        int offline = 0;
        foreach (int b in failedPositions)
        {
            for (int i = index.LedStart[b]; i < index.LedStart[b + 1]; i++)
            {
                lost++;
                int heir = -1;
                foreach (int r in index.Row(index.LedRows[i]))
                {
                    if (!failed[r])
                    {
                        heir = r;
                        break;
                    }
                }

                if (heir < 0)
                {
                    offline++;
                }
                else
                {
                    gain[heir]++;
                }
            }
        }

        int worst = -1;
        int worstLeaders = 0;
        for (int s = 0; s < index.BrokerCount; s++)
        {
            if (!failed[s] && (worst < 0 || index.LeaderCount[s] + gain[s] > worstLeaders))
            {
                worst = s;
                worstLeaders = index.LeaderCount[s] + gain[s];
            }
        }

        int survivors = index.BrokerCount - failedPositions.Length;
        int online = index.PartitionCount - offline;
        double even = survivors > 0 ? (double)online / survivors : 0;
        return new Outcome(lost, offline, worst < 0 ? -1 : index.BrokerIds[worst], worstLeaders, even, SkewOf(worstLeaders, online, survivors));
    }

    private readonly record struct Outcome(int Lost, int Offline, int WorstId, int WorstLeaders, double EvenShare, double Skew);
}
