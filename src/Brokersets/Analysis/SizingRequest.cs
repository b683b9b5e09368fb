using System.Diagnostics;
using System.Globalization;

namespace Brokersets;

/// <summary>A topic to size and place (the seed's topic-creation wizard): its projected throughput and how it is to be laid out.</summary>
/// <remarks>
/// <para>Values are checked by <see cref="SizingAdvisor.Advise"/>, whose errors name the topic. 1 MB = 10⁶ bytes.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
/// <param name="Topic">The new topic's name (not yet in the spec).</param>
/// <param name="ProduceMBps">Projected produce rate over all partitions, MB/s (&gt; 0).</param>
/// <param name="ConsumeMBps">Projected consume rate over all consumer groups, MB/s (≥ 0; one group reading everything is <paramref name="ProduceMBps"/>).</param>
/// <param name="ReplicationFactor">Replicas per partition (≥ 1).</param>
/// <param name="PartitionTargetMBps">The most produce traffic one partition should take, MB/s (&gt; 0): the partition count is at least ⌈produce ÷ target⌉.</param>
/// <param name="RetentionHours">How long data is kept, hours (≥ 0); 0 leaves disk out of the model.</param>
/// <param name="RoundToBrokersetSize">Whether to round the partition count up to a multiple of the brokerset's size (every broker then leads equally many).</param>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record SizingRequest(string Topic, double ProduceMBps, double ConsumeMBps = 0, int ReplicationFactor = 3,
    double PartitionTargetMBps = SizingRequest.DefaultPartitionTargetMBps, double RetentionHours = 0, bool RoundToBrokersetSize = false)
{
    /// <summary>The default per-partition produce target: 5 MB/s.</summary>
    public const double DefaultPartitionTargetMBps = 5;

    /// <summary>Renders <c>"clicks: produce 40 MB/s, consume 80 MB/s, RF 3, target 5 MB/s per partition"</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Topic}: produce {ProduceMBps:0.##} MB/s, consume {ConsumeMBps:0.##} MB/s, RF {ReplicationFactor}, target {PartitionTargetMBps:0.##} MB/s per partition") +
        (RetentionHours > 0 ? string.Create(CultureInfo.InvariantCulture, $", retention {RetentionHours:0.##} h") : string.Empty) +
        (RoundToBrokersetSize ? ", rounded to the brokerset size" : string.Empty);
}
