using System;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// How a cluster's assignment loads its brokers and racks: per broker and per rack leaders, replicas, bytes and
/// traffic; partitions with replicas sharing a rack; cross-rack replication traffic; and skew figures (max ÷ mean).
/// </summary>
/// <remarks>
/// <para>The brokers are those holding a replica plus every member of a topic's brokerset when the assignment came
/// from a strategy (idle members count, so skew shows them). Racks come from the cluster when given, else from the
/// topics' brokersets. Sizes and rates come from <see cref="TopicLoads"/>; without them the byte and rate columns
/// are 0.</para>
/// <para>Cross-rack replication: every follower in another rack than its partition's leader pulls the partition's
/// produce rate across racks (followers or leaders with an unknown rack are not counted).</para>
/// <para>Immutable; serialises with System.Text.Json; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{Brokers.Length} brokers, {Racks.Length} racks, {PartitionCount} partitions, {RackViolations.Length} rack violations")]
public sealed class ClusterReport
{
    private ClusterReport(ImmutableArray<BrokerLoad> brokers, ImmutableArray<RackLoad> racks, ImmutableArray<RackViolation> violations, int partitions, long replicas, double crossRack)
    {
        Brokers = brokers;
        Racks = racks;
        RackViolations = violations;
        PartitionCount = partitions;
        ReplicaCount = replicas;
        CrossRackBytesPerSecond = crossRack;
        int n = brokers.Length;
        Span<double> leaders = new double[n];
        Span<double> replicaCounts = new double[n];
        Span<double> bytes = new double[n];
        Span<double> bytesIn = new double[n];
        for (int i = 0; i < n; i++)
        {
            BrokerLoad b = brokers[i];
            leaders[i] = b.Leaders;
            replicaCounts[i] = b.Replicas;
            bytes[i] = b.Bytes;
            bytesIn[i] = b.BytesInPerSecond;
            TotalBytes += b.Bytes;
            BytesInPerSecond += b.BytesInPerSecond;
        }

        LeaderSkew = AssignmentIndex.Skew(leaders);
        ReplicaSkew = AssignmentIndex.Skew(replicaCounts);
        BytesSkew = AssignmentIndex.Skew(bytes);
        BytesInSkew = AssignmentIndex.Skew(bytesIn);
    }

    /// <summary>One row per broker, ascending id.</summary>
    public ImmutableArray<BrokerLoad> Brokers { get; }

    /// <summary>One row per rack, ordinal order, brokers of unknown rack last as <c>"?"</c>.</summary>
    public ImmutableArray<RackLoad> Racks { get; }

    /// <summary>Partitions with two or more replicas in one rack, in topic and partition order.</summary>
    public ImmutableArray<RackViolation> RackViolations { get; }

    /// <summary>Partitions over all topics (= the sum of <see cref="BrokerLoad.Leaders"/>).</summary>
    public int PartitionCount { get; }

    /// <summary>Replicas over all topics (= the sum of <see cref="BrokerLoad.Replicas"/>).</summary>
    public long ReplicaCount { get; }

    /// <summary>Bytes stored over all replicas.</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes/s written over all replicas (produce plus replication).</summary>
    public double BytesInPerSecond { get; }

    /// <summary>Replication bytes/s that cross racks (each follower in another rack than its leader pulls the partition's rate).</summary>
    public double CrossRackBytesPerSecond { get; }

    /// <summary>The most leaders on one broker ÷ the mean over the brokers (1.0 is perfectly even).</summary>
    public double LeaderSkew { get; }

    /// <summary>The most replicas on one broker ÷ the mean.</summary>
    public double ReplicaSkew { get; }

    /// <summary>The most bytes on one broker ÷ the mean (1.0 without sizes).</summary>
    public double BytesSkew { get; }

    /// <summary>The most bytes/s written to one broker ÷ the mean (1.0 without rates).</summary>
    public double BytesInSkew { get; }

