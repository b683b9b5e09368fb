using System;
using System.Collections.Immutable;

namespace Brokersets;

/// <summary>
/// What a <see cref="Wave"/> needs to format its throttled-replica lists when they are first read: the diff entries of
/// the wave's partitions, how many of each one's moves were done before the wave, and the lists the wave submits.
/// </summary>
/// <remarks>
/// Kafka's strings run to millions of characters on a large plan, and a caller that only schedules, counts or exports
/// waves never reads them; the lists they are made of are the ones the wave already holds, so nothing is lost by
/// formatting them on demand. Immutable.
/// </remarks>
internal sealed class ThrottleLists(ReassignmentDiff diff, int[] entries, int[] doneBefore, bool targetOrder, ImmutableArray<PartitionReassignment> submitted, int[] offline)
{
    /// <summary>
    /// One <see cref="TopicThrottle"/> per topic of the wave, in topic order: the leader list holds every replica a
    /// moving partition has before the wave, the follower list every replica it gains, as <c>"p:b"</c> entries in
    /// the order of their strings (Kafka's order; no entry repeats, because a partition is in a wave once). Offline
    /// brokers serve nothing and are left out of the leader list.
    /// </summary>
    public TopicThrottle[] Build()
    {
        var result = ImmutableArray.CreateBuilder<TopicThrottle>();
        var leader = new CharBuffer(256);
        var follower = new CharBuffer(256);
        long[] keys = new long[entries.Length];
        int[] order = new int[entries.Length];
        Span<int> before = stackalloc int[64];
        Span<int> gained = stackalloc int[64];
        for (int start = 0; start < entries.Length;)
        {
            string topic = diff.TopicOf(entries[start]);
            int end = start + 1;
            while (end < entries.Length && string.Equals(diff.TopicOf(entries[end]), topic, StringComparison.Ordinal))
            {
                end++;
            }

            // The topic's partitions in the order of their "p:" strings.
            for (int j = start; j < end; j++)
            {
                keys[j] = ExecutionPlan.PartitionKey(diff.PartitionOf(entries[j]));
                order[j] = j;
            }

            keys.AsSpan(start, end - start).Sort(order.AsSpan(start, end - start));
            leader.Length = 0;
            follower.Length = 0;
            for (int i = start; i < end; i++)
            {
                int j = order[i];
                int e = entries[j];
                ReadOnlySpan<int> c = diff.CurrentReplicas(e);
                ReadOnlySpan<int> g = diff.TargetReplicas(e);
                Span<int> was = c.Length + g.Length <= before.Length ? before : new int[c.Length + g.Length];
                was = was[..ExecutionPlan.IntermediateList(c, g, doneBefore[j], targetOrder, was, offline)];
                ImmutableArray<int> after = submitted[j].Replicas;
                Span<int> joined = after.Length <= gained.Length ? gained : new int[after.Length];
                int n = 0;
                foreach (int id in after)
                {
                    if (!was.Contains(id))
                    {
                        joined[n++] = id;
                    }
                }

                int partition = diff.PartitionOf(e);
                if (offline.Length > 0)
                {
                    int live = 0;
                    foreach (int id in was)
                    {
                        if (Array.BinarySearch(offline, id) < 0)
                        {
                            was[live++] = id;
                        }
                    }

                    was = was[..live];
                }

                AppendEntries(leader, partition, was);
                AppendEntries(follower, partition, joined[..n]);
            }

            result.Add(new TopicThrottle(topic, leader.ToString(), follower.ToString()));
            start = end;
        }

        return result.ToArray();
    }

    /// <summary>Appends <c>"p:b"</c> for each broker of <paramref name="ids"/> (sorted here as their strings sort), comma-separated.</summary>
    private static void AppendEntries(CharBuffer sb, int partition, Span<int> ids)
    {
        Span<long> keys = ids.Length <= 16 ? stackalloc long[16] : new long[ids.Length];
        keys = keys[..ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            keys[i] = ExecutionPlan.BrokerKey(ids[i]);
        }

        keys.Sort(ids); // a partition has a handful of replicas
        foreach (int id in ids)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(partition);
            sb.Append(':');
            sb.Append(id);
        }
    }

    /// <summary>A growable run of characters with an integer writer that formats digits in place (no culture, no boxing).</summary>
    private sealed class CharBuffer(int capacity)
    {
        private char[] _chars = new char[capacity];

        public int Length { get; set; }

        public void Append(char c)
        {
            Reserve(1);
            _chars[Length++] = c;
        }

        public void Append(int value)
        {
            if (value < 0)
            {
                Append('-');
            }

            ulong v = (ulong)Math.Abs((long)value);
            int digits = 1;
            for (ulong t = v; t >= 10; t /= 10)
            {
                digits++;
            }

            Reserve(digits);
            for (int i = Length + digits - 1; i >= Length; i--)
            {
                _chars[i] = (char)('0' + (int)(v % 10));
                v /= 10;
            }

            Length += digits;
        }

        public override string ToString() => new(_chars, 0, Length);

        private void Reserve(int more)
        {
            if (Length + more > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(Length + more, _chars.Length * 2));
            }
        }
    }
}
