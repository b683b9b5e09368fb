using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Computes a topic's replica assignment on a brokerset. Use <see cref="RackAware"/> (the default) or
/// <see cref="Orion"/>; each writes into a caller-provided buffer without allocating, or returns a
/// <see cref="TopicAssignment"/>.
/// </summary>
/// <remarks>
/// <para>The partition count is the brokerset's <see cref="Brokerset.Partitions"/> when it defines one, else the
/// topic's (Orion's rule, kept by every strategy so one set of files means one thing).</para>
/// <para>Strategies are immutable and stateless; safe to share between threads.</para>
/// </remarks>
public abstract class PlacementStrategy
{
    private protected PlacementStrategy()
    {
    }

    /// <summary>The rack-aware stride strategy (the default): balanced leaders per broker and per rack, distinct racks per partition, failover spread over strides.</summary>
    public static RackAwareStridePlacement RackAware { get; } = new();

    /// <summary>Orion's stride formula with step size 3, bit for bit.</summary>
    public static OrionStridePlacement Orion { get; } = new(OrionStridePlacement.DefaultStepSize);

    /// <summary>The strategy's name as the CLI spells it (<c>rack-aware</c>, <c>orion</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The partition count <paramref name="topic"/> gets on <paramref name="brokerset"/>: the brokerset's when it defines one, else the topic's.</summary>
    /// <exception cref="ArgumentException">Neither defines a partition count, or the topic's is negative.</exception>
    public static int PartitionCountOf(Brokerset brokerset, TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(brokerset);
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Partitions < 0)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': partition count {topic.Partitions} is negative.", nameof(topic));
        }

        int p = brokerset.Partitions > 0 ? brokerset.Partitions : topic.Partitions;
        if (p < 1)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}' has no partition count and brokerset '{brokerset.Name}' defines none; a topic needs at least 1 partition.", nameof(topic));
        }

        return p;
    }

    /// <summary>Places <paramref name="topic"/> on <paramref name="brokerset"/> and returns the assignment (with any warnings).</summary>
    /// <exception cref="ArgumentException">The input is invalid for this strategy; the message names the topic, brokerset, partition or broker.</exception>
    public TopicAssignment Place(Brokerset brokerset, TopicSpec topic)
    {
        int partitions = Check(brokerset, topic);
        CheckTopicAssignment(topic);
        int[] replicas = new int[checked(partitions * topic.ReplicationFactor)];
        PlaceCore(brokerset, topic, partitions, replicas);
        var warnings = ImmutableArray.CreateBuilder<PlacementWarning>();
        if (topic.Partitions > 0 && brokerset.Partitions > 0 && topic.Partitions != brokerset.Partitions)
        {
            warnings.Add(new PlacementWarning(PlacementWarningKind.PartitionCountOverridden, topic.Topic, -1,
                $"Topic '{topic.Topic}' asks for {topic.Partitions} partitions but brokerset '{brokerset.Name}' fixes {brokerset.Partitions}; the brokerset's count is used."));
        }

        AddRackCollisions(brokerset, topic.Topic, topic.ReplicationFactor, replicas, warnings);
        return new TopicAssignment(topic.Topic, topic.ReplicationFactor, replicas, brokerset, warnings.ToImmutable());
    }

    /// <summary>
    /// Writes the assignment of <paramref name="topic"/> into <paramref name="destination"/>: P·RF broker ids,
    /// row-major, each partition's preferred leader first. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The input is invalid for this strategy, or <paramref name="destination"/> is shorter than P·RF.</exception>
    public void Place(Brokerset brokerset, TopicSpec topic, Span<int> destination)
    {
        int partitions = Check(brokerset, topic);
        long required = (long)partitions * topic.ReplicationFactor;
        if (destination.Length < required)
        {
            ThrowHelper.DestinationTooShort(topic.Topic, (int)Math.Min(required, int.MaxValue), destination.Length, nameof(destination));
        }

        PlaceCore(brokerset, topic, partitions, destination[..(int)required]);
    }

    /// <summary>Places every topic of <paramref name="spec"/> on its brokerset.</summary>
    /// <exception cref="ArgumentException">A topic is invalid for this strategy; the message names it.</exception>
    public ClusterAssignment PlaceAll(PlacementSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ClusterAssignment.Create(spec.Topics.Select(t => Place(spec.BrokersetOf(t), t)));
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// Strategy-specific checks that must run before the common ones (for a strategy that reproduces another tool's
    /// error order and wording); throws <see cref="ArgumentException"/>. The default does nothing.
    /// </summary>
    private protected virtual void CheckFirst(Brokerset brokerset, TopicSpec topic)
    {
    }

    /// <summary>
    /// Checks that the strategy's output can be returned as a <see cref="TopicAssignment"/> (partitions 0..P−1);
    /// called only by <see cref="Place(Brokerset, TopicSpec)"/>. The default does nothing.
    /// </summary>
    private protected virtual void CheckTopicAssignment(TopicSpec topic)
    {
    }

    /// <summary>Strategy-specific checks, after the common ones; throws <see cref="ArgumentException"/>.</summary>
    private protected abstract void CheckStrategy(Brokerset brokerset, TopicSpec topic, int partitions);

    /// <summary>Writes exactly P·RF ids into <paramref name="destination"/>; inputs are valid.</summary>
    private protected abstract void PlaceCore(Brokerset brokerset, TopicSpec topic, int partitions, Span<int> destination);

    private int Check(Brokerset brokerset, TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(brokerset);
        ArgumentNullException.ThrowIfNull(topic);
        if (string.IsNullOrWhiteSpace(topic.Topic))
        {
            ThrowHelper.Argument("A topic needs a name.", nameof(topic));
        }

        if (topic.BrokersetName is not null && !string.Equals(topic.BrokersetName, brokerset.Name, StringComparison.Ordinal))
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}' is pinned to brokerset '{topic.BrokersetName}' but was placed on brokerset '{brokerset.Name}'.", nameof(brokerset));
        }

        CheckFirst(brokerset, topic);
        int partitions = PartitionCountOf(brokerset, topic);
        if (topic.ReplicationFactor < 1)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': replication factor {topic.ReplicationFactor} is less than 1.", nameof(topic));
        }

        if (topic.ReplicationFactor > brokerset.Count)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': replication factor {topic.ReplicationFactor} exceeds the {brokerset.Count} brokers of brokerset '{brokerset.Name}'.", nameof(topic));
        }

        if (topic.Stride < 0)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': stride {topic.Stride} is negative.", nameof(topic));
        }

        if ((long)partitions * topic.ReplicationFactor > Array.MaxLength)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': {partitions} partitions × RF {topic.ReplicationFactor} is too large to place.", nameof(topic));
        }

        CheckStrategy(brokerset, topic, partitions);
        return partitions;
    }

    /// <summary>Whether placements of this strategy can put two replicas of a partition in one rack (then they are reported as warnings).</summary>
    private protected virtual bool MayCollideRacks => false;

    private void AddRackCollisions(Brokerset brokerset, string topic, int rf, int[] replicas, ImmutableArray<PlacementWarning>.Builder warnings)
    {
        if (!MayCollideRacks || brokerset.Racks.IsEmpty || rf < 2)
        {
            return;
        }

        ReadOnlySpan<int> rackOfPosition = brokerset.RackIndexOfPosition;
        int racks = brokerset.Racks.Length;
        int allowed = (rf + racks - 1) / racks; // replicas one rack may hold in an even spread
        Span<int> rowRacks = rf <= 64 ? stackalloc int[rf] : new int[rf];
        for (int p = 0; p < replicas.Length / rf; p++)
        {
            ReadOnlySpan<int> row = replicas.AsSpan(p * rf, rf);
            bool collision = false;
            for (int j = 0; j < rf; j++)
            {
                int pos = brokerset.PositionOf(row[j]);
                rowRacks[j] = pos < 0 ? -1 : rackOfPosition[pos];
                for (int k = 0; k < j && !collision; k++)
                {
                    collision = rowRacks[j] >= 0 && rowRacks[j] == rowRacks[k];
                }
            }

            if (collision)
            {
                AddCollision(brokerset, topic, p, row, rowRacks, rf <= racks ? 1 : allowed, warnings);
            }
        }
    }

    private static void AddCollision(Brokerset brokerset, string topic, int partition, ReadOnlySpan<int> row, ReadOnlySpan<int> rowRacks, int allowed, ImmutableArray<PlacementWarning>.Builder warnings)
    {
        var parts = new List<string>();
        for (int j = 0; j < row.Length; j++)
        {
            int rack = rowRacks[j];
            if (rack < 0 || rowRacks[..j].Contains(rack))
            {
                continue; // unknown rack, or reported at its first replica
            }

            var ids = new List<int>();
            for (int k = j; k < row.Length; k++)
            {
                if (rowRacks[k] == rack)
                {
                    ids.Add(row[k]);
                }
            }

            if (ids.Count > allowed)
            {
                parts.Add($"brokers {string.Join(", ", ids)} share rack {brokerset.Racks[rack]}");
            }
        }

        if (parts.Count > 0)
        {
            warnings.Add(new PlacementWarning(PlacementWarningKind.RackCollision, topic, partition,
                $"Topic '{topic}', partition {partition}: {string.Join("; ", parts)}."));
        }
    }
}
