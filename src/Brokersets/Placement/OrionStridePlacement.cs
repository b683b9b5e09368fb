using System;
using System.Diagnostics;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Orion's stride formula, bit for bit: replica j (0 = leader) of partition i is
/// <c>B[(i + j·(s·k + 1)) mod n]</c>, where B is the brokerset in order, n its size, s the topic's stride and
/// k the step size (an operator setting; 3 = the number of AZs).
/// </summary>
/// <remarks>
/// <para>The formula never reads racks; replicas that share a rack are returned as warnings. Where it would put
/// one broker twice in a partition (n divides d·(s·k + 1) for some 1 ≤ d &lt; RF), placement is refused with an
/// error instead of sending Kafka an invalid list as Orion does.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("orion (step size {StepSize})")]
public sealed class OrionStridePlacement : PlacementStrategy
{
    /// <summary>Orion's default step size, 3 (the number of AZs).</summary>
    public const int DefaultStepSize = 3;

    /// <summary>Creates the strategy with the given step size.</summary>
    /// <param name="stepSize">The step size k (≥ 0).</param>
    /// <exception cref="ArgumentException"><paramref name="stepSize"/> is negative.</exception>
    public OrionStridePlacement(int stepSize = DefaultStepSize)
    {
        if (stepSize < 0)
        {
            ThrowHelper.Argument($"Step size {stepSize} is negative.", nameof(stepSize));
        }

        StepSize = stepSize;
    }

    /// <summary>The step size k.</summary>
    public int StepSize { get; }

    /// <inheritdoc/>
    public override string Name => "orion";

    /// <summary>Renders <c>"orion (step size 3)"</c>.</summary>
    public override string ToString() => $"orion (step size {StepSize})";

    /// <summary>The formula never reads racks.</summary>
    private protected override bool MayCollideRacks => true;

    private protected override void CheckStrategy(Brokerset brokerset, TopicSpec topic, int partitions)
    {
        int n = brokerset.Count;
        long step = Step(topic.Stride, n);
        for (int d = 1; d < topic.ReplicationFactor; d++)
        {
            if (d * step % n == 0)
            {
                int broker = brokerset.IdSpan[0];
                ThrowHelper.Argument(
                    $"Topic '{topic.Topic}': Orion's formula puts broker {broker} twice in partition 0 (replicas 0 and {d}), " +
                    $"because the brokerset size {n} divides {d}·({topic.Stride}·{StepSize} + 1); choose another stride or step size, or use the rack-aware strategy.",
                    nameof(topic));
            }
        }
    }

    private protected override void PlaceCore(Brokerset brokerset, TopicSpec topic, int partitions, Span<int> destination)
    {
        ReadOnlySpan<int> ids = brokerset.IdSpan;
        int n = ids.Length;
        int rf = topic.ReplicationFactor;
        int step = (int)Step(topic.Stride, n);
        int o = 0;
        for (int i = 0; i < partitions; i++)
        {
            int index = i % n;
            for (int j = 0; j < rf; j++)
            {
                destination[o++] = ids[index];
                index += step;
                if (index >= n)
                {
                    index -= n;
                }
            }
        }
    }

    /// <summary>(s·k + 1) mod n, without overflow.</summary>
    private long Step(int stride, int n) => (((long)stride * StepSize) + 1) % n;
}