    /// <summary>Builds the report.</summary>
    /// <param name="assignment">The topics' assignments.</param>
    /// <param name="cluster">Where racks come from; <see langword="null"/> to take them from the topics' brokersets.</param>
    /// <param name="loads">Partition sizes and produce rates; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A topic's sizes do not match its partition count; the message names the topic.</exception>
    public static ClusterReport Create(ClusterAssignment assignment, Cluster? cluster = null, TopicLoads? loads = null)
    {
        AssignmentIndex index = AssignmentIndex.Create(assignment, cluster);
        loads ??= TopicLoads.None;
        int n = index.BrokerCount;
        int racks = index.RackNames.Length;
        int[] leaders = index.LeaderCount;
        int[] replicas = new int[n];
        long[] bytes = new long[n];
        double[] bytesIn = new double[n];
        double[] bytesOut = new double[n];
        double[] crossIn = new double[racks + 1];
        double[] crossOut = new double[racks + 1];
        double crossTotal = 0;
        var violations = ImmutableArray.CreateBuilder<RackViolation>();
        Span<int> perRack = new int[racks];
        for (int row = 0; row < index.PartitionCount; row++)
        {
            TopicAssignment topic = assignment.Topics[index.TopicOf[row]];
            long size = loads.BytesOf(topic, index.PartitionOf[row]);
            double rate = loads.PartitionRateOf(topic);
            ReadOnlySpan<int> r = index.Row(row);
            int leaderRack = index.RackOf[r[0]];
            bytesIn[r[0]] += rate;
            bytesOut[r[0]] += rate * (r.Length - 1);
            perRack.Clear();
            for (int j = 0; j < r.Length; j++)
            {
                int b = r[j];
                replicas[b]++;
                bytes[b] += size;
                int rack = index.RackOf[b];
                if (rack >= 0)
                {
                    perRack[rack]++;
                }

                if (j > 0)
                {
                    bytesIn[b] += rate;
                    if (rack >= 0 && leaderRack >= 0 && rack != leaderRack)
                    {
                        crossIn[rack] += rate;
                        crossOut[leaderRack] += rate;
                        crossTotal += rate;
                    }
                }
            }

            AddViolations(index, row, r, perRack, topic, violations);
        }

        var brokerRows = new BrokerLoad[n];
        var rackRows = new RackLoad[racks + 1];
        for (int b = 0; b < n; b++)
        {
            brokerRows[b] = new BrokerLoad(index.BrokerIds[b], index.RackName(b), leaders[b], replicas[b], bytes[b], bytesIn[b], bytesOut[b]);
            int k = index.RackOf[b] < 0 ? racks : index.RackOf[b];
            RackLoad x = rackRows[k];
            rackRows[k] = new RackLoad(k < racks ? index.RackNames[k] : "?", x.Brokers + 1, x.Leaders + leaders[b], x.Replicas + replicas[b],
                x.Bytes + bytes[b], x.BytesInPerSecond + bytesIn[b], x.BytesOutPerSecond + bytesOut[b], crossIn[k], crossOut[k]);
        }

        ImmutableArray<RackLoad> rackList = rackRows[racks].Brokers == 0 ? ImmutableArray.Create(rackRows, 0, racks) : ImmutableArray.Create(rackRows);
        return new ClusterReport(ImmutableArray.Create(brokerRows), rackList, violations.ToImmutable(), index.PartitionCount, index.ReplicaCount, crossTotal);
    }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Brokers</c>, <c>Racks</c> and <c>RackViolations</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Brokers,
        Racks,
        RackViolations = RackViolations.Select(v => new { v.Topic, v.Partition, v.Rack, Brokers = Ids.Join(v.Brokers), v.Avoidable }),
    };

    /// <summary>Renders the totals and skews, then the broker, rack and violation tables.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        // Without sizes or rates the byte and rate figures are all zero: leave them out.
        bool loads = TotalBytes > 0 || BytesInPerSecond > 0 || CrossRackBytesPerSecond > 0;
        sb.Append("cluster report: ").Append(Brokers.Length).Append(" brokers, ").Append(Racks.Length).Append(" racks, ")
          .Append(PartitionCount).Append(" partitions, ").Append(ReplicaCount).Append(" replicas\n")
          .Append("skew (max/mean): leaders ").Append(Format.Ratio(LeaderSkew)).Append(", replicas ").Append(Format.Ratio(ReplicaSkew));
        if (loads)
        {
            sb.Append(", bytes ").Append(Format.Ratio(BytesSkew)).Append(", bytes in/s ").Append(Format.Ratio(BytesInSkew)).Append('\n')
              .Append("cross-rack replication: ").Append(Format.Rate(CrossRackBytesPerSecond)).Append(" bytes/s");
        }

        sb.Append('\n');
        sb.Append("per broker\n");
        TextTable brokers = loads
            ? new TextTable("broker", "rack", "leaders", "replicas", "bytes", "in B/s", "out B/s").AlignRight(0, 2, 3, 4, 5, 6)
            : new TextTable("broker", "rack", "leaders", "replicas").AlignRight(0, 2, 3);
        foreach (BrokerLoad b in Brokers)
        {
            if (loads)
            {
                brokers.Add(Format.Id(b.BrokerId), b.Rack ?? "?", Format.Int(b.Leaders), Format.Int(b.Replicas), Format.Int(b.Bytes), Format.Rate(b.BytesInPerSecond), Format.Rate(b.BytesOutPerSecond));
            }
            else
            {
                brokers.Add(Format.Id(b.BrokerId), b.Rack ?? "?", Format.Int(b.Leaders), Format.Int(b.Replicas));
            }
        }

        brokers.AppendTo(sb, "  ");
        sb.Append("per rack\n");
        TextTable racks = loads
            ? new TextTable("rack", "brokers", "leaders", "replicas", "bytes", "in B/s", "out B/s", "cross-rack in", "cross-rack out").AlignRight(1, 2, 3, 4, 5, 6, 7, 8)
            : new TextTable("rack", "brokers", "leaders", "replicas").AlignRight(1, 2, 3);
        foreach (RackLoad r in Racks)
        {
            if (loads)
            {
                racks.Add(r.Rack, Format.Int(r.Brokers), Format.Int(r.Leaders), Format.Int(r.Replicas), Format.Int(r.Bytes), Format.Rate(r.BytesInPerSecond),
                    Format.Rate(r.BytesOutPerSecond), Format.Rate(r.CrossRackBytesInPerSecond), Format.Rate(r.CrossRackBytesOutPerSecond));
            }
            else
            {
                racks.Add(r.Rack, Format.Int(r.Brokers), Format.Int(r.Leaders), Format.Int(r.Replicas));
            }
        }

        racks.AppendTo(sb, "  ");
        sb.Append("rack violations: ").Append(RackViolations.Length).Append('\n');
        foreach (RackViolation v in RackViolations)
        {
            sb.Append("  ").Append(v).Append('\n');
        }

        return sb.ToString();
    }

    private static void AddViolations(AssignmentIndex index, int row, ReadOnlySpan<int> replicas, ReadOnlySpan<int> perRack, TopicAssignment topic, ImmutableArray<RackViolation>.Builder violations)
    {
        int racks = perRack.Length;
        for (int j = 0; j < replicas.Length; j++)
        {
            int rack = index.RackOf[replicas[j]];
            if (rack < 0 || perRack[rack] < 2)
            {
                continue;
            }

            // report each rack once, at its first replica
            bool first = true;
            for (int k = 0; k < j; k++)
            {
                first &= index.RackOf[replicas[k]] != rack;
            }

            if (!first)
            {
                continue;
            }

            var ids = ImmutableArray.CreateBuilder<int>(perRack[rack]);
            foreach (int b in replicas)
            {
                if (index.RackOf[b] == rack)
                {
                    ids.Add(index.BrokerIds[b]);
                }
            }

            int allowed = (replicas.Length + racks - 1) / racks;
            violations.Add(new RackViolation(topic.Topic, index.PartitionOf[row], index.RackNames[rack], ids.MoveToImmutable(), perRack[rack] > allowed));
        }
    }
}
