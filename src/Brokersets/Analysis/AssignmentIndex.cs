using System;
using System.Collections.Generic;
using System.Linq;

namespace Brokersets;

/// <summary>
/// A cluster assignment re-indexed for analysis (internal): brokers as dense positions (ascending id), racks as
/// dense indexes (ordinal name order), every partition of every topic as one flat row of broker positions, and the
/// partitions each broker leads. Built once per report; everything after it works on flat arrays.
/// </summary>
internal sealed class AssignmentIndex
{
    private AssignmentIndex(ClusterAssignment assignment, int[] brokerIds, int[] rackOf, string[] rackNames, int[] rowStart, int[] replicas, int[] topicOf, int[] partitionOf)
    {
        Assignment = assignment;
        BrokerIds = brokerIds;
        RackOf = rackOf;
        RackNames = rackNames;
        RowStart = rowStart;
        Replicas = replicas;
        TopicOf = topicOf;
        PartitionOf = partitionOf;
        int n = brokerIds.Length;
        LeaderCount = new int[n];
        for (int row = 0; row < PartitionCount; row++)
        {
            LeaderCount[Leader(row)]++;
        }

        // partitions grouped by leader (CSR)
        LedStart = new int[n + 1];
        for (int b = 0; b < n; b++)
        {
            LedStart[b + 1] = LedStart[b] + LeaderCount[b];
        }

        LedRows = new int[PartitionCount];
        int[] fill = new int[n];
        for (int row = 0; row < PartitionCount; row++)
        {
            int b = Leader(row);
            LedRows[LedStart[b] + fill[b]++] = row;
        }

        RackSize = new int[rackNames.Length];
        foreach (int r in rackOf)
        {
            if (r >= 0)
            {
                RackSize[r]++;
            }
        }
    }

    public ClusterAssignment Assignment { get; }

    /// <summary>Broker id of each position, ascending.</summary>
    public int[] BrokerIds { get; }

    /// <summary>Rack index of each position, or -1 when unknown.</summary>
    public int[] RackOf { get; }

    /// <summary>Known racks, ordinal order.</summary>
    public string[] RackNames { get; }

    /// <summary>Brokers (positions) per rack.</summary>
    public int[] RackSize { get; }

    /// <summary>Row r's replicas are Replicas[RowStart[r] .. RowStart[r + 1]).</summary>
    public int[] RowStart { get; }

    /// <summary>Broker positions of every replica of every partition, row after row, leader first.</summary>
    public int[] Replicas { get; }

    /// <summary>Topic index (in <see cref="ClusterAssignment.Topics"/>) of each row.</summary>
    public int[] TopicOf { get; }

    /// <summary>Partition id of each row.</summary>
    public int[] PartitionOf { get; }

    /// <summary>Preferred leaderships per position.</summary>
    public int[] LeaderCount { get; }

    /// <summary>Rows led by position b are LedRows[LedStart[b] .. LedStart[b + 1]).</summary>
    public int[] LedStart { get; }

    public int[] LedRows { get; }

    public int BrokerCount => BrokerIds.Length;

    public int PartitionCount => RowStart.Length - 1;

    public int ReplicaCount => Replicas.Length;

    public int Leader(int row) => Replicas[RowStart[row]];

    public ReadOnlySpan<int> Row(int row) => Replicas.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    public string? RackName(int position) => RackOf[position] < 0 ? null : RackNames[RackOf[position]];

    /// <summary>
    /// Indexes <paramref name="assignment"/>. The brokers are every broker holding a replica plus every member of a
    /// topic's brokerset (when known), so idle brokerset members count as survivors. Racks come from
    /// <paramref name="cluster"/> when it knows the broker, else from the topic's brokerset.
    /// </summary>
    public static AssignmentIndex Create(ClusterAssignment assignment, Cluster? cluster)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var racks = new Dictionary<int, string?>();
        foreach (TopicAssignment t in assignment.Topics)
        {
            if (t.Brokerset is { } set)
            {
                foreach (Broker b in set.Brokers)
                {
                    Note(racks, b.Id, b.Rack, cluster);
                }
            }

            foreach (int id in t.AsSpan())
            {
                Note(racks, id, null, cluster);
            }
        }

        int[] ids = racks.Keys.Order().ToArray();
        var positionOf = new Dictionary<int, int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            positionOf.Add(ids[i], i);
        }

        string[] rackNames = racks.Values.Where(r => r is not null).Select(r => r!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int[] rackOf = ids.Select(id => racks[id] is { } r ? Array.BinarySearch(rackNames, r, StringComparer.Ordinal) : -1).ToArray();

        int rows = assignment.PartitionCount;
        int[] rowStart = new int[rows + 1];
        int[] replicas = new int[checked((int)assignment.ReplicaCount)];
        int[] topicOf = new int[rows];
        int[] partitionOf = new int[rows];
        int row = 0;
        int o = 0;
        for (int t = 0; t < assignment.Topics.Length; t++)
        {
            TopicAssignment topic = assignment.Topics[t];
            for (int p = 0; p < topic.PartitionCount; p++)
            {
                rowStart[row] = o;
                topicOf[row] = t;
                partitionOf[row] = p;
                foreach (int id in topic[p])
                {
                    replicas[o++] = positionOf[id];
                }

                row++;
            }
        }

        rowStart[rows] = o;
        return new AssignmentIndex(assignment, ids, rackOf, rackNames, rowStart, replicas, topicOf, partitionOf);
    }

    private static void Note(Dictionary<int, string?> racks, int id, string? rack, Cluster? cluster)
    {
        racks.TryGetValue(id, out string? known);
        racks[id] = cluster?.RackOf(id) ?? known ?? rack;
    }

    /// <summary>max ÷ mean of <paramref name="values"/>; 1.0 when there are none or the mean is 0.</summary>
    public static double Skew(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 1.0;
        }

        double max = double.MinValue;
        double sum = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
            sum += v;
        }

        return sum <= 0 ? 1.0 : max / (sum / values.Length);
    }
}
