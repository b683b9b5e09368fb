using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using static Brokersets.Cli.JsonFields;

namespace Brokersets.Cli;

/// <summary>
/// <c>plan --format json</c>: the movement figures (replicas moved, <c>lowerBound</c> for the per-topic guarantees,
/// <c>crossTopicLowerBound</c> with cross-topic balance or <c>null</c>, leader changes, the failover spread of the
/// changed topics as <c>minSuccessors</c> and <c>maxLeadersGained</c>, from scratch, and per topic), every wave (moves, the lists to submit, throttle rate, throttled
/// brokers and replicas, bytes, ETA), the no-data-move step and the leader elections, as one indented JSON object.
/// Unknown bytes and ETAs are <c>null</c>; ETAs are in seconds.
/// </summary>
internal static class PlanJson
{
    /// <summary>Renders <paramref name="target"/> and <paramref name="plan"/>.</summary>
    public static string Write(MovementTarget target, ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(plan);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("replicasMoved", target.ReplicasMoved);
            w.WriteNumber("lowerBound", target.LowerBound);
            if (target.CrossTopicLowerBound is { } cross)
            {
                w.WriteNumber("crossTopicLowerBound", cross);
            }
            else
            {
                w.WriteNull("crossTopicLowerBound");
            }

            w.WriteNumber("leaderChanges", target.LeaderChanges);
            w.WriteNumber("minSuccessors", target.MinSuccessors);
            w.WriteNumber("maxLeadersGained", target.MaxLeadersGained);
            w.WriteNumber("fromScratchMoved", target.FromScratchMoved);
            w.WriteStartArray("topics");
            foreach (TopicMovement t in target.Topics)
            {
                w.WriteStartObject();
                w.WriteString("topic", t.Topic);
                w.WriteBoolean("changed", t.Changed);
                w.WriteNumber("replicasMoved", t.ReplicasMoved);
                w.WriteNumber("lowerBound", t.LowerBound);
                w.WriteNumber("leaderChanges", t.LeaderChanges);
                w.WriteNumber("fromScratchMoved", t.FromScratchMoved);
                w.WriteString("method", t.Method);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteExecution(w, plan);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the execution plan's fields (limits, throttle, bytes, ETA, waves, final step, leader elections) into the open object.</summary>
    internal static void WriteExecution(Utf8JsonWriter w, ExecutionPlan plan)
    {
        w.WriteNumber("maxIncomingPerBroker", plan.Options.EffectiveMaxIncoming);
        w.WriteNumber("maxOutgoingPerBroker", plan.Options.EffectiveMaxOutgoing);
        w.WriteNumber("throttleBytesPerSecond", plan.Options.ThrottleBytesPerSecond);
        Nullable(w, "bytes", plan.Bytes);
        Nullable(w, "crossRackBytes", plan.CrossRackBytes);
        Nullable(w, "etaSeconds", Seconds(plan.Eta));
        w.WriteStartArray("waves");
        foreach (Wave wave in plan.Waves)
        {
            WriteWave(w, wave);
        }

        w.WriteEndArray();
        w.WritePropertyName("final");
        Reassignments(w, plan.FinalReassignments);
        w.WriteStartArray("leaderElections");
        foreach (LeaderElection e in plan.LeaderElections)
        {
            w.WriteStartObject();
            w.WriteString("topic", e.Topic);
            w.WriteNumber("partition", e.Partition);
            w.WriteNumber("currentLeader", e.CurrentLeader);
            w.WriteNumber("preferredLeader", e.PreferredLeader);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteWave(Utf8JsonWriter w, Wave wave)
    {
        w.WriteStartObject();
        w.WriteNumber("number", wave.Number);
        w.WriteStartArray("moves");
        foreach (ReplicaMove m in wave.Moves)
        {
            w.WriteStartObject();
            w.WriteString("topic", m.Topic);
            w.WriteNumber("partition", m.Partition);
            w.WriteNumber("from", m.SourceBrokerId);
            w.WriteNumber("to", m.BrokerId);
            Nullable(w, "bytes", m.Bytes);
            if (m.CrossRack is { } x)
            {
                w.WriteBoolean("crossRack", x);
            }
            else
            {
                w.WriteNull("crossRack");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("reassignment");
        Reassignments(w, wave.Reassignments);
        w.WriteNumber("throttleBytesPerSecond", wave.ThrottleBytesPerSecond);
        Ids(w, "throttledBrokers", wave.ThrottledBrokers);
        w.WriteStartArray("throttledReplicas");
        foreach (TopicThrottle t in wave.Throttles)
        {
            w.WriteStartObject();
            w.WriteString("topic", t.Topic);
            w.WriteString("leader.replication.throttled.replicas", t.LeaderReplicas);
            w.WriteString("follower.replication.throttled.replicas", t.FollowerReplicas);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Nullable(w, "bytes", wave.Bytes);
        Nullable(w, "crossRackBytes", wave.CrossRackBytes);
        Nullable(w, "etaSeconds", Seconds(wave.Eta));
        w.WriteEndObject();
    }

    /// <summary>Writes the entries as a Kafka reassignment JSON object (sorted as Kafka sorts).</summary>
    private static void Reassignments(Utf8JsonWriter w, IEnumerable<PartitionReassignment> entries)
    {
        using JsonDocument kafka = JsonDocument.Parse(Serialization.ReassignmentJson.Write(KafkaOutput.Sorted(entries)));
        kafka.RootElement.WriteTo(w);
    }

    private static long? Seconds(TimeSpan? eta) => eta is { } e ? (long)Math.Ceiling(e.TotalSeconds) : null;
}
