using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// Writes an <see cref="ExecutionPlan"/> as the files an operator runs, in order: <c>wave-01.json</c>, … (one
/// <c>kafka-reassign-partitions --execute</c> file per wave), <c>final.json</c> (the lists that move no data, when
/// any), <c>elect-leaders.json</c> (<c>kafka-leader-election --path-to-json-file</c>, when any) and
/// <c>rollback.json</c> (the current lists of every changed partition).
/// </summary>
internal static class PlanFiles
{
    /// <summary>Writes the files into <paramref name="directory"/> (created if missing).</summary>
    /// <returns>The paths written, in order.</returns>
    /// <exception cref="InputException">The directory or a file cannot be written.</exception>
    public static string[] Write(string directory, ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var files = new List<(string Name, string Text)>();
        int width = Math.Max(2, plan.Waves.Length.ToString(CultureInfo.InvariantCulture).Length);
        foreach (Wave wave in plan.Waves)
        {
            files.Add(($"wave-{wave.Number.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}.json", ReassignmentJson.Write(KafkaOutput.Sorted(wave.Reassignments))));
        }

        if (!plan.FinalReassignments.IsEmpty)
        {
            files.Add(("final.json", ReassignmentJson.Write(KafkaOutput.Sorted(plan.FinalReassignments))));
        }

        if (!plan.LeaderElections.IsEmpty)
        {
            files.Add(("elect-leaders.json", LeaderElectionJson(plan.LeaderElections)));
        }

        if (!plan.Diff.IsEmpty)
        {
            files.Add(("rollback.json", ReassignmentJson.Write(KafkaOutput.RollbackPartitions(plan.Diff))));
        }

        // All or nothing: every file is first written under a temporary name; only when all are written are they
        // renamed into place. A failure removes the temporary files (and the directory when this call created it).
        var written = new string[files.Count];
        var temporary = new List<string>(files.Count);
        bool created = false;
        try
        {
            if (File.Exists(directory))
            {
                throw new InputException($"--output-dir {directory}: is a file, not a directory.");
            }

            created = !Directory.Exists(directory);
            Directory.CreateDirectory(directory);
            string suffix = ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            for (int i = 0; i < files.Count; i++)
            {
                written[i] = Path.Combine(directory, files[i].Name);
                string temp = written[i] + suffix;
                temporary.Add(temp);
                File.WriteAllText(temp, files[i].Text + "\n");
            }

            for (int i = 0; i < files.Count; i++)
            {
                File.Move(temporary[i], written[i], overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            foreach (string temp in temporary)
            {
                TryDelete(temp);
            }

            if (created)
            {
                try
                {
                    Directory.Delete(directory);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                    // Not empty or gone: leave it.
                }
            }

            throw new InputException($"--output-dir {directory}: cannot write the plan's files: {ErrorMessages.OneLine(e)}", e);
        }

        return written;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    /// <summary>Kafka's leader-election JSON: <c>{"partitions":[{"topic":"t","partition":0}, …]}</c>, sorted by topic, then partition.</summary>
    public static string LeaderElectionJson(ImmutableArray<LeaderElection> elections)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("partitions");
            foreach (LeaderElection e in elections.OrderBy(e => e.Topic, StringComparer.Ordinal).ThenBy(e => e.Partition))
            {
                writer.WriteStartObject();
                writer.WriteString("topic", e.Topic);
                writer.WriteNumber("partition", e.Partition);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
