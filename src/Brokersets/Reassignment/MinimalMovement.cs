using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Minimal-movement targets: for a change to brokersets or topics, a target that keeps the placement strategy's
/// guarantees (leader balance per broker and per rack, rack diversity, replica balance) while copying as few replicas
/// as possible, then changing as few leaders as it can, reported beside lower bounds and beside recomputing from scratch.
/// </summary>
/// <remarks>
/// <para><b>How.</b> Two candidates are computed and the one copying fewer replicas wins (ties go to the first).
/// (1) <em>Matching</em>: the strategy's layout of the changed topic on its (new) brokerset fixes a <em>set</em> of
/// replica lists; every guarantee above is a property of that set, not of which partition gets which list. So
/// partitions are matched to lists to keep the most current replicas (an assignment problem, solved optimally among the
/// layout's lists as a transportation problem between classes of identical lists, so in P·log P for layouts, whose
/// lists repeat; a greedy, which keeps at least half the optimum's kept replicas, only when the classes are too many
/// to solve exactly above 600 partitions), ties going to keeping the current leader, then each replica's index. It is never worse than from
/// scratch (partition i gets list i): that is compared and the better taken. Within a partition the list's order is
/// kept (its leader first, its followers in stride order, which the failover spread depends on).
/// (2) <em>Repair</em> (rack-aware strategy, RF unchanged): replicas outside the brokerset are replaced by a broker
/// of a rack the partition lacks, chosen together with the leaders (a min-cost flow: a partition that loses its leader
/// may be led by its new replica, so that the leader quotas force no other leader change; the other new replicas go to
/// the least-loaded broker), replica counts within each rack are evened by single moves, and leaders are re-chosen
/// among each partition's replicas (a reorder, no data) to meet per-broker and per-rack leader quotas with the fewest
/// leader changes. It is used only when a check of the guarantees (valid lists, rack diversity, leader balance per
/// broker and per rack, replica balance within racks) passes on it and it copies fewer replicas than matching, or as
/// few and changes fewer leaders; it does not keep the stride's failover spread.</para>
/// <para><b>Replacement</b> (<see cref="Rebalance"/>, which <c>plan --overrides</c> calls): when the topics of a
/// brokerset lie on brokers that are no longer members, and members that hold none of their replicas can take their
/// place with every guarantee kept (typically a same-rack replacement), each replaced broker's replica goes into the
/// same position of the same list and nothing else moves (method <c>substitution</c>). That copies exactly the replicas
/// that must leave, so it is optimal, and it keeps every list's order (the failover successors) and every other leader.</para>
/// <para><b>Across the brokerset's topics</b> (<see cref="AddBrokers"/>, <see cref="RemoveBrokers"/>, and
/// <see cref="Rebalance"/> for a brokerset that some current replica of its topics lies outside, or whose current
/// replicas per broker within a rack spread wider than in the strategy's own layouts — so layouts stay a fixed point):
/// the guarantees above are per topic, so a brokerset grown from 6 to 9 brokers whose topics have 6 partitions each
/// would keep every replica on the old brokers. After the per-topic targets, a deterministic pass (rack-aware strategy,
/// brokersets with racks) moves replicas from the most to the least loaded broker of the same rack, counting every
/// topic of the brokerset, and then leadership by reordering partitions (no data), each move only when every per-topic
/// guarantee still holds, until the spread of replicas (and of leaders) per broker within each rack is at most 1 or no
/// move is legal. Replicas moved come first, leader changes second: among legal moves the pass prefers those copying
/// least, then those adding no leader change. When the brokerset only lost brokers (every member holds a replica
/// now), the pass takes only moves that copy nothing more and change no more leaders than the per-topic targets (the
/// removed brokers' replicas are spread; nothing else moves). The pass runs from the per-topic targets and from the
/// strategy's layouts; the one copying fewer replicas is taken (ties to the former), and the from-scratch figure is the
/// layouts after the pass, so moved never exceeds it. Such rows' methods end in <c>, balanced across topics</c>.
/// Finally, in mended topics (repair, or balanced across topics), partitions whose list changes anyway have their
/// followers reordered (no data, no leader change) where that lowers how many leaderships one broker's failure hands to
/// a single successor.</para>
/// <para><b>Lower bounds</b> (docs/reassignment.md). <see cref="MovementTarget.LowerBound"/> bounds targets that keep the
/// per-topic guarantees: each partition must gain the replicas it lacks on the brokerset, and where racks fix their
/// replica totals (RF a multiple of the rack count), each broker must reach the least count its rack's allowed spread
/// leaves it; the larger of the two sums, per topic. <see cref="MovementTarget.CrossTopicLowerBound"/>, where the pass
/// across topics ran, bounds targets that also even out replicas summed over the brokerset's topics: a rack with a fixed
/// replica total T over m brokers whose per-broker sums end within 1 of each other has every broker at ⌊T/m⌋ or more; a
/// broker keeps at most the c replicas of those topics it holds now, so it must receive max(0, ⌊T/m⌋ − c) (for a new
/// broker, ⌊T/m⌋); the larger of this sum and the per-topic bound.</para>
/// <para>A matched topic no longer has partition i on list i, so the strategy's expansion stability holds for its set
/// of lists, not for partition ids: <see cref="AddPartitions"/> keeps every existing partition and gives the new ones
/// the layout's new lists, which is again exactly the layout's set.</para>
/// <para>Topics the change does not concern are left exactly as they are.</para>
/// </remarks>
public static class MinimalMovement
{
    /// <summary>Brings every topic of <paramref name="spec"/> to its brokerset's balanced layout with the least movement.</summary>
    /// <param name="current">What the cluster runs now; every topic of the spec must be in it.</param>
    /// <param name="spec">The desired brokersets and topics (with racks for the rack-aware strategy).</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="sizes">Partition sizes for the diff's byte figures.</param>
    /// <exception cref="ArgumentException">A topic's partition count would change (create or delete partitions instead), or the spec is invalid for the strategy.</exception>
    public static MovementTarget Rebalance(ClusterAssignment current, PlacementSpec spec, PlacementStrategy? strategy = null, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Build(MovementKind.Rebalance, current, spec, _ => true, strategy, sizes);
    }

