using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// Chooses strides for topics sharing a brokerset so that a failed broker's leadership spreads over many
/// survivors: the stride for a new topic, or new strides for every topic of a brokerset. The objective is the
/// brokerset's <see cref="FailureImpact.FailoverSkew"/> over its topics (ties: the lower sum of squared
/// leadership gains, i.e. the wider spread).
/// </summary>
/// <remarks>
/// <para><b>Which strides are searched.</b> Strides 0 … <see cref="MaxStride"/> (default: the brokerset size − 1),
/// plus the strides the topics already have. Strides repeat: Orion's formula has n ÷ gcd(n, k) distinct strides and
/// the rack-aware strategy n − m on R equal racks of m brokers, both at most n, so the default bound reaches every
/// distinct stride for them (for uneven racks the rack-aware period can be longer; raise <see cref="MaxStride"/>).
/// A stride whose assignment equals a lower stride's is skipped, as is one the strategy refuses (Orion's repeated
/// broker); Kafka's placement ignores strides, so only stride 0 remains.</para>
/// <para><b>Guarantees.</b> A new topic's advice is never worse than stride 0, nor than the stride the existing
/// topics share. A re-plan is never worse than the current strides, than all topics at stride 0, or than any stride
/// given to every topic: it starts from the best of those and from a greedy assignment, then improves one topic at
/// a time (coordinate descent) until no single change helps.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
[DebuggerDisplay("stride advisor ({Strategy})")]
public sealed class StrideAdvisor
{
    private const int MaxPasses = 20;

    /// <summary>Creates an advisor for <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy that places the brokerset's topics.</param>
    /// <param name="maxStride">The highest stride searched, or -1 for the brokerset size − 1.</param>
    /// <exception cref="ArgumentException"><paramref name="maxStride"/> is below -1.</exception>
    public StrideAdvisor(PlacementStrategy strategy, int maxStride = -1)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (maxStride < -1)
        {
            ThrowHelper.Argument($"Max stride {maxStride} is negative; use -1 for the brokerset size − 1.", nameof(maxStride));
        }

