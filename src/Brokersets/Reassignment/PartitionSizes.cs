using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// The size in bytes of each partition (one replica's log), used to weigh reassignments: bytes moved, bytes in
/// flight, cross-rack bytes and ETAs under a throttle.
/// </summary>
/// <remarks>
/// <para>Sizes are per topic, indexed by partition. A partition without a size counts as unknown: the byte totals
/// that need it are reported as unknown (<see langword="null"/>) rather than guessed.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class PartitionSizes
{
    private readonly FrozenDictionary<string, long[]> _byTopic;
    private readonly long _uniform;

    private PartitionSizes(FrozenDictionary<string, long[]> byTopic, long uniform)
    {
        _byTopic = byTopic;
        _uniform = uniform;
    }

    /// <summary>No sizes known.</summary>
    public static PartitionSizes Unknown { get; } = new(FrozenDictionary<string, long[]>.Empty, -1);

    /// <summary>Every partition of every topic has <paramref name="bytesPerPartition"/> bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytesPerPartition"/> is negative.</exception>
    public static PartitionSizes Uniform(long bytesPerPartition)
    {
        if (bytesPerPartition < 0)
        {
            ThrowHelper.Argument($"Partition size {bytesPerPartition} is negative.", nameof(bytesPerPartition));
        }

        return new PartitionSizes(FrozenDictionary<string, long[]>.Empty, bytesPerPartition);
    }

    /// <summary>Creates sizes from one array per topic (index = partition id).</summary>
    /// <param name="topics">Topic name → bytes of partition 0, 1, …; topics not listed are unknown.</param>
    /// <exception cref="ArgumentException">A topic twice, a topic name Kafka refuses, or a negative size; the message names the topic and partition.</exception>
    public static PartitionSizes Create(IEnumerable<KeyValuePair<string, ImmutableArray<long>>> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var map = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach ((string topic, ImmutableArray<long> sizes) in topics)
        {
            TopicNames.Check(topic, nameof(topics));
            long[] copy = sizes.IsDefault ? Array.Empty<long>() : sizes.AsSpan().ToArray();
            for (int p = 0; p < copy.Length; p++)
            {
                if (copy[p] < 0)
                {
                    ThrowHelper.Argument($"Topic '{topic}', partition {p}: size {copy[p]} is negative.", nameof(topics));
                }
            }

            if (!map.TryAdd(topic, copy))
            {
                ThrowHelper.Argument($"Topic '{topic}' has sizes twice.", nameof(topics));
            }
        }

        return new PartitionSizes(map.ToFrozenDictionary(StringComparer.Ordinal), -1);
    }

    /// <summary>Whether no size at all is known.</summary>
    public bool IsUnknown => _uniform < 0 && _byTopic.Count == 0;

    /// <summary>Looks up the size of one partition.</summary>
    /// <returns>Whether the size is known.</returns>
    public bool TryGetSize(string topic, int partition, out long bytes)
    {
        if (_byTopic.TryGetValue(topic, out long[]? sizes) && (uint)partition < (uint)sizes.Length)
        {
            bytes = sizes[partition];
            return true;
        }

        bytes = _uniform;
        return _uniform >= 0;
    }

    /// <summary>Renders <c>"sizes of 3 topics"</c>, <c>"1000 bytes per partition"</c> or <c>"sizes unknown"</c>.</summary>
    public override string ToString() =>
        _uniform >= 0 ? $"{_uniform} bytes per partition" : IsUnknown ? "sizes unknown" : $"sizes of {_byTopic.Count} topics";

    internal long SizeOrUnknown(string topic, int partition) => TryGetSize(topic, partition, out long b) ? b : -1;

    internal static string Format(long bytes) => bytes < 0 ? "?" : Bytes(bytes);

    private static string Bytes(long bytes)
    {
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return u == 0 ? $"{bytes} B" : v.ToString(v >= 100 ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + " " + units[u];
    }
}