    /// <summary>
    /// Replaces brokers by new ids (overrides): each replica on an overridden broker moves to its replacement, in the
    /// same position of the same list, and nothing else moves. The replacement should have the replaced broker's rack.
    /// </summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="overrides">The replacements (old id → new id).</param>
    /// <param name="spec">The desired state, to return with the overrides applied; optional.</param>
    /// <param name="sizes">Partition sizes for the diff's byte figures.</param>
    /// <exception cref="ArgumentException">A replacement already holds a replica of a partition of the replaced broker.</exception>
    public static MovementTarget ReplaceBrokers(ClusterAssignment current, BrokerOverrides overrides, PlacementSpec? spec = null, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(overrides);
        var topics = new List<TopicAssignment>(current.Topics.Length);
        var rows = ImmutableArray.CreateBuilder<TopicMovement>(current.Topics.Length);
        foreach (TopicAssignment t in current.Topics)
        {
            int[] replicas = t.AsSpan().ToArray();
            int moved = 0;
            for (int i = 0; i < replicas.Length; i++)
            {
                int to = overrides.Map(replicas[i]);
                if (to != replicas[i])
                {
                    replicas[i] = to;
                    moved++;
                }
            }

            TopicAssignment target = moved == 0 ? t : TopicAssignment.Create(t.Topic, t.ReplicationFactor, replicas);
            topics.Add(target);
            rows.Add(new TopicMovement(t.Topic, moved > 0, moved, moved, moved, 0, moved > 0 ? "substitution" : "unchanged", LeaderChanges(t, target)));
        }

        ClusterAssignment targetAssignment = ClusterAssignment.Create(topics);
        return new MovementTarget(MovementKind.ReplaceBrokers, spec?.WithOverrides(overrides), current, targetAssignment,
            ReassignmentDiff.Create(current, targetAssignment, sizes), rows.MoveToImmutable());
    }

    /// <summary>Removes brokers from a brokerset and rebalances the topics on it with the least movement.</summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="spec">The desired state before the change.</param>
    /// <param name="brokerset">The brokerset's name.</param>
    /// <param name="brokerIds">The brokers to remove; each must be a member.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="sizes">Partition sizes for the diff's byte figures.</param>
    /// <exception cref="ArgumentException">No such brokerset, a broker that is not a member, or a topic whose RF exceeds what is left.</exception>
    public static MovementTarget RemoveBrokers(ClusterAssignment current, PlacementSpec spec, string brokerset, IEnumerable<int> brokerIds, PlacementStrategy? strategy = null, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(brokerIds);
        Brokerset set = spec.GetBrokerset(brokerset);
        var removed = new HashSet<int>(brokerIds);
        foreach (int id in removed.Order())
        {
            if (!set.Contains(id))
            {
                ThrowHelper.Argument($"Broker {id} is not in brokerset '{set.Name}' ({set.DescribeRanges()}).", nameof(brokerIds));
            }
        }

        Brokerset smaller = Brokerset.Create(set.Name, set.Brokers.Where(b => !removed.Contains(b.Id)), set.Partitions);
        return Build(MovementKind.RemoveBrokers, current, Replace(spec, smaller), t => t.BrokersetName == set.Name, strategy, sizes);
    }

