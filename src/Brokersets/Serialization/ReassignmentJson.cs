using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Brokersets.Serialization;

/// <summary>
/// Reads and writes Kafka's reassignment JSON, version 1 (<c>kafka-reassign-partitions --reassignment-json-file</c>):
/// <c>{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2,3]}, …]}</c>, with optional
/// <c>log_dirs</c> per entry.
/// </summary>
/// <remarks>
/// Reading checks what Kafka's tool checks, in its order and with its messages (prefixed by the source and the
/// JSON path): an unsupported version, a <c>log_dirs</c> list of another length than <c>replicas</c>, an empty
/// partition list, an empty replica list, duplicate partitions, duplicate replicas; then negative ids.
/// Whether the brokers exist is for the caller to check against its cluster.
/// </remarks>
public static class ReassignmentJson
{
    /// <summary>The only version of the format, 1.</summary>
    public const int Version = KafkaJson.Version;

    /// <summary>
    /// Writes <paramref name="assignment"/> exactly as Kafka's tool expects it: compact (no spaces), entries
    /// sorted by topic name (ordinal) and then by partition, keys in the order <c>version, partitions</c> and
    /// <c>topic, partition, replicas</c>, no <c>log_dirs</c> (Kafka reads a missing list as <c>"any"</c>).
    /// </summary>
    /// <param name="assignment">The target assignment.</param>
    /// <returns>The JSON text, without a trailing newline.</returns>
    public static string Write(ClusterAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var entries = new List<PartitionReassignment>(assignment.PartitionCount);
        foreach (TopicAssignment topic in assignment.Topics.OrderBy(t => t.Topic, StringComparer.Ordinal))
        {
            for (int p = 0; p < topic.PartitionCount; p++)
            {
                entries.Add(new PartitionReassignment(topic.Topic, p, ImmutableArray.Create(topic[p].ToArray())));
            }
        }

        return Write(entries);
    }

