using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// What the caller knows about the load of topics: the size in bytes of each partition and the produce rate of each
/// topic (bytes/s). Feeds <see cref="ClusterReport"/>. Topics without sizes count 0 bytes; topics without a rate
/// produce nothing.
/// </summary>
/// <remarks>
/// <para>A topic's produce rate is spread evenly over its partitions. Every replica writes its partition's rate;
/// the leader receives it from producers and sends it to each follower.</para>
/// <para>Immutable; the <c>With…</c> methods return a new instance. Safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TopicLoads
{
    private TopicLoads(ImmutableDictionary<string, ImmutableArray<long>> partitionBytes, ImmutableDictionary<string, double> produceRates)
    {
        PartitionBytes = partitionBytes;
        ProduceBytesPerSecond = produceRates;
    }

    /// <summary>No sizes, no rates.</summary>
    public static TopicLoads None { get; } = new(
        ImmutableDictionary.Create<string, ImmutableArray<long>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, double>(StringComparer.Ordinal));

    /// <summary>Size in bytes of each partition (index = partition id), by topic.</summary>
    public ImmutableDictionary<string, ImmutableArray<long>> PartitionBytes { get; }

    /// <summary>Produce rate in bytes per second, by topic.</summary>
    public ImmutableDictionary<string, double> ProduceBytesPerSecond { get; }

    /// <summary>Returns these loads with the partition sizes of <paramref name="topic"/> (one value per partition, partition 0 first).</summary>
    /// <exception cref="ArgumentException">An empty topic name or a negative size; the message names the topic and partition.</exception>
    public TopicLoads WithPartitionBytes(string topic, IEnumerable<long> bytesPerPartition)
    {
        CheckTopic(topic);
        ArgumentNullException.ThrowIfNull(bytesPerPartition);
        ImmutableArray<long> sizes = bytesPerPartition.ToImmutableArray();
        for (int p = 0; p < sizes.Length; p++)
        {
            if (sizes[p] < 0)
            {
                ThrowHelper.Argument($"Topic '{topic}', partition {p}: size {sizes[p]} bytes is negative.", nameof(bytesPerPartition));
            }
        }

        return new TopicLoads(PartitionBytes.SetItem(topic, sizes), ProduceBytesPerSecond);
    }

    /// <summary>Returns these loads with the produce rate of <paramref name="topic"/> in bytes per second.</summary>
    /// <exception cref="ArgumentException">An empty topic name, or a negative or non-finite rate.</exception>
    public TopicLoads WithProduceRate(string topic, double bytesPerSecond)
    {
        CheckTopic(topic);
        if (!double.IsFinite(bytesPerSecond) || bytesPerSecond < 0)
        {
            ThrowHelper.Argument($"Topic '{topic}': produce rate {bytesPerSecond.ToString(CultureInfo.InvariantCulture)} bytes/s must be a finite number ≥ 0.", nameof(bytesPerSecond));
        }

        return new TopicLoads(PartitionBytes, ProduceBytesPerSecond.SetItem(topic, bytesPerSecond));
    }

    /// <summary>Renders <c>"sizes for 2 topics, rates for 3 topics"</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"sizes for {PartitionBytes.Count} topics, rates for {ProduceBytesPerSecond.Count} topics");

    /// <summary>The size of partition <paramref name="partition"/> of <paramref name="topic"/>, checked against the assignment's partition count.</summary>
    internal long BytesOf(TopicAssignment topic, int partition)
    {
        if (!PartitionBytes.TryGetValue(topic.Topic, out ImmutableArray<long> sizes))
        {
            return 0;
        }

        if (sizes.Length != topic.PartitionCount)
        {
            ThrowHelper.Argument($"Topic '{topic.Topic}': {sizes.Length} partition sizes were given but the topic has {topic.PartitionCount} partitions.", "loads");
        }

        return sizes[partition];
    }

    /// <summary>The produce rate of one partition of <paramref name="topic"/> (the topic's rate ÷ its partition count).</summary>
    internal double PartitionRateOf(TopicAssignment topic) =>
        ProduceBytesPerSecond.TryGetValue(topic.Topic, out double rate) ? rate / topic.PartitionCount : 0;

    private static void CheckTopic(string topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            ThrowHelper.Argument("A topic load needs a topic name.", nameof(topic));
        }
    }
}
