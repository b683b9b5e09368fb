using System.Diagnostics;
using System.Globalization;

namespace Brokersets;

/// <summary>A topic to size and place (the seed's topic-creation wizard): its projected throughput and how it is to be laid out.</summary>
/// <remarks>
/// <para>Values are checked by <see cref="SizingAdvisor.Advise"/>, whose errors name the topic. Rates are bytes per
/// second; <see cref="ToString"/> and the errors print them in decimal MB/s (1 MB = 10⁶ bytes).</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
/// <param name="Topic">The new topic's name (not yet in the spec).</param>
/// <param name="ProduceBytesPerSecond">Projected produce rate over all partitions, bytes per second (&gt; 0).</param>
/// <param name="ConsumeBytesPerSecond">Projected consume rate over all consumer groups, bytes per second (≥ 0; one group reading everything is <paramref name="ProduceBytesPerSecond"/>).</param>
/// <param name="ReplicationFactor">Replicas per partition (≥ 1).</param>
/// <param name="PartitionTargetBytesPerSecond">The most produce traffic one partition should take, bytes per second (&gt; 0): the partition count is at least ⌈produce ÷ target⌉.</param>
/// <param name="RetentionHours">How long data is kept, hours (≥ 0); 0 leaves disk out of the model.</param>
/// <param name="RoundToBrokersetSize">Whether to round the partition count up to a multiple of the brokerset's size (every broker then leads equally many).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record SizingRequest(string Topic, double ProduceBytesPerSecond, double ConsumeBytesPerSecond = 0, int ReplicationFactor = 3,
    double PartitionTargetBytesPerSecond = SizingRequest.DefaultPartitionTargetBytesPerSecond, double RetentionHours = 0, bool RoundToBrokersetSize = false)
{
    /// <summary>The default per-partition produce target: 5,000,000 bytes per second (5 MB/s).</summary>
    public const double DefaultPartitionTargetBytesPerSecond = 5_000_000;

    /// <summary>Renders <c>"clicks: produce 40 MB/s, consume 80 MB/s, RF 3, target 5 MB/s per partition"</c> (decimal MB/s).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Topic}: produce {Internals.Format.MBps(ProduceBytesPerSecond)} MB/s, consume {Internals.Format.MBps(ConsumeBytesPerSecond)} MB/s, RF {ReplicationFactor}, target {Internals.Format.MBps(PartitionTargetBytesPerSecond)} MB/s per partition") +
        (RetentionHours > 0 ? string.Create(CultureInfo.InvariantCulture, $", retention {RetentionHours:0.##} h") : string.Empty) +
        (RoundToBrokersetSize ? ", rounded to the brokerset size" : string.Empty);
}