    /// <summary>
    /// Writes <paramref name="partitions"/> compactly in the order given (sort them first for Kafka's own order),
    /// with <c>log_dirs</c> for the entries that have them.
    /// </summary>
    /// <param name="partitions">The entries.</param>
    /// <returns>The JSON text, without a trailing newline.</returns>
    /// <exception cref="ArgumentException">An entry has no replicas, or log directories of another length than its replicas.</exception>
    public static string Write(IEnumerable<PartitionReassignment> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return KafkaJson.WriteVersioned("partitions", writer =>
        {
            foreach (PartitionReassignment entry in partitions)
            {
                ArgumentNullException.ThrowIfNull(entry, nameof(partitions));
                if (entry.Replicas.IsDefaultOrEmpty)
                {
                    throw new ArgumentException($"Partition {entry.Topic}-{entry.Partition} has no replicas.", nameof(partitions));
                }

                bool dirs = !entry.LogDirs.IsDefaultOrEmpty;
                if (dirs && entry.LogDirs.Length != entry.Replicas.Length)
                {
                    throw new ArgumentException(SizeMismatch(entry.Topic, entry.Partition, entry.Replicas, entry.LogDirs), nameof(partitions));
                }

                writer.WriteStartObject();
                writer.WriteString("topic", entry.Topic);
                writer.WriteNumber("partition", entry.Partition);
                writer.WriteStartArray("replicas");
                foreach (int id in entry.Replicas)
                {
                    writer.WriteNumberValue(id);
                }

                writer.WriteEndArray();
                if (dirs)
                {
                    writer.WriteStartArray("log_dirs");
                    foreach (string dir in entry.LogDirs)
                    {
                        writer.WriteStringValue(dir);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }
        });
    }

    /// <summary>Reads the entries of a reassignment JSON from text, as listed (a partial reassignment is fine).</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The entries in file order.</returns>
    /// <exception cref="BrokersetsFormatException">Malformed JSON, a wrong type, a missing field, or one of Kafka's checks failed; the message names <paramref name="sourceName"/>, the JSON path and Kafka's reason.</exception>
    public static ImmutableArray<PartitionReassignment> ReadPartitions(string json, string sourceName) =>
        json is not null && sourceName is not null && ReassignmentJsonReader.TryReadPartitions(json, out ImmutableArray<PartitionReassignment> entries)
            ? entries
            : SlowReadPartitions(json!, sourceName!);

    /// <summary>Reads the entries of a reassignment JSON from UTF-8 bytes, as listed (a partial reassignment is fine).</summary>
    /// <inheritdoc cref="ReadPartitions(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static ImmutableArray<PartitionReassignment> ReadPartitions(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        sourceName is not null && ReassignmentJsonReader.TryReadPartitions(utf8Json, out ImmutableArray<PartitionReassignment> entries)
            ? entries
            : SlowReadPartitions(utf8Json, sourceName!);

    /// <summary>
    /// Reads a reassignment JSON that lists every partition of its topics (0..P−1, one replication factor per
    /// topic) as a <see cref="ClusterAssignment"/>, topics in order of first appearance. Log directories are checked,
    /// then dropped.
    /// </summary>
    /// <param name="json">The file's content.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="BrokersetsFormatException">As <see cref="ReadPartitions(string, string)"/>, or a topic misses a partition or mixes replication factors.</exception>
    public static ClusterAssignment Read(string json, string sourceName) =>
        (json is not null && sourceName is not null ? ReassignmentJsonReader.TryReadAssignment(json) : null)
            ?? ToAssignment(SlowReadPartitions(json!, sourceName!), sourceName!);

    /// <summary>Reads a complete reassignment JSON from UTF-8 bytes as a <see cref="ClusterAssignment"/>.</summary>
    /// <inheritdoc cref="Read(string, string)"/>
    /// <param name="utf8Json">The file's content as UTF-8.</param>
    /// <param name="sourceName">The file name (or any label) used in error messages.</param>
    public static ClusterAssignment Read(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        (sourceName is not null ? ReassignmentJsonReader.TryReadAssignment(utf8Json) : null)
            ?? ToAssignment(SlowReadPartitions(utf8Json, sourceName!), sourceName!);

    // The DTO path: what the fast reader hands anything unusual to, for the exact result or error.
    private static ImmutableArray<PartitionReassignment> SlowReadPartitions(string json, string sourceName)
    {
        CheckNotGenerateOutput(json, sourceName);
        return Map(JsonInput.Deserialize(json, BrokersetsJsonContext.Default.ReassignmentDto, sourceName, "an object"), sourceName);
    }

    /// <summary>The two headings <c>kafka-reassign-partitions --generate</c> prints before its two JSON blocks.</summary>
    internal const string GenerateCurrentHeading = "Current partition replica assignment";

    /// <summary>The heading of the proposed block of <c>--generate</c>.</summary>
    internal const string GenerateProposedHeading = "Proposed partition reassignment configuration";

    /// <summary>Refuses the whole pasted output of <c>--generate</c>, saying which block to keep.</summary>
    private static void CheckNotGenerateOutput(string json, string sourceName)
    {
        if (json.Contains(GenerateCurrentHeading, StringComparison.Ordinal) || json.Contains(GenerateProposedHeading, StringComparison.Ordinal))
        {
            throw JsonInput.Fail(sourceName, "$", $"this is the whole output of kafka-reassign-partitions --generate, not one JSON document; keep only the JSON line after '{GenerateCurrentHeading}' (the current assignment, e.g. for --current or rollback) or the one after '{GenerateProposedHeading}' (the proposed target)");
        }
    }

    private static ImmutableArray<PartitionReassignment> SlowReadPartitions(ReadOnlySpan<byte> utf8Json, string sourceName) =>
        Map(JsonInput.Deserialize(utf8Json, BrokersetsJsonContext.Default.ReassignmentDto, sourceName, "an object"), sourceName);

    private static ImmutableArray<PartitionReassignment> Map(ReassignmentDto dto, string source)
    {
        KafkaJson.CheckVersion(dto.Version, source);
        List<ReassignmentPartitionDto?> list = dto.Partitions ?? new();
        var entries = ImmutableArray.CreateBuilder<PartitionReassignment>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            string at = At(i);
            ReassignmentPartitionDto e = JsonInput.Required(list[i], source, at);
            string topic = JsonInput.Required(e.Topic, source, at + ".topic");
            if (InputLimits.TopicNameProblem(topic) is { } problem)
            {
                throw JsonInput.Fail(source, at + ".topic", $"topic {JsonInput.Quote(topic)}: {problem}.");
            }

            int partition = JsonInput.Required(e.Partition, source, at + ".partition");
            List<int> replicas = JsonInput.Required(e.Replicas, source, at + ".replicas");
            var dirs = ImmutableArray<string>.Empty;
            if (e.LogDirs is { } logDirs)
            {
                for (int j = 0; j < logDirs.Count; j++)
                {
                    JsonInput.Required(logDirs[j], source, JsonInput.Index(at + ".log_dirs", j));
                }

                dirs = logDirs.Select(d => d!).ToImmutableArray();
                if (dirs.Length != replicas.Count)
                {
                    throw JsonInput.Fail(source, at + ".log_dirs", SizeMismatch(topic, partition, replicas, dirs));
                }
            }

            entries.Add(new PartitionReassignment(topic, partition, replicas.ToImmutableArray(), dirs));
        }

        if (entries.Count == 0)
        {
            throw JsonInput.Fail(source, "$.partitions", "Partition reassignment list cannot be empty");
        }

        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Replicas.IsEmpty)
            {
                throw JsonInput.Fail(source, At(i) + ".replicas", "Partition replica list cannot be empty");
            }
        }

        var seen = new HashSet<(string, int)>();
        var duplicates = new List<(int Index, string Name)>();
        for (int i = 0; i < entries.Count; i++)
        {
            if (!seen.Add((entries[i].Topic, entries[i].Partition)))
            {
                duplicates.Add((i, Name(entries[i])));
            }
        }

        if (duplicates.Count > 0)
        {
            throw JsonInput.Fail(source, At(duplicates[0].Index),
                "Partition reassignment contains duplicate topic partitions: " + string.Join(",", duplicates.Select(d => d.Name).Distinct(StringComparer.Ordinal)));
        }

        var repeated = new List<(int Index, string Text)>();
        for (int i = 0; i < entries.Count; i++)
        {
            int[] twice = entries[i].Replicas.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            if (twice.Length > 0)
            {
                repeated.Add((i, $"{Name(entries[i])} contains multiple entries for {string.Join(",", twice)}"));
            }
        }

        if (repeated.Count > 0)
        {
            throw JsonInput.Fail(source, At(repeated[0].Index) + ".replicas",
                "Partition replica lists may not contain duplicate entries: " + string.Join(". ", repeated.Select(r => r.Text)));
        }

        for (int i = 0; i < entries.Count; i++)
        {
            PartitionReassignment e = entries[i];
            if (e.Partition < 0)
            {
                throw JsonInput.Fail(source, At(i) + ".partition", string.Create(CultureInfo.InvariantCulture, $"Partition {Name(e)}: partition id {e.Partition} is negative"));
            }

            int negative = e.Replicas.AsSpan().IndexOfAnyInRange(int.MinValue, -1);
            if (negative >= 0)
            {
                throw JsonInput.Fail(source, JsonInput.Index(At(i) + ".replicas", negative),
                    string.Create(CultureInfo.InvariantCulture, $"Partition {Name(e)}: broker id {e.Replicas[negative]} is negative; broker ids are ≥ 0"));
            }
        }

        return entries.MoveToImmutable();
    }