    /// <summary>
    /// Appends brokers (or a range) to a brokerset and rebalances the topics on it with the least movement that also
    /// spreads replicas (and leaders) evenly across the brokerset's topics within each rack, so the new brokers take
    /// load: at least ⌊(replicas of their rack) / (brokers of their rack)⌋ replicas each when that spread is reached
    /// (the lower bound; see <see cref="MinimalMovement"/>).
    /// </summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="spec">The desired state before the change.</param>
    /// <param name="brokerset">The brokerset's name.</param>
    /// <param name="brokers">The brokers to append, in order, with their racks.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="sizes">Partition sizes for the diff's byte figures.</param>
    /// <exception cref="ArgumentException">No such brokerset, or a broker that is already a member.</exception>
    public static MovementTarget AddBrokers(ClusterAssignment current, PlacementSpec spec, string brokerset, IEnumerable<Broker> brokers, PlacementStrategy? strategy = null, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(brokers);
        Brokerset set = spec.GetBrokerset(brokerset);
        Brokerset larger = Brokerset.Create(set.Name, set.Brokers.Concat(brokers), set.Partitions);
        return Build(MovementKind.AddBrokers, current, Replace(spec, larger), t => t.BrokersetName == set.Name, strategy, sizes);
    }

    /// <summary>Moves a topic to another brokerset with the least movement (whatever the two brokersets share stays).</summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="spec">The desired state before the change.</param>
    /// <param name="topic">The topic to move.</param>
    /// <param name="brokerset">The brokerset it moves to.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="sizes">Partition sizes for the diff's byte figures.</param>
    /// <exception cref="ArgumentException">No such topic or brokerset, or the new brokerset fixes another partition count.</exception>
    public static MovementTarget MoveTopic(ClusterAssignment current, PlacementSpec spec, string topic, string brokerset, PlacementStrategy? strategy = null, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _ = spec.GetBrokerset(brokerset);
        TopicSpec t = TopicOf(spec, topic);
        return Build(MovementKind.MoveTopic, current, Replace(spec, t with { BrokersetName = brokerset }), x => x.Topic == topic, strategy, sizes);
    }

    /// <summary>Raises or lowers a topic's replication factor with the least movement.</summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="spec">The desired state before the change.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="replicationFactor">The new replication factor.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="sizes">Partition sizes for the diff's byte figures.</param>
    /// <exception cref="ArgumentException">No such topic, or an RF the brokerset cannot hold.</exception>
    public static MovementTarget ChangeReplicationFactor(ClusterAssignment current, PlacementSpec spec, string topic, int replicationFactor, PlacementStrategy? strategy = null, PartitionSizes? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TopicSpec t = TopicOf(spec, topic);
        return Build(MovementKind.ChangeReplicationFactor, current, Replace(spec, t with { ReplicationFactor = replicationFactor }), x => x.Topic == topic, strategy, sizes);
    }

    /// <summary>
    /// Adds partitions to a topic: existing partitions are untouched (nothing moves) and the new ones get the
    /// strategy's lists for them (the strategies are expansion-stable).
    /// </summary>
    /// <param name="current">What the cluster runs now.</param>
    /// <param name="spec">The desired state before the change.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">The new partition count, at least the current one.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <exception cref="ArgumentException">No such topic, fewer partitions than now, or a brokerset that fixes the partition count.</exception>
    public static MovementTarget AddPartitions(ClusterAssignment current, PlacementSpec spec, string topic, int partitions, PlacementStrategy? strategy = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TopicSpec t = TopicOf(spec, topic);
        Brokerset set = spec.BrokersetOf(t);
        if (set.Partitions > 0)
        {
            ThrowHelper.Argument($"Topic '{topic}': brokerset '{set.Name}' fixes {set.Partitions} partitions; change the brokerset's count instead.", nameof(partitions));
        }

        return Build(MovementKind.AddPartitions, current, Replace(spec, t with { Partitions = partitions }), x => x.Topic == topic, strategy, null);
    }

