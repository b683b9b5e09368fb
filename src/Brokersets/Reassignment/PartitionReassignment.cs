using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Brokersets;

/// <summary>
/// A replica list to submit for one partition (one entry of Kafka's reassignment JSON and of AlterPartitionReassignments):
/// the target replicas (preferred leader first) and, optionally,
/// the log directory of each replica.
/// </summary>
/// <remarks>
/// <para>Equality compares the topic, the partition and the contents of both lists.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
/// <param name="Topic">The topic's name.</param>
/// <param name="Partition">The partition id (≥ 0).</param>
/// <param name="Replicas">The target replica broker ids, preferred leader first.</param>
/// <param name="LogDirs">One log directory per replica (<c>"any"</c> or an absolute path), or empty when the JSON has no <c>log_dirs</c> (meaning <c>"any"</c> for every replica).</param>
[DebuggerDisplay("{Topic,nq}-{Partition} → [{string.Join(\",\", Replicas),nq}]")]
public sealed record PartitionReassignment(string Topic, int Partition, ImmutableArray<int> Replicas, ImmutableArray<string> LogDirs)
{
    /// <summary>The log directory that lets Kafka choose: <c>"any"</c>.</summary>
    public const string AnyLogDir = "any";

    /// <summary>Creates an entry without log directories.</summary>
    /// <param name="topic">The topic's name.</param>
    /// <param name="partition">The partition id.</param>
    /// <param name="replicas">The target replicas, preferred leader first.</param>
    public PartitionReassignment(string topic, int partition, ImmutableArray<int> replicas)
        : this(topic, partition, replicas, ImmutableArray<string>.Empty)
    {
    }

    /// <summary>Whether both entries have the same topic, partition, replicas and log directories (in order).</summary>
    /// <param name="other">The entry to compare with.</param>
    public bool Equals(PartitionReassignment? other) =>
        other is not null &&
        string.Equals(Topic, other.Topic, StringComparison.Ordinal) &&
        Partition == other.Partition &&
        Replicas.AsSpan().SequenceEqual(other.Replicas.AsSpan()) &&
        LogDirs.AsSpan().SequenceEqual(other.LogDirs.AsSpan());

    /// <summary>A hash of the topic, partition and replicas.</summary>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Topic, StringComparer.Ordinal);
        hash.Add(Partition);
        foreach (int id in Replicas.AsSpan())
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }

    /// <summary>Renders <c>"orders-0 → [4,2,3]"</c> (Kafka's <c>topic-partition</c> notation).</summary>
    public override string ToString() =>
        $"{Topic}-{Partition} → [{(Replicas.IsDefault ? string.Empty : string.Join(",", Replicas))}]";
}
