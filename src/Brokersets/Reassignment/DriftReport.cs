using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Every deviation of an observed cluster (brokers with racks; topics with replica lists) from its desired state
/// (brokersets and topic requests, placed by a strategy), classed by repair cost, with the reassignment that repairs it.
/// </summary>
/// <remarks>
/// <para>By default (<see cref="DriftMode.ExactLayout"/>) the desired assignment of a topic is the strategy's layout
/// of it on its brokerset, exactly (so an Orion user's cluster is audited bit for bit); with
/// <see cref="DriftMode.Balanced"/> any assignment keeping the guarantees is accepted, and a topic that breaks them is
/// held to its minimal-movement target. <see cref="Repair"/> goes from the observed assignment to it for every
/// topic that exists on both sides with compatible partitions; order-only partitions in it move no data.</para>
/// <para>A batch check: problems are listed, not thrown. Findings are sorted cheapest first (by
/// <see cref="DriftClass"/>), then by kind, topic and partition.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{Findings.Length} findings, repair moves {Repair.ReplicasMoved} replicas")]
public sealed class DriftReport
{
    private DriftReport(ImmutableArray<DriftFinding> findings, ClusterAssignment desired, ReassignmentDiff repair)
    {
        Findings = findings;
        Desired = desired;
        Repair = repair;
    }

    /// <summary>The deviations, cheapest to repair first.</summary>
    public ImmutableArray<DriftFinding> Findings { get; }

    /// <summary>The desired assignment of every topic the strategy could place.</summary>
    public ClusterAssignment Desired { get; }

    /// <summary>The reassignment from the observed assignment to <see cref="Desired"/> (topics on both sides).</summary>
    public ReassignmentDiff Repair { get; }

    /// <summary>Whether nothing deviates.</summary>
    public bool IsClean => Findings.IsEmpty;

    /// <summary>How many findings fall in <paramref name="class"/>.</summary>
    public int CountOf(DriftClass @class) => Findings.Count(f => f.Class == @class);

    /// <summary>Audits <paramref name="observed"/> against <paramref name="spec"/>.</summary>
    /// <param name="spec">The desired brokersets and topics; racks are taken from <paramref name="cluster"/>.</param>
    /// <param name="cluster">The observed brokers and their racks.</param>
    /// <param name="observed">The observed topics' replica lists.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="offlineBrokers">Brokers known to be down, if any.</param>
    /// <param name="sizes">Partition sizes, for the repair's byte figures.</param>
    /// <param name="mode">Whether the exact layout or any balanced assignment is desired.</param>
    public static DriftReport Create(PlacementSpec spec, Cluster cluster, ClusterAssignment observed, PlacementStrategy? strategy = null,
        IEnumerable<int>? offlineBrokers = null, PartitionSizes? sizes = null, DriftMode mode = DriftMode.ExactLayout)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(observed);
        strategy ??= PlacementStrategy.RackAware;
        PlacementSpec withRacks = spec.WithRacks(cluster);
        var offline = new HashSet<int>(offlineBrokers ?? Array.Empty<int>());
        var findings = new List<DriftFinding>();
        var desired = new List<TopicAssignment>();
        var targets = new List<TopicAssignment>();