    private static TopicSpec TopicOf(PlacementSpec spec, string topic) =>
        spec.Topics.FirstOrDefault(t => t.Topic == topic) ?? ThrowHelper.Argument<TopicSpec>($"Topic '{topic}' is not in the spec.", nameof(topic));

    private static PlacementSpec Replace(PlacementSpec spec, Brokerset set) =>
        PlacementSpec.Create(spec.Brokersets.Select(b => b.Name == set.Name ? set : b), spec.Topics);

    private static PlacementSpec Replace(PlacementSpec spec, TopicSpec topic) =>
        PlacementSpec.Create(spec.Brokersets, spec.Topics.Select(t => t.Topic == topic.Topic ? topic : t));

    private static MovementTarget Build(MovementKind kind, ClusterAssignment current, PlacementSpec spec, Func<TopicSpec, bool> changed, PlacementStrategy? strategy, PartitionSizes? sizes)
    {
        ArgumentNullException.ThrowIfNull(current);
        strategy ??= PlacementStrategy.RackAware;
        var specs = spec.Topics.ToDictionary(t => t.Topic, StringComparer.Ordinal);
        var targets = new List<TopicAssignment>();
        var rows = new List<TopicMovement>();
        var ideals = new Dictionary<int, (TopicAssignment Current, TopicAssignment Ideal, string Brokerset)>();
        Dictionary<string, TopicAssignment> substituted = kind == MovementKind.Rebalance && strategy is RackAwareStridePlacement
            ? Substitutions(current, spec, strategy) : [];
        foreach (TopicAssignment cur in current.Topics)
        {
            if (!specs.TryGetValue(cur.Topic, out TopicSpec? ts) || !changed(ts))
            {
                targets.Add(cur);
                rows.Add(new TopicMovement(cur.Topic, false, 0, 0, 0, 0, "unchanged"));
                continue;
            }

            if (substituted.TryGetValue(cur.Topic, out TopicAssignment? swap))
            {
                Brokerset swapSet = spec.BrokersetOf(ts);
                int swapped = Moved(cur, swap);
                rows.Add(new TopicMovement(cur.Topic, true, swapped, LowerBound(cur, swapSet, cur.ReplicationFactor),
                    Moved(cur, strategy.Place(swapSet, ts)), 0, swapped > 0 ? "substitution" : "unchanged"));
                targets.Add(swap);
                continue;
            }

            TopicAssignment ideal = strategy.Place(spec.BrokersetOf(ts), ts);
            if (ideal.PartitionCount < cur.PartitionCount || (ideal.PartitionCount > cur.PartitionCount && kind != MovementKind.AddPartitions))
            {
                ThrowHelper.Argument($"Topic '{cur.Topic}' has {cur.PartitionCount} partitions but its layout on brokerset '{ideal.Brokerset?.Name}' has {ideal.PartitionCount}; " +
                    (ideal.PartitionCount < cur.PartitionCount ? "Kafka cannot delete partitions." : "add partitions first (AddPartitions)."), nameof(spec));
            }

            TopicAssignment target;
            string method = "new partitions only";
            int created = 0;
            if (ideal.PartitionCount > cur.PartitionCount)
            {
                created = (ideal.PartitionCount - cur.PartitionCount) * ideal.ReplicationFactor;
                target = Extend(cur, ideal);
            }
            else
            {
                target = BestTarget(cur, ideal, strategy, out method);
                ideals[targets.Count] = (cur, ideal, ideal.Brokerset?.Name ?? string.Empty);
            }

            TopicAssignment prefix = Prefix(target, cur.PartitionCount);
            int moved = Moved(cur, prefix);
            int fromScratch = created > 0 ? 0 : Moved(cur, ideal);
            rows.Add(new TopicMovement(cur.Topic, true, moved, created > 0 ? 0 : LowerBound(cur, ideal.Brokerset!, ideal.ReplicationFactor), fromScratch, created, method));
            targets.Add(target);
        }

        int lowerBound = rows.Sum(r => r.LowerBound);
        bool balanced = false;
        if (kind is MovementKind.Rebalance or MovementKind.AddBrokers or MovementKind.RemoveBrokers && strategy is RackAwareStridePlacement)
        {
            foreach (var group in ideals.GroupBy(e => e.Value.Brokerset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int[] members = group.Select(e => e.Key).Order().ToArray();
                if (kind != MovementKind.Rebalance || BrokersetChanged(members.Select(i => ideals[i].Current), members.Select(i => ideals[i].Ideal), ideals[members[0]].Ideal.Brokerset))
                {
                    lowerBound += BalanceAcrossTopics(members, ideals, targets, rows);
                    balanced = true;
                }
            }
        }

        if (strategy is RackAwareStridePlacement)
        {
            // Mended lists (repair, the pass across topics) keep their followers in current order, which can pile a
            // broker's failover onto one successor; reorder the followers of partitions that change anyway.
            foreach (var group in ideals.GroupBy(e => e.Value.Brokerset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int[] members = group.Select(e => e.Key).Where(i => rows[i].Method.Contains("repair", StringComparison.Ordinal) || rows[i].Method.Contains("balanced", StringComparison.Ordinal)).Order().ToArray();
                TopicAssignment[] spread = BrokersetBalance.SpreadFailover(members.Select(i => targets[i]).ToArray(), members.Select(i => ideals[i].Current).ToArray());
                for (int j = 0; j < members.Length; j++)
                {
                    targets[members[j]] = spread[j];
                }
            }
        }

        var existing = targets.Select((t, i) => Prefix(t, current.Topics[i].PartitionCount)).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i] = rows[i] with { LeaderChanges = LeaderChanges(current.Topics[i], existing[i]) };
        }

        ClusterAssignment targetAssignment = ClusterAssignment.Create(targets);
        ReassignmentDiff diff = ReassignmentDiff.Create(current, ClusterAssignment.Create(existing), sizes);
        return new MovementTarget(kind, spec, current, targetAssignment, diff, rows.ToImmutableArray(), balanced ? lowerBound : null);
    }

