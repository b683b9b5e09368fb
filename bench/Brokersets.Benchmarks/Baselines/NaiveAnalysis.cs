using System.Collections.Generic;
using System.Linq;

namespace Brokersets.Benchmarks.Baselines;

/// <summary>
/// Reassignment diffs, failure impact, stride choice and wave planning as a user would write them without this
/// library: assignments as <c>Dictionary&lt;(topic, partition), List&lt;int&gt;&gt;</c>, LINQ set operations, dictionaries of counters.
/// </summary>
public static class NaiveAnalysis
{
    public static Dictionary<(string Topic, int Partition), List<int>> ToLists(ClusterAssignment assignment)
    {
        var lists = new Dictionary<(string, int), List<int>>();
        foreach (TopicAssignment t in assignment.Topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                lists[(t.Topic, p)] = t[p].ToArray().ToList();
            }
        }

        return lists;
    }

    public sealed record NaiveChange(string Topic, int Partition, List<int> Added, List<int> Removed, bool LeaderChanged);

    public static (List<NaiveChange> Changes, Dictionary<int, int> In, Dictionary<int, int> Out) Diff(
        Dictionary<(string Topic, int Partition), List<int>> current, Dictionary<(string Topic, int Partition), List<int>> target)
    {
        var changes = new List<NaiveChange>();
        var into = new Dictionary<int, int>();
        var outOf = new Dictionary<int, int>();
        foreach (var (key, want) in target)
        {
            List<int> have = current[key];
            if (have.SequenceEqual(want))
            {
                continue;
            }

            var added = want.Except(have).ToList();
            var removed = have.Except(want).ToList();
            foreach (int b in added)
            {
                into[b] = into.GetValueOrDefault(b) + 1;
            }

            foreach (int b in removed)
            {
                outOf[b] = outOf.GetValueOrDefault(b) + 1;
            }

            changes.Add(new NaiveChange(key.Topic, key.Partition, added, removed, have[0] != want[0]));
        }

        return (changes, into, outOf);
    }

    /// <summary>For every broker, the leaders each survivor gains when it fails; and the worst survivor's count after the worst failure.</summary>
    public static (Dictionary<int, Dictionary<int, int>> Gains, double Skew) FailureImpact(Dictionary<(string Topic, int Partition), List<int>> lists)
    {
        var leaders = lists.Values.GroupBy(l => l[0]).ToDictionary(g => g.Key, g => g.ToList());
        var leaderCount = leaders.ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        var brokers = lists.Values.SelectMany(l => l).Distinct().ToList();
        var gains = new Dictionary<int, Dictionary<int, int>>();
        double worst = 0;
        foreach (int failed in brokers)
        {
            var gained = new Dictionary<int, int>();
            foreach (List<int> replicas in leaders.GetValueOrDefault(failed) ?? new List<List<int>>())
            {
                int heir = replicas.FirstOrDefault(b => b != failed, -1);
                if (heir >= 0)
                {
                    gained[heir] = gained.GetValueOrDefault(heir) + 1;
                }
            }

            gains[failed] = gained;
            double even = (double)lists.Count / (brokers.Count - 1);
            int max = brokers.Where(b => b != failed).Max(b => leaderCount.GetValueOrDefault(b) + gained.GetValueOrDefault(b));
            worst = System.Math.Max(worst, max / even);
        }

        return (gains, worst);
    }

    /// <summary>Tries every stride 0..n-1 for a new topic with the Orion formula and keeps the one with the lowest failover skew.</summary>
    public static int BestStride(Brokerset brokerset, IReadOnlyList<TopicSpec> existing, TopicSpec newTopic)
    {
        List<int> brokers = brokerset.BrokerIds.ToList();
        int n = brokers.Count;
        int best = 0;
        double bestSkew = double.MaxValue;
        for (int stride = 0; stride < n; stride++)
        {
            var lists = new Dictionary<(string, int), List<int>>();
            foreach (TopicSpec t in existing.Append(newTopic with { Stride = stride }))
            {
                for (int i = 0; i < t.Partitions; i++)
                {
                    lists[(t.Topic, i)] = Enumerable.Range(0, t.ReplicationFactor).Select(j => brokers[(i + (j * ((t.Stride * 3) + 1))) % n]).ToList();
                }
            }

            if (lists.Values.Any(l => l.Distinct().Count() != l.Count))
            {
                continue;
            }

            double skew = FailureImpact(lists).Skew;
            if (skew < bestSkew)
            {
                bestSkew = skew;
                best = stride;
            }
        }

        return best;
    }

    /// <summary>Greedy waves: repeatedly scan the remaining moves and take each whose brokers still have room.</summary>
    public static List<List<(string Topic, int Partition, int To, int From)>> Waves(
        Dictionary<(string Topic, int Partition), List<int>> current, Dictionary<(string Topic, int Partition), List<int>> target, int maxIn, int maxOut)
    {
        var remaining = new List<(string Topic, int Partition, int To, int From)>();
        foreach (var (key, want) in target)
        {
            List<int> have = current[key];
            foreach (int to in want.Except(have))
            {
                remaining.Add((key.Topic, key.Partition, to, have[0]));
            }
        }

        var waves = new List<List<(string, int, int, int)>>();
        while (remaining.Count > 0)
        {
            var wave = new List<(string, int, int, int)>();
            var ins = new Dictionary<int, int>();
            var outs = new Dictionary<int, int>();
            var partitions = new HashSet<(string, int)>();
            var left = new List<(string Topic, int Partition, int To, int From)>();
            foreach (var m in remaining)
            {
                if (ins.GetValueOrDefault(m.To) < maxIn && outs.GetValueOrDefault(m.From) < maxOut && !partitions.Contains((m.Topic, m.Partition)))
                {
                    wave.Add(m);
                    partitions.Add((m.Topic, m.Partition));
                    ins[m.To] = ins.GetValueOrDefault(m.To) + 1;
                    outs[m.From] = outs.GetValueOrDefault(m.From) + 1;
                }
                else
                {
                    left.Add(m);
                }
            }

            waves.Add(wave);
            remaining = left;
        }

        return waves;
    }
}
