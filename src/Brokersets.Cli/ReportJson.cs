using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.Json;
using Brokersets.Admin;
using static Brokersets.Cli.JsonFields;

namespace Brokersets.Cli;

/// <summary>
/// <c>--format json</c> of <c>audit</c>, <c>diff</c> and <c>apply</c> (schemas: docs/json-output.md): indented,
/// camelCase, sizes in bytes (<c>bytesMoved</c>, <c>bytes</c>), rates in bytes per second, unknown sizes <c>null</c>.
/// </summary>
internal static class ReportJson
{
    /// <summary>The <c>audit --format json</c> document.</summary>
    public static string Audit(PlacementStrategy strategy, DriftMode mode, DriftReport report, IReadOnlyCollection<string> skippedTopics, IReadOnlyCollection<int> offlineBrokers)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(w =>
        {
            w.WriteString("strategy", strategy.ToString());
            w.WriteString("mode", mode == DriftMode.Balanced ? AuditCommand.Balanced : AuditCommand.Exact);
            w.WriteBoolean("clean", report.IsClean);
            Ids(w, "offlineBrokers", offlineBrokers);
            w.WriteStartArray("skippedTopics");
            foreach (string t in skippedTopics)
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (DriftFinding f in report.Findings)
            {
                w.WriteStartObject();
                w.WriteString("class", Camel(f.Class.ToString()));
                w.WriteString("kind", Camel(f.Kind.ToString()));
                w.WriteString("topic", f.Topic);
                if (f.Partition >= 0)
                {
                    w.WriteNumber("partition", f.Partition);
                }
                else
                {
                    w.WriteNull("partition");
                }

                Ids(w, "brokers", f.Brokers.IsDefault ? [] : f.Brokers);
                w.WriteString("message", f.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("repair");
            w.WriteStartObject();
            Totals(w, report.Repair);
            Changes(w, report.Repair.Changes);
            w.WriteEndObject();
        });
    }

    /// <summary>The <c>diff --format json</c> document.</summary>
    public static string Diff(PartitionDiff partitions, int compared)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return Write(w =>
        {
            w.WriteNumber("partitionsCompared", compared);
            Totals(w, partitions.Diff);
            Changes(w, partitions.Changes);
            w.WriteStartArray("brokers");
            foreach (BrokerTraffic t in partitions.Diff.Brokers)
            {
                w.WriteStartObject();
                w.WriteNumber("brokerId", t.BrokerId);
                w.WriteNumber("replicasIn", t.ReplicasIn);
                w.WriteNumber("replicasOut", t.ReplicasOut);
                w.WriteNumber("copiesServed", t.MovesServed);
                Nullable(w, "bytesIn", t.BytesIn);
                Nullable(w, "bytesOut", t.BytesOut);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("onlyInCurrent");
            foreach (PartitionReassignment e in partitions.OnlyInCurrent)
            {
                w.WriteStartObject();
                w.WriteString("topic", e.Topic);
                w.WriteNumber("partition", e.Partition);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>The <c>apply --format json</c> document: the plan, and with <c>--execute</c> the result.</summary>
    public static string Apply(ObservedCluster observed, string target, IReadOnlyCollection<int> offlineBrokers, ExecutionPlan plan, ReassignmentResult? result)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(plan);
        return Write(w =>
        {
            w.WriteNumber("brokers", observed.Cluster.Brokers.Length);
            w.WriteNumber("controllerId", observed.Description.ControllerId);
            w.WriteNumber("topics", observed.Assignment.Topics.Length);
            w.WriteString("target", target);
            Ids(w, "offlineBrokers", offlineBrokers);
            w.WriteBoolean("executed", result is not null);
            w.WritePropertyName("plan");
            w.WriteStartObject();
            PlanJson.WriteExecution(w, plan);
            w.WriteEndObject();
            if (result is null)
            {
                w.WriteNull("result");
                return;
            }

            w.WritePropertyName("result");
            w.WriteStartObject();
            w.WriteNumber("waves", result.WaveCount);
            Partitions(w, "submitted", result.Submitted);
            Partitions(w, "alreadyAtTarget", result.AlreadyAtTarget);
            Partitions(w, "adoptedInFlight", result.AdoptedInFlight);
            w.WriteNumber("throttlesDeleted", result.ThrottlesDeleted.Length);
            w.WriteNumber("throttlesRestored", result.ThrottlesRestored.Length);
            w.WriteStartArray("leaderElectionErrors");
            foreach (KafkaPartitionError e in result.LeaderElectionErrors)
            {
                w.WriteStringValue(e.ToString());
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Totals(Utf8JsonWriter w, ReassignmentDiff diff)
    {
        w.WriteNumber("partitionsTouched", diff.PartitionsTouched);
        w.WriteNumber("replicasAdded", diff.ReplicasMoved);
        w.WriteNumber("replicasRemoved", diff.ReplicasRemoved);
        w.WriteNumber("leaderChanges", diff.LeaderChanges);
        w.WriteNumber("orderOnlyChanges", diff.OrderOnlyChanges);
        Nullable(w, "bytesMoved", diff.BytesMoved);
    }

    private static void Changes(Utf8JsonWriter w, ImmutableArray<PartitionChange> changes)
    {
        w.WriteStartArray("changes");
        foreach (PartitionChange c in changes)
        {
            w.WriteStartObject();
            w.WriteString("topic", c.Topic);
            w.WriteNumber("partition", c.Partition);
            Ids(w, "current", c.Current);
            Ids(w, "target", c.Target);
            Ids(w, "added", c.Added);
            Ids(w, "removed", c.Removed);
            w.WriteBoolean("leaderChanged", c.LeaderChanged);
            w.WriteBoolean("orderOnly", c.OrderOnly);
            Nullable(w, "bytes", c.Bytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Partitions(Utf8JsonWriter w, string name, ImmutableArray<PartitionId> ids)
    {
        w.WriteStartArray(name);
        foreach (PartitionId p in ids)
        {
            w.WriteStartObject();
            w.WriteString("topic", p.Topic);
            w.WriteNumber("partition", p.Partition);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>WrongOrder</c> → <c>wrongOrder</c>.</summary>
    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
