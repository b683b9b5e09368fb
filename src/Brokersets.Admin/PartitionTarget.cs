using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Brokersets.Admin;

/// <summary>
/// Where one partition should end up: its target replica list, preferred leader first. The unit a
/// <see cref="ReassignmentWave"/> is made of and what AlterPartitionReassignments submits.
/// </summary>
/// <remarks>Immutable; create with <see cref="Create(string, int, IEnumerable{int})"/>, which validates.</remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record PartitionTarget
{
    private PartitionTarget(string topic, int partition, ImmutableArray<int> replicas)
    {
        Topic = topic;
        Partition = partition;
        Replicas = replicas;
    }

    /// <summary>The topic's name.</summary>
    public string Topic { get; }

    /// <summary>The partition index.</summary>
    public int Partition { get; }

    /// <summary>The target replicas, preferred leader first.</summary>
    public ImmutableArray<int> Replicas { get; }

    /// <summary>The partition this target is for.</summary>
    public PartitionId Id => new(Topic, Partition);

    /// <summary>Creates a target.</summary>
    /// <exception cref="ArgumentException">An empty topic, a negative partition, no replicas, a negative or repeated broker id; the message names the partition.</exception>
    public static PartitionTarget Create(string topic, int partition, IEnumerable<int> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new ArgumentException("A partition target needs a topic name.", nameof(topic));
        }

        if (partition < 0)
        {
            throw new ArgumentException($"Topic '{topic}': partition {partition} is negative.", nameof(partition));
        }

        ImmutableArray<int> list = replicas.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException($"{topic}-{partition}: a target needs at least one replica.", nameof(replicas));
        }

        if (list.Any(b => b < 0) || list.Distinct().Count() != list.Length)
        {
            throw new ArgumentException($"{topic}-{partition}: target replicas [{string.Join(",", list)}] contain a negative or repeated broker id.", nameof(replicas));
        }

        return new PartitionTarget(topic, partition, list);
    }

    /// <summary>Whether both targets name the same partition and the same replicas in the same order.</summary>
    public bool Equals(PartitionTarget? other) =>
        other is not null && other.Topic == Topic && other.Partition == Partition && other.Replicas.SequenceEqual(Replicas);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Topic, Partition, Replicas.Length > 0 ? Replicas[0] : -1);

    /// <summary>Renders <c>orders-3 → [4,1,2]</c>.</summary>
    public override string ToString() => $"{Id} → [{string.Join(",", Replicas)}]";
}
