using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Brokersets.Internals;

/// <summary>
/// Row projections behind the public <c>ToDump()</c> methods: flat records of numbers and short strings (id lists
/// joined with commas), so LINQPad and other notebooks render each collection as one table.
/// </summary>
internal static class DumpView
{
    /// <summary>The first line of a <c>ToString()</c> rendering: its summary.</summary>
    public static string FirstLine(string text)
    {
        int end = text.IndexOf('\n', System.StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    public static IEnumerable<object> Partitions(TopicAssignment topic) =>
        topic.Rows.Select(r => (object)new
        {
            topic.Topic,
            r.Partition,
            r.Leader,
            Replicas = Ids.Join(r.Replicas),
            Racks = r.Racks.IsDefaultOrEmpty ? "" : string.Join(",", r.Racks.Select(x => x ?? "?")),
        });

    public static IEnumerable<object> Changes(ImmutableArray<PartitionChange> changes) =>
        changes.Select(c => (object)new
        {
            c.Topic,
            c.Partition,
            Current = Ids.Join(c.Current),
            Target = Ids.Join(c.Target),
            Added = Ids.Join(c.Added),
            Removed = Ids.Join(c.Removed),
            c.LeaderChanged,
            c.OrderOnly,
            c.Bytes,
        });

    public static IEnumerable<object> Lists(ImmutableArray<PartitionReassignment> lists) =>
        lists.Select(r => (object)new { r.Topic, r.Partition, Replicas = Ids.Join(r.Replicas) });
}