    private static ClusterAssignment ToAssignment(ImmutableArray<PartitionReassignment> entries, string source)
    {
        var topics = new List<TopicAssignment>();
        foreach (IGrouping<string, (PartitionReassignment Entry, int Index)> group in entries.Select((e, i) => (e, i)).GroupBy(x => x.e.Topic, StringComparer.Ordinal))
        {
            var byPartition = group.OrderBy(x => x.Entry.Partition).ToArray();
            for (int p = 0; p < byPartition.Length; p++)
            {
                if (byPartition[p].Entry.Partition != p)
                {
                    throw JsonInput.Fail(source, "$.partitions", string.Create(CultureInfo.InvariantCulture,
                        $"topic '{group.Key}' lists partitions {string.Join(", ", byPartition.Select(x => x.Entry.Partition))} but not partition {p}; a complete assignment needs partitions 0..{byPartition[^1].Entry.Partition} (read a partial reassignment with ReadPartitions)."));
                }
            }

            string at = At(group.First().Index);
            topics.Add(JsonInput.Model(() => TopicAssignment.Create(group.Key, byPartition.Select(x => (IReadOnlyList<int>)x.Entry.Replicas)), source, at));
        }

        return JsonInput.Model(() => ClusterAssignment.Create(topics), source, "$.partitions");
    }

    private static string At(int index) => JsonInput.Index("$.partitions", index);

    private static string Name(PartitionReassignment e) => string.Create(CultureInfo.InvariantCulture, $"{e.Topic}-{e.Partition}");

    private static string SizeMismatch(string topic, int partition, IEnumerable<int> replicas, IEnumerable<string> dirs) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Size of replicas list [{string.Join(", ", replicas)}] is different from size of log dirs list [{string.Join(", ", dirs)}] for partition {topic}-{partition}");
}
