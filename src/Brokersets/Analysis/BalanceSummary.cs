using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>Leaders and replicas held by one broker.</summary>
/// <remarks><c>default(BrokerBalance)</c> is broker 0, unknown rack, nothing held. Immutable.</remarks>
/// <param name="BrokerId">Kafka's broker id.</param>
/// <param name="Rack">The broker's rack, or <see langword="null"/> when unknown.</param>
/// <param name="Leaders">Partitions the broker is preferred leader of.</param>
/// <param name="Replicas">Replicas the broker holds (leaders included).</param>
[DebuggerDisplay("{BrokerId} ({Rack,nq}): {Leaders} leaders, {Replicas} replicas")]
public readonly record struct BrokerBalance(int BrokerId, string? Rack, int Leaders, int Replicas);

/// <summary>Leaders and replicas held by the brokers of one rack.</summary>
/// <remarks><c>default(RackBalance)</c> is an unnamed rack holding nothing. Immutable.</remarks>
/// <param name="Rack">The rack's name (<c>"?"</c> for brokers whose rack is unknown).</param>
/// <param name="Brokers">How many brokers of the rack hold at least one replica.</param>
/// <param name="Leaders">Partitions led from the rack.</param>
/// <param name="Replicas">Replicas held in the rack.</param>
[DebuggerDisplay("{Rack,nq}: {Brokers} brokers, {Leaders} leaders, {Replicas} replicas")]
public readonly record struct RackBalance(string Rack, int Brokers, int Leaders, int Replicas);

/// <summary>
/// Per-broker and per-rack leader and replica counts of a set of assignments, with the skew (max ÷ mean) of each.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{PerBroker.Length} brokers, {PerRack.Length} racks")]
public sealed class BalanceSummary
{
    private BalanceSummary(ImmutableArray<BrokerBalance> perBroker, ImmutableArray<RackBalance> perRack)
    {
        PerBroker = perBroker;
        PerRack = perRack;
    }

    /// <summary>One row per broker holding a replica, in ascending id order.</summary>
    public ImmutableArray<BrokerBalance> PerBroker { get; }

    /// <summary>One row per rack, in ordinal order of the rack name.</summary>
    public ImmutableArray<RackBalance> PerRack { get; }

    /// <summary>The most leaders on one broker divided by the mean over the brokers listed (1.0 is perfectly even).</summary>
    public double LeaderSkew => Skew(PerBroker.Select(b => b.Leaders));

    /// <summary>The most replicas on one broker divided by the mean over the brokers listed (1.0 is perfectly even).</summary>
    public double ReplicaSkew => Skew(PerBroker.Select(b => b.Replicas));

    /// <summary>
    /// Counts leaders and replicas. Racks come from <paramref name="cluster"/> when given, else from each topic's
    /// brokerset.
    /// </summary>
    public static BalanceSummary Of(ClusterAssignment assignment, Cluster? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var leaders = new SortedDictionary<int, int>();
        var replicas = new SortedDictionary<int, int>();
        var racks = new Dictionary<int, string?>();
        foreach (TopicAssignment t in assignment.Topics)
        {
            ReadOnlySpan<int> all = t.AsSpan();
            for (int i = 0; i < all.Length; i++)
            {
                int id = all[i];
                replicas[id] = replicas.GetValueOrDefault(id) + 1;
                if (i % t.ReplicationFactor == 0)
                {
                    leaders[id] = leaders.GetValueOrDefault(id) + 1;
                }

                if (!racks.TryGetValue(id, out string? rack) || rack is null)
                {
                    string? found = cluster?.RackOf(id);
                    if (found is null && t.Brokerset is { } set)
                    {
                        int pos = set.PositionOf(id);
                        found = pos < 0 ? null : set.Brokers[pos].Rack;
                    }

                    racks[id] = found;
                }
            }
        }

        ImmutableArray<BrokerBalance> perBroker = replicas
            .Select(kv => new BrokerBalance(kv.Key, racks[kv.Key], leaders.GetValueOrDefault(kv.Key), kv.Value))
            .ToImmutableArray();
        ImmutableArray<RackBalance> perRack = perBroker
            .GroupBy(b => b.Rack ?? "?", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RackBalance(g.Key, g.Count(), g.Sum(b => b.Leaders), g.Sum(b => b.Replicas)))
            .ToImmutableArray();
        return new BalanceSummary(perBroker, perRack);
    }

    /// <summary>Renders the per-broker and per-rack tables.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("per broker (leader skew ").Append(LeaderSkew.ToString("0.00", CultureInfo.InvariantCulture))
          .Append(", replica skew ").Append(ReplicaSkew.ToString("0.00", CultureInfo.InvariantCulture)).Append(")\n");
        var brokers = new TextTable("broker", "rack", "leaders", "replicas").AlignRight(0, 2, 3);
        foreach (BrokerBalance b in PerBroker)
        {
            brokers.Add(Str(b.BrokerId), b.Rack ?? "?", Str(b.Leaders), Str(b.Replicas));
        }

        brokers.AppendTo(sb, "  ");
        sb.Append("per rack\n");
        var rackTable = new TextTable("rack", "brokers", "leaders", "replicas").AlignRight(1, 2, 3);
        foreach (RackBalance r in PerRack)
        {
            rackTable.Add(r.Rack, Str(r.Brokers), Str(r.Leaders), Str(r.Replicas));
        }

        rackTable.AppendTo(sb, "  ");
        return sb.ToString();
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Skew(IEnumerable<int> values)
    {
        int[] v = values.ToArray();
        if (v.Length == 0)
        {
            return 1.0;
        }

        double mean = v.Average();
        return mean == 0 ? 1.0 : v.Max() / mean;
    }
}