        Strategy = strategy;
        MaxStride = maxStride;
    }

    /// <summary>The strategy that places the topics.</summary>
    public PlacementStrategy Strategy { get; }

    /// <summary>The highest stride searched, or -1 for the brokerset size − 1.</summary>
    public int MaxStride { get; }

    /// <summary>Recommends the stride for <paramref name="newTopic"/> (its own stride is ignored) on <paramref name="brokerset"/>, given the topics already there.</summary>
    /// <exception cref="ArgumentException">A topic is invalid for the strategy or pinned to another brokerset, two topics share a name, or the new topic cannot be placed at stride 0.</exception>
    public StrideAdvice AdviseNewTopic(Brokerset brokerset, IEnumerable<TopicSpec> existing, TopicSpec newTopic)
    {
        ArgumentNullException.ThrowIfNull(brokerset);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(newTopic);
        TopicSpec[] topics = existing.ToArray();
        CheckNames(topics.Append(newTopic));
        var model = new FailoverModel(brokerset.Count);
        foreach (TopicSpec t in topics)
        {
            model.Add(ContributionOf(brokerset, t), +1);
        }

        double before = model.Skew();
        List<(int Stride, Contribution C)> candidates = Candidates(brokerset, newTopic, topics.Select(t => t.Stride));
        var options = ImmutableArray.CreateBuilder<StrideOption>(candidates.Count);
        int best = -1;
        (double Skew, long Spread) bestScore = default;
        double zero = double.NaN;
        foreach ((int stride, Contribution c) in candidates)
        {
            model.Add(c, +1);
            (double skew, long spread) = model.Score();
            options.Add(new StrideOption(stride, skew, model.MaxGain()));
            model.Add(c, -1);
            if (stride == 0)
            {
                zero = skew;
            }

            if (best < 0 || Better((skew, spread), bestScore))
            {
                best = stride;
                bestScore = (skew, spread);
            }
        }

        return new StrideAdvice(newTopic.Topic, brokerset.Name, Strategy.Name, best, bestScore.Skew, zero, before, options.ToImmutable());
    }

    /// <summary>Plans new strides for all <paramref name="topics"/> of <paramref name="brokerset"/>, reporting the failover skew before and after.</summary>
    /// <exception cref="ArgumentException">A topic is invalid for the strategy (at its current stride or at stride 0) or pinned to another brokerset, or two topics share a name.</exception>
    public StridePlan Replan(Brokerset brokerset, IEnumerable<TopicSpec> topics)
    {
        ArgumentNullException.ThrowIfNull(brokerset);
        ArgumentNullException.ThrowIfNull(topics);
        TopicSpec[] list = topics.ToArray();
        CheckNames(list);
        int count = list.Length;
        var candidates = new List<(int Stride, Contribution C)>[count];
        var strideSet = new SortedSet<int>();
        for (int t = 0; t < count; t++)
        {
            candidates[t] = Candidates(brokerset, list[t], list.Select(x => x.Stride));
            strideSet.UnionWith(candidates[t].Select(c => c.Stride));
        }

        var model = new FailoverModel(brokerset.Count);
        int[] current = list.Select(t => t.Stride).ToArray();
        (double Skew, long Spread) before = Evaluate(model, brokerset, list, candidates, current);
        (double Skew, long Spread) allZero = Evaluate(model, brokerset, list, candidates, new int[count]);
        int[] best = current;
        (double Skew, long Spread) bestScore = before;
        if (Better(allZero, bestScore))
        {
            best = new int[count];
            bestScore = allZero;
        }

        int uniformStride = 0;
        (double Skew, long Spread) uniformScore = allZero;
        foreach (int u in strideSet)
        {
            int[] uniform = Enumerable.Repeat(u, count).ToArray();
            if (!AllAccept(candidates, uniform))
            {
                continue;
            }

            (double Skew, long Spread) score = Evaluate(model, brokerset, list, candidates, uniform);
            if (Better(score, uniformScore))
            {
                (uniformStride, uniformScore) = (u, score);
            }

            if (Better(score, bestScore))
            {
                (best, bestScore) = (uniform, score);
            }
        }

        int[] greedy = Greedy(brokerset.Count, candidates);
        foreach (int[] start in new[] { best, greedy })
        {
            int[] improved = Descend(model, brokerset, list, candidates, (int[])start.Clone());
            (double Skew, long Spread) score = Evaluate(model, brokerset, list, candidates, improved);
            if (Better(score, bestScore))
            {
                (best, bestScore) = (improved, score);
            }
        }

        ImmutableArray<StrideChange> changes = list.Select((t, i) => new StrideChange(t.Topic, t.Stride, best[i])).ToImmutableArray();
        return new StridePlan(brokerset.Name, Strategy.Name, changes, before.Skew, bestScore.Skew, allZero.Skew, uniformStride, uniformScore.Skew);
    }

    private static bool Better((double Skew, long Spread) a, (double Skew, long Spread) b) =>
        a.Skew < b.Skew - 1e-12 || (Math.Abs(a.Skew - b.Skew) <= 1e-12 && a.Spread < b.Spread);

    private static void CheckNames(IEnumerable<TopicSpec> topics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TopicSpec t in topics)
        {
            ArgumentNullException.ThrowIfNull(t);
            if (!names.Add(t.Topic))
            {
                ThrowHelper.Argument($"Topic '{t.Topic}' appears twice.", nameof(topics));
            }
        }
    }

    private static bool AllAccept(List<(int Stride, Contribution C)>[] candidates, int[] strides)
    {
        for (int t = 0; t < strides.Length; t++)
        {
            if (Find(candidates[t], strides[t]) is null)
            {
                return false;
            }
        }

        return true;
    }

    private static Contribution? Find(List<(int Stride, Contribution C)> candidates, int stride)
    {
        foreach ((int s, Contribution c) in candidates)
        {
            if (s == stride || c.Aliases.Contains(stride))
            {
                return c;
            }
        }

        return null;
    }

    private static (double Skew, long Spread) Evaluate(FailoverModel model, Brokerset brokerset, TopicSpec[] topics, List<(int Stride, Contribution C)>[] candidates, int[] strides)
    {
        model.Clear();
        for (int t = 0; t < topics.Length; t++)
        {
            model.Add(Find(candidates[t], strides[t]) ?? throw new UnreachableException($"Topic '{topics[t].Topic}' on '{brokerset.Name}': stride {strides[t]} was not evaluated."), +1);
        }

        return model.Score();
    }

    private static int[] Greedy(int brokers, List<(int Stride, Contribution C)>[] candidates)
    {
        var model = new FailoverModel(brokers);
        int[] strides = new int[candidates.Length];
        for (int t = 0; t < candidates.Length; t++)
        {
            strides[t] = BestFor(model, candidates[t], -1);
            model.Add(Find(candidates[t], strides[t])!, +1);
        }

        return strides;
    }

    private static int[] Descend(FailoverModel model, Brokerset brokerset, TopicSpec[] topics, List<(int Stride, Contribution C)>[] candidates, int[] strides)
    {
        Evaluate(model, brokerset, topics, candidates, strides);
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            bool changed = false;
            for (int t = 0; t < topics.Length; t++)
            {
                Contribution mine = Find(candidates[t], strides[t])!;
                model.Add(mine, -1);
                int chosen = BestFor(model, candidates[t], strides[t]);
                model.Add(Find(candidates[t], chosen)!, +1);
                if (Find(candidates[t], chosen) != mine)
                {
                    strides[t] = chosen;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return strides;
    }

    /// <summary>The candidate stride that scores best when added to <paramref name="model"/>; ties keep <paramref name="keep"/>, else the first.</summary>
    private static int BestFor(FailoverModel model, List<(int Stride, Contribution C)> candidates, int keep)
    {
        int best = -1;
        (double Skew, long Spread) bestScore = default;
        foreach ((int stride, Contribution c) in candidates)
        {
            model.Add(c, +1);
            (double Skew, long Spread) score = model.Score();
            model.Add(c, -1);
            bool isKeep = stride == keep || c.Aliases.Contains(keep);
            if (best < 0 || Better(score, bestScore) || (isKeep && !Better(bestScore, score)))
            {
                best = isKeep ? keep : stride;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The distinct strides of <paramref name="topic"/>: 0 … max plus <paramref name="extra"/>, refused and repeated assignments left out.</summary>
    private List<(int Stride, Contribution C)> Candidates(Brokerset brokerset, TopicSpec topic, IEnumerable<int> extra)
    {
        int max = MaxStride < 0 ? brokerset.Count - 1 : MaxStride;
        var strides = new SortedSet<int>(Enumerable.Range(0, max + 1));
        strides.UnionWith(extra.Where(s => s >= 0));
        strides.Add(topic.Stride);
        var result = new List<(int Stride, Contribution C)>();
        foreach (int s in strides)
        {
            TopicAssignment a;
            try
            {
                a = Strategy.Place(brokerset, topic with { Stride = s });
            }
            catch (ArgumentException) when (s != 0)
            {
                continue; // the strategy refuses this stride (Orion's repeated broker)
            }

            Contribution c = Contribution.Of(brokerset, a);
            Contribution? same = result.Select(r => r.C).FirstOrDefault(r => r.SameAs(c));
            if (same is null)
            {
                result.Add((s, c));
            }
            else
            {
                same.Aliases.Add(s);
            }
        }

        return result;
    }

    private Contribution ContributionOf(Brokerset brokerset, TopicSpec topic) => Contribution.Of(brokerset, Strategy.Place(brokerset, topic));
}
