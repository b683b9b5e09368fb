using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// One step of an <see cref="ExecutionPlan"/>: the replica lists to submit together, the copies they start, the
/// throttles to set while they run, and what they cost.
/// </summary>
/// <remarks>
/// <para>Run a wave by setting <see cref="ThrottleBytesPerSecond"/> on <see cref="ThrottledBrokers"/> and the
/// <see cref="Throttles"/> on their topics, submitting <see cref="Reassignments"/>, and waiting until they complete
/// (<c>kafka-reassign-partitions --verify</c>) before the next wave.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("wave {Number}: {Moves.Length} moves, {Reassignments.Length} partitions")]
public sealed class Wave
{
    private readonly ThrottleLists _throttleLists;
    private TopicThrottle[]? _throttles;

    internal Wave(int number, ImmutableArray<ReplicaMove> moves, ImmutableArray<PartitionReassignment> reassignments,
        ThrottleLists throttleLists, ImmutableArray<int> throttledBrokers, long throttle, long? bytes, long? crossRackBytes, TimeSpan? eta)
    {
        Number = number;
        Moves = moves;
        Reassignments = reassignments;
        _throttleLists = throttleLists;
        ThrottledBrokers = throttledBrokers;
        ThrottleBytesPerSecond = throttle;
        Bytes = bytes;
        CrossRackBytes = crossRackBytes;
        Eta = eta;
    }

    /// <summary>The wave's number, 1 first.</summary>
    public int Number { get; }

    /// <summary>The replicas copied, in scheduling order.</summary>
    public ImmutableArray<ReplicaMove> Moves { get; }

    /// <summary>The replica lists to submit, one per partition that moves in this wave (in topic, then partition order).</summary>
    public ImmutableArray<PartitionReassignment> Reassignments { get; }

    /// <summary>The throttled-replica lists per topic (Kafka's topic configs), in topic order.</summary>
    /// <remarks>Formatted on first read (they can run to millions of characters on a large plan), then kept; thread-safe.</remarks>
    public ImmutableArray<TopicThrottle> Throttles
    {
        get
        {
            TopicThrottle[]? built = Volatile.Read(ref _throttles);
            if (built is null)
            {
                built = _throttleLists.Build();
                built = Interlocked.CompareExchange(ref _throttles, built, null) ?? built;
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(built);
        }
    }

    /// <summary>The brokers that are a source or destination of the wave, ascending: where the throttle rate is set.</summary>
    public ImmutableArray<int> ThrottledBrokers { get; }

    /// <summary>The replication throttle rate in bytes/s, or 0 for none.</summary>
    public long ThrottleBytesPerSecond { get; }

    /// <summary>Bytes copied, or <see langword="null"/> when a size is unknown.</summary>
    public long? Bytes { get; }

    /// <summary>Bytes copied between racks, or <see langword="null"/> when a size or rack is unknown.</summary>
    public long? CrossRackBytes { get; }

    /// <summary>
    /// How long the wave takes under the throttle: the busiest broker's bytes in or out divided by the rate (each broker's
    /// follower and leader throttles cap what it receives and serves); <see langword="null"/> without a throttle or sizes.
    /// </summary>
    public TimeSpan? Eta { get; }

    /// <summary>Renders the wave's totals and its moves.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    internal void AppendTo(StringBuilder sb)
    {
        sb.Append("wave ").Append(Number).Append(": ").Append(Moves.Length).Append(Moves.Length == 1 ? " move, " : " moves, ")
          .Append(Reassignments.Length).Append(Reassignments.Length == 1 ? " partition, " : " partitions, ").Append(Bytes is { } b ? PartitionSizes.Format(b) : "bytes unknown")
          .Append(", cross-rack ").Append(CrossRackBytes is { } x ? PartitionSizes.Format(x) : "?")
          .Append(", throttle ").Append(ThrottleBytesPerSecond > 0 ? FormatRate(ThrottleBytesPerSecond) : "none")
          .Append(", eta ").Append(Eta is { } e ? FormatEta(e) : "?").Append('\n');
        var table = new TextTable("topic", "partition", "from", "to", "bytes", "cross-rack", "submit").AlignRight(1, 2, 3, 4);
        var submitted = new Dictionary<(string Topic, int Partition), string>(Reassignments.Length);
        foreach (PartitionReassignment r in Reassignments)
        {
            submitted[(r.Topic, r.Partition)] = Ids.Join(r.Replicas);
        }

        foreach (ReplicaMove m in Moves)
        {
            string submit = submitted.GetValueOrDefault((m.Topic, m.Partition), string.Empty);
            table.Add(m.Topic, Ids.Str(m.Partition), Ids.Str(m.SourceBrokerId), Ids.Str(m.BrokerId),
                m.Bytes is { } mb ? PartitionSizes.Format(mb) : "?", m.CrossRack is { } c ? (c ? "yes" : "no") : "?", submit);
        }

        table.AppendTo(sb, "  ");
    }

    /// <summary>A rate in MB/s (10^6 bytes/s, the unit of Kafka's and the CLI's throttle options): 100000000 → "100 MB/s".</summary>
    internal static string FormatRate(long bytesPerSecond) =>
        (bytesPerSecond / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MB/s";

    internal static string FormatEta(TimeSpan eta) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)eta.TotalHours}:{eta.Minutes:00}:{eta.Seconds:00}");
}