    /// <summary>
    /// Broker replacements a rebalance recognises (as <c>plan --overrides</c> produces them): for each brokerset with
    /// racks, the brokers some current replica of its topics lies on that are no longer members ("gone") and the members
    /// that hold no current replica of its topics ("fresh"). Each gone broker, in ascending id, is paired with a fresh
    /// broker whose rack no other replica of any of its partitions uses: the one the strategy's layouts put in most of
    /// the gone broker's slots (an override's replacement), then the first in brokerset order; every replica on a
    /// gone broker is put on its partner in the same position of the same list, and nothing else changes. The
    /// substitution is taken only when every topic of the brokerset then keeps every guarantee of
    /// <see cref="BalanceGuarantees"/> and the brokerset is a fixed point of a rebalance (no replica outside it, replicas
    /// per broker within each rack spread no wider than in the strategy's layouts). It then copies exactly the replicas
    /// on gone brokers, which every target must copy: it is optimal, and it keeps each list's order (so the failover
    /// successors) and every leader not on a gone broker.
    /// </summary>
    private static Dictionary<string, TopicAssignment> Substitutions(ClusterAssignment current, PlacementSpec spec, PlacementStrategy strategy)
    {
        var result = new Dictionary<string, TopicAssignment>(StringComparer.Ordinal);
        foreach (Brokerset set in spec.Brokersets)
        {
            if (set.Layout is null)
            {
                continue;
            }

            TopicSpec[] topics = spec.Topics.Where(t => t.BrokersetName == set.Name && current.TryGetTopic(t.Topic, out _)).ToArray();
            TopicAssignment[] now = topics.Select(t => current[t.Topic]).ToArray();
            var gone = new SortedSet<int>();
            var held = new HashSet<int>();
            foreach (TopicAssignment t in now)
            {
                foreach (int id in t.AsSpan())
                {
                    held.Add(id);
                    if (!set.Contains(id))
                    {
                        gone.Add(id);
                    }
                }
            }

            var fresh = set.BrokerIds.Where(id => !held.Contains(id)).ToList();
            if (gone.Count == 0 || fresh.Count < gone.Count)
            {
                continue;
            }

            var partner = new Dictionary<int, int>();
            TopicAssignment[] layouts = topics.Select(t => strategy.Place(set, t)).ToArray();
            foreach (int g in gone)
            {
                // Among the fresh brokers that keep rack diversity, the one the strategy's layouts put where g is now
                // (an override's replacement takes g's position, so its layout lists are g's), then brokerset order.
                int f = fresh.Where(f => !Collides(now, set, g, f)).OrderByDescending(f => SamePlace(now, layouts, g, f)).FirstOrDefault(-1);
                if (f < 0)
                {
                    break;
                }

                partner[g] = f;
                fresh.Remove(f);
            }

            if (partner.Count < gone.Count)
            {
                continue;
            }

            var swapped = new TopicAssignment[now.Length];
            bool ok = true;
            for (int i = 0; i < now.Length && ok; i++)
            {
                int[] replicas = now[i].AsSpan().ToArray();
                for (int j = 0; j < replicas.Length; j++)
                {
                    replicas[j] = partner.GetValueOrDefault(replicas[j], replicas[j]);
                }

                TopicAssignment layout = layouts[i];
                swapped[i] = new TopicAssignment(now[i].Topic, now[i].ReplicationFactor, replicas, set, default);
                ok = layout.PartitionCount == now[i].PartitionCount && layout.ReplicationFactor == now[i].ReplicationFactor &&
                     BalanceGuarantees.Violation(swapped[i], set) is null;
            }

            if (!ok || BrokersetChanged(swapped, layouts, set))
            {
                continue;
            }

            for (int i = 0; i < now.Length; i++)
            {
                result[topics[i].Topic] = swapped[i];
            }
        }

        return result;
    }