        foreach (Brokerset set in withRacks.Brokersets)
        {
            int[] unknown = set.BrokerIds.Where(id => !cluster.Contains(id)).ToArray();
            if (unknown.Length > 0)
            {
                findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.UnknownBroker, string.Empty, -1, ImmutableArray.Create(unknown),
                    $"Brokerset '{set.Name}' names broker(s) {Ids.Join(unknown)} that the cluster does not know."));
            }
        }

        foreach (TopicSpec ts in withRacks.Topics)
        {
            Brokerset set = withRacks.BrokersetOf(ts);
            TopicAssignment ideal;
            try
            {
                ideal = strategy.Place(set, ts);
            }
            catch (ArgumentException e)
            {
                findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.UnplaceableTopic, ts.Topic, -1, ImmutableArray<int>.Empty,
                    $"Topic '{ts.Topic}' cannot be placed on brokerset '{set.Name}': {e.Message}"));
                continue;
            }

            if (!observed.TryGetTopic(ts.Topic, out TopicAssignment? obs))
            {
                desired.Add(ideal);
                findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.MissingTopic, ts.Topic, -1, ImmutableArray<int>.Empty,
                    $"Topic '{ts.Topic}' is desired on brokerset '{set.Name}' ({ideal.PartitionCount} partitions × RF {ideal.ReplicationFactor}) but the cluster does not run it."));
                continue;
            }

            if (mode == DriftMode.Balanced && strategy is RackAwareStridePlacement &&
                obs.PartitionCount == ideal.PartitionCount && obs.ReplicationFactor == ideal.ReplicationFactor)
            {
                // Balanced is enough: a topic keeping the guarantees is not drift; one that does not is held to its minimal-movement target.
                ideal = BalanceGuarantees.Violation(obs, set) is null ? obs : MinimalMovement.BestTarget(obs, ideal, strategy, out _);
            }

            desired.Add(ideal);
            if (AuditTopic(obs, ideal, set, findings) is { } target)
            {
                targets.Add(target);
            }
        }

        var known = new HashSet<string>(withRacks.Topics.Select(t => t.Topic), StringComparer.Ordinal);
        foreach (TopicAssignment obs in observed.Topics)
        {
            if (!known.Contains(obs.Topic))
            {
                findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.UnknownTopic, obs.Topic, -1, ImmutableArray<int>.Empty,
                    $"Topic '{obs.Topic}' runs on the cluster but the desired state does not mention it."));
            }

            AuditRacks(obs, cluster, findings);
        }

        AuditBrokers(observed, cluster, offline, findings);
        ImmutableArray<DriftFinding> sorted = findings
            .OrderBy(f => f.Class).ThenBy(f => f.Kind).ThenBy(f => f.Topic, StringComparer.Ordinal).ThenBy(f => f.Partition)
            .ToImmutableArray();
        ReassignmentDiff repair = ReassignmentDiff.Create(observed, ClusterAssignment.Create(targets), sizes);
        return new DriftReport(sorted, ClusterAssignment.Create(desired), repair);
    }

    /// <summary>
    /// What LINQPad's <c>Dump()</c> shows (it looks for a method of this name): the summary line and the rows as tables.
    /// </summary>
    /// <returns>An object with <c>Summary</c> (the first line of <see cref="ToString"/>) and the <c>Findings</c> and <c>Repair</c> tables.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object ToDump() => new
    {
        Summary = DumpView.FirstLine(ToString()),
        Findings = Findings.Select(f => new { f.Class, f.Kind, f.Topic, f.Partition, f.Message }),
        Repair = DumpView.Changes(Repair.Changes),
    };

    /// <summary>Renders the counts per class, the findings and the repair's totals.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("drift: ").Append(Findings.Length).Append(" findings (");
        sb.AppendJoin(", ", Enum.GetValues<DriftClass>().Select(c => $"{CountOf(c)} {Name(c)}")).Append(")\n");
        var table = new TextTable("class", "kind", "topic", "partition", "message").AlignRight(3);
        foreach (DriftFinding f in Findings)
        {
            table.Add(Name(f.Class), f.Kind.ToString(), f.Topic, f.Partition < 0 ? "" : Ids.Str(f.Partition), f.Message);
        }

        table.AppendTo(sb, "  ");
        sb.Append("repair: ").Append(Repair.PartitionsTouched).Append(" partitions (").Append(Repair.OrderOnlyChanges).Append(" order-only), ")
          .Append(Repair.ReplicasMoved).Append(" replicas moved, ").Append(Repair.LeaderChanges).Append(" leader changes\n");
        return sb.ToString();
    }

    private static string Name(DriftClass c) => c switch
    {
        DriftClass.OrderOnly => "order-only",
        DriftClass.Membership => "membership",
        DriftClass.RackViolation => "rack",
        _ => "operational",
    };

    /// <summary>Lists the topic's order, membership and partition-count deviations; returns the repair target (or null).</summary>
    private static TopicAssignment? AuditTopic(TopicAssignment obs, TopicAssignment ideal, Brokerset set, List<DriftFinding> findings)
    {
        string topic = obs.Topic;
        if (obs.ReplicationFactor != ideal.ReplicationFactor)
        {
            findings.Add(new DriftFinding(DriftClass.Membership, DriftKind.ReplicationFactorMismatch, topic, -1, ImmutableArray<int>.Empty,
                $"Topic '{topic}' has replication factor {obs.ReplicationFactor}; desired {ideal.ReplicationFactor}."));
        }

        if (obs.PartitionCount < ideal.PartitionCount)
        {
            findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.MissingPartitions, topic, obs.PartitionCount, ImmutableArray<int>.Empty,
                $"Topic '{topic}' has {obs.PartitionCount} partitions; desired {ideal.PartitionCount}: create partitions {obs.PartitionCount}..{ideal.PartitionCount - 1}."));
        }
        else if (obs.PartitionCount > ideal.PartitionCount)
        {
            findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.ExtraPartitions, topic, ideal.PartitionCount, ImmutableArray<int>.Empty,
                $"Topic '{topic}' has {obs.PartitionCount} partitions; desired {ideal.PartitionCount} (Kafka cannot delete partitions)."));
        }

        int common = Math.Min(obs.PartitionCount, ideal.PartitionCount);
        for (int p = 0; p < common; p++)
        {
            ReadOnlySpan<int> o = obs[p];
            ReadOnlySpan<int> d = ideal[p];
            if (o.SequenceEqual(d))
            {
                continue;
            }

            int[] outside = o.ToArray().Where(id => !set.Contains(id)).ToArray();
            if (o.Length == d.Length && Ids.Overlap(o, d) == o.Length)
            {
                findings.Add(new DriftFinding(DriftClass.OrderOnly, DriftKind.WrongOrder, topic, p, ImmutableArray.Create(o.ToArray()),
                    $"Topic '{topic}', partition {p}: replicas [{Ids.Join(o)}] should be ordered [{Ids.Join(d)}]{(o[0] != d[0] ? $" (preferred leader {o[0]} → {d[0]})" : "")}."));
            }
            else if (outside.Length > 0)
            {
                findings.Add(new DriftFinding(DriftClass.Membership, DriftKind.ReplicaOutsideBrokerset, topic, p, ImmutableArray.Create(outside),
                    $"Topic '{topic}', partition {p}: broker(s) {Ids.Join(outside)} of [{Ids.Join(o)}] are outside brokerset '{set.Name}'; desired [{Ids.Join(d)}]."));
            }
            else
            {
                findings.Add(new DriftFinding(DriftClass.Membership, DriftKind.WrongReplicas, topic, p, Ids.Except(o, d),
                    $"Topic '{topic}', partition {p}: replicas [{Ids.Join(o)}]; desired [{Ids.Join(d)}]."));
            }
        }

        if (obs.ReplicationFactor != ideal.ReplicationFactor && obs.PartitionCount != ideal.PartitionCount)
        {
            return null; // one topic has one RF: repair the partition count first
        }

        return MinimalMovement.Prefix(ideal, common);
    }

    private static void AuditRacks(TopicAssignment obs, Cluster cluster, List<DriftFinding> findings)
    {
        int rackCount = cluster.Racks.Length;
        if (rackCount == 0 || obs.ReplicationFactor < 2)
        {
            return;
        }

        int allowed = (obs.ReplicationFactor + rackCount - 1) / rackCount;
        for (int p = 0; p < obs.PartitionCount; p++)
        {
            ReadOnlySpan<int> row = obs[p];
            foreach (IGrouping<string, int> g in row.ToArray().Where(id => cluster.RackOf(id) is not null).GroupBy(id => cluster.RackOf(id)!, StringComparer.Ordinal))
            {
                if (g.Count() > allowed)
                {
                    findings.Add(new DriftFinding(DriftClass.RackViolation, DriftKind.RackCollision, obs.Topic, p, g.ToImmutableArray(),
                        $"Topic '{obs.Topic}', partition {p}: brokers {string.Join(", ", g)} share rack {g.Key}."));
                }
            }
        }
    }

    private static void AuditBrokers(ClusterAssignment observed, Cluster cluster, HashSet<int> offline, List<DriftFinding> findings)
    {
        var unknown = new SortedDictionary<int, List<string>>();
        var down = new SortedDictionary<int, List<string>>();
        foreach (TopicAssignment t in observed.Topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                foreach (int id in t[p])
                {
                    SortedDictionary<int, List<string>>? bucket = !cluster.Contains(id) ? unknown : offline.Contains(id) ? down : null;
                    if (bucket is not null)
                    {
                        if (!bucket.TryGetValue(id, out List<string>? list))
                        {
                            bucket[id] = list = new List<string>();
                        }

                        list.Add($"{t.Topic}-{p}");
                    }
                }
            }
        }

        foreach ((int id, List<string> parts) in unknown)
        {
            findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.UnknownBroker, string.Empty, -1, ImmutableArray.Create(id),
                $"Broker {id} holds {parts.Count} replica(s) ({Sample(parts)}) but the cluster does not know it."));
        }

        foreach ((int id, List<string> parts) in down)
        {
            findings.Add(new DriftFinding(DriftClass.Operational, DriftKind.OfflineBroker, string.Empty, -1, ImmutableArray.Create(id),
                $"Broker {id} is offline and holds {parts.Count} replica(s) ({Sample(parts)})."));
        }
    }

    private static string Sample(List<string> parts) =>
        parts.Count <= 5 ? string.Join(", ", parts) : string.Join(", ", parts.Take(5)) + ", …";
}