    /// <summary>Slots holding <paramref name="gone"/> now where the layouts hold <paramref name="fresh"/>.</summary>
    private static int SamePlace(TopicAssignment[] current, TopicAssignment[] layouts, int gone, int fresh)
    {
        int same = 0;
        for (int i = 0; i < current.Length; i++)
        {
            ReadOnlySpan<int> now = current[i].AsSpan();
            ReadOnlySpan<int> layout = layouts[i].AsSpan();
            for (int j = 0; j < now.Length && j < layout.Length; j++)
            {
                same += now[j] == gone && layout[j] == fresh ? 1 : 0;
            }
        }

        return same;
    }

    /// <summary>Whether putting <paramref name="fresh"/> in place of <paramref name="gone"/> would give some partition two replicas in one rack.</summary>
    private static bool Collides(TopicAssignment[] topics, Brokerset set, int gone, int fresh)
    {
        RackLayout layout = set.Layout!;
        int rack = layout.RackOf[set.PositionOf(fresh)];
        foreach (TopicAssignment t in topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                ReadOnlySpan<int> row = t[p];
                if (row.IndexOf(gone) < 0)
                {
                    continue;
                }

                foreach (int id in row)
                {
                    int pos = set.PositionOf(id);
                    if (id != gone && pos >= 0 && layout.RackOf[pos] == rack && t.ReplicationFactor <= layout.RackCount)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a plain rebalance should run the brokerset-wide pass: some current replica of the topics lies outside
    /// the brokerset (it shrank, or topics move onto it), or within some rack the current replicas per broker, summed
    /// over the topics, spread wider than in the strategy's own layouts (it grew, or it drifted). So the strategy's
    /// layouts, and any permutation of their lists, stay a fixed point of a rebalance.
    /// </summary>
    private static bool BrokersetChanged(IEnumerable<TopicAssignment> current, IEnumerable<TopicAssignment> layouts, Brokerset? set)
    {
        if (set?.Layout is not { } layout)
        {
            return false;
        }

        int[] now = BrokersetBalance.Counts(current, set);
        if (current.Any(t => t.AsSpan().ToArray().Any(id => set.PositionOf(id) < 0)))
        {
            return true;
        }

        int[] ideal = BrokersetBalance.Counts(layouts, set);
        for (int r = 0; r < layout.RackCount; r++)
        {
            int[] members = layout.Members[layout.RackStart[r]..layout.RackStart[r + 1]];
            if (members.Max(b => now[b]) - members.Min(b => now[b]) > members.Max(b => ideal[b]) - members.Min(b => ideal[b]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs the brokerset-wide pass (<see cref="BrokersetBalance"/>) over the topics of one brokerset (indices
    /// <paramref name="members"/>), once from their per-topic targets and once from the strategy's layouts, keeps the
    /// one copying fewer replicas (ties to the per-topic targets), updates <paramref name="targets"/> and
    /// <paramref name="rows"/> (the from-scratch figure becomes the layouts after the same pass), and returns how much
    /// the brokerset's lower bound exceeds the sum of its topics' own bounds.
    /// </summary>
    private static int BalanceAcrossTopics(int[] members, Dictionary<int, (TopicAssignment Current, TopicAssignment Ideal, string Brokerset)> ideals, List<TopicAssignment> targets, List<TopicMovement> rows)
    {
        if (ideals[members[0]].Ideal.Brokerset is not { Layout: not null } set)
        {
            return 0;
        }

        TopicAssignment[] cur = members.Select(i => ideals[i].Current).ToArray();
        bool free = Shrunk(cur, set);
        TopicAssignment[] fromTargets = BrokersetBalance.Balance(members.Select(i => targets[i]).ToArray(), cur, set, free);
        TopicAssignment[] fromLayouts = BrokersetBalance.Balance(members.Select(i => ideals[i].Ideal).ToArray(), cur, set, free);
        int[] movedTargets = members.Select((_, j) => Moved(cur[j], fromTargets[j])).ToArray();
        int[] movedLayouts = members.Select((_, j) => Moved(cur[j], fromLayouts[j])).ToArray();
        bool useLayouts = movedLayouts.Sum() < movedTargets.Sum();
        TopicAssignment[] chosen = useLayouts ? fromLayouts : fromTargets;
        for (int j = 0; j < members.Length; j++)
        {
            int i = members[j];
            TopicMovement row = rows[i];
            string method = useLayouts ? (ReferenceEquals(chosen[j], ideals[i].Ideal) ? "layout" : "layout, balanced across topics")
                : ReferenceEquals(chosen[j], targets[i]) ? row.Method : row.Method + ", balanced across topics";
            rows[i] = row with { ReplicasMoved = useLayouts ? movedLayouts[j] : movedTargets[j], FromScratchMoved = movedLayouts[j], Method = method };
            targets[i] = chosen[j];
        }

        int own = members.Sum(i => rows[i].LowerBound);
        return Math.Max(0, BrokersetBalance.SpreadBound(chosen, cur, set) - own);
    }

    /// <summary>
    /// Whether the brokerset only lost brokers for its topics: some current replica lies outside it and every member
    /// holds a current replica. The pass across topics then takes only moves that copy nothing more and change no more
    /// leaders (replicas leaving a removed broker are spread, nothing else moves); a brokerset with members that hold
    /// nothing (it grew) takes paid moves, so those members take load.
    /// </summary>
    private static bool Shrunk(TopicAssignment[] current, Brokerset set)
    {
        var held = new HashSet<int>();
        bool outside = false;
        foreach (TopicAssignment t in current)
        {
            foreach (int id in t.AsSpan())
            {
                held.Add(id);
                outside |= !set.Contains(id);
            }
        }

        return outside && set.BrokerIds.All(held.Contains);
    }

    /// <summary>
    /// The better of matching <paramref name="current"/> to <paramref name="ideal"/>'s lists and, for the rack-aware
    /// strategy with an unchanged RF, repairing <paramref name="current"/> (used only when the guarantee check passes and
    /// it copies fewer replicas, or as few and changes fewer leaders). Both have the same partition count.
    /// </summary>
    internal static TopicAssignment BestTarget(TopicAssignment current, TopicAssignment ideal, PlacementStrategy strategy, out string method)
    {
        TopicAssignment target = MatchTopic(current, ideal, out bool optimal);
        method = optimal ? "exact matching" : "greedy matching";
        Brokerset set = ideal.Brokerset!;
        if (strategy is RackAwareStridePlacement && ideal.ReplicationFactor == current.ReplicationFactor &&
            PlacementRepair.Repair(current, set) is { } repaired &&
            BalanceGuarantees.Violation(repaired, set) is null &&
            (Moved(current, repaired), LeaderChanges(current, repaired)).CompareTo((Moved(current, target), LeaderChanges(current, target))) < 0)
        {
            target = repaired;
            method = "repair";
        }

        return target;
    }

    /// <summary>
    /// Gives each partition of <paramref name="current"/> one list of <paramref name="ideal"/> (a permutation) keeping
    /// the most replicas; never worse than the identity.
    /// </summary>
    internal static TopicAssignment MatchTopic(TopicAssignment current, TopicAssignment ideal, out bool optimal)
    {
        int n = current.PartitionCount;
        int[] match = ReplicaListMatching.Match(current, ideal, out optimal);
        long matched = 0;
        long identity = 0;
        for (int p = 0; p < n; p++)
        {
            matched += ReplicaListMatching.Weight(current[p], ideal[match[p]], n);
            identity += ReplicaListMatching.Weight(current[p], ideal[p], n);
        }

        if (identity >= matched)
        {
            return ideal;
        }

        int rf = ideal.ReplicationFactor;
        int[] replicas = new int[n * rf];
        int[] partitionOf = new int[n];
        for (int p = 0; p < n; p++)
        {
            ideal[match[p]].CopyTo(replicas.AsSpan(p * rf, rf));
            partitionOf[match[p]] = p;
        }

        ImmutableArray<PlacementWarning> warnings = ideal.Warnings.Select(w => w.Partition < 0 ? w :
            w with
            {
                Partition = partitionOf[w.Partition],
                Message = w.Message.Replace(
                    string.Create(CultureInfo.InvariantCulture, $"partition {w.Partition}:"),
                    string.Create(CultureInfo.InvariantCulture, $"partition {partitionOf[w.Partition]}:"), StringComparison.Ordinal),
            }).ToImmutableArray();
        return new TopicAssignment(ideal.Topic, rf, replicas, ideal.Brokerset, warnings);
    }

    /// <summary>
    /// A lower bound on the copies any target keeping the guarantees needs: the larger of Σ_p max(0, RF − |C_p ∩ S|)
    /// (replicas a partition must gain on the brokerset) and, where every rack's replica total is fixed (RF a multiple
    /// of R, each rack holding RF/R replicas of every partition), Σ_b max(0, L_r − c_b), where L_r is the least count a
    /// broker of rack r can hold given the rack's total P·RF/R and the allowed spread within the rack.
    /// </summary>
    internal static int LowerBound(TopicAssignment current, Brokerset set, int rf)
    {
        int partitions = current.PartitionCount;
        int gains = 0;
        int[] counts = new int[set.Count];
        for (int p = 0; p < partitions; p++)
        {
            int inSet = 0;
            foreach (int id in current[p])
            {
                int pos = set.PositionOf(id);
                if (pos >= 0)
                {
                    inSet++;
                    counts[pos]++;
                }
            }

            gains += Math.Max(0, rf - inSet);
        }

        RackLayout? layout = set.Layout;
        if (layout is null || rf % layout.RackCount != 0)
        {
            return gains;
        }

        int perRack = rf / layout.RackCount;
        int allowed = partitions % set.Count == 0 ? 1 : rf;
        long fill = 0;
        for (int r = 0; r < layout.RackCount; r++)
        {
            int m = layout.RackSize(r);
            if (m < perRack)
            {
                return gains;
            }

            long total = (long)partitions * perRack;
            long least = Math.Max(0, (total - ((long)(m - 1) * allowed) + m - 1) / m);
            for (int k = layout.RackStart[r]; k < layout.RackStart[r + 1]; k++)
            {
                fill += Math.Max(0, least - counts[layout.Members[k]]);
            }
        }

        return (int)Math.Max(gains, fill);
    }

    /// <summary>Partitions whose first replica differs between <paramref name="current"/> and <paramref name="target"/> (same partitions).</summary>
    private static int LeaderChanges(TopicAssignment current, TopicAssignment target)
    {
        int changes = 0;
        for (int p = 0; p < target.PartitionCount; p++)
        {
            changes += current[p][0] != target[p][0] ? 1 : 0;
        }

        return changes;
    }

    private static int Moved(TopicAssignment current, TopicAssignment target)
    {
        int moved = 0;
        for (int p = 0; p < target.PartitionCount; p++)
        {
            moved += target.ReplicationFactor - Ids.Overlap(target[p], current[p]);
        }

        return moved;
    }

    private static TopicAssignment Extend(TopicAssignment current, TopicAssignment ideal)
    {
        int rf = ideal.ReplicationFactor;
        if (rf != current.ReplicationFactor)
        {
            ThrowHelper.Argument($"Topic '{current.Topic}': adding partitions keeps the replication factor {current.ReplicationFactor}, but the spec asks for {rf}.", nameof(ideal));
        }

        int[] replicas = ideal.AsSpan().ToArray();
        current.AsSpan().CopyTo(replicas);
        return new TopicAssignment(ideal.Topic, rf, replicas, ideal.Brokerset, ideal.Warnings.Where(w => w.Partition < 0 || w.Partition >= current.PartitionCount).ToImmutableArray());
    }

    /// <summary>Partitions 0..<paramref name="partitions"/>−1 of <paramref name="target"/> (itself when it has no more).</summary>
    internal static TopicAssignment Prefix(TopicAssignment target, int partitions) =>
        target.PartitionCount == partitions ? target
        : new TopicAssignment(target.Topic, target.ReplicationFactor, target.AsSpan()[..(partitions * target.ReplicationFactor)].ToArray(), target.Brokerset, ImmutableArray<PlacementWarning>.Empty);
}
