using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin;
using Brokersets.Serialization;
using static Brokersets.Cli.JsonFields;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets status --bootstrap-servers HOSTS [--command-config FILE] [--include REGEX] [--exclude REGEX]</c>: the
/// reassignments in flight (replicas, adding, removing) and the replication throttles still set on brokers and
/// topics; and <c>brokersets cancel</c>, which cancels the moves in flight (KIP-455) and prints what it cancelled.
/// </summary>
internal static class StatusCommand
{
    /// <summary>The throttle configs <c>status</c> reports.</summary>
    private static readonly string[] ThrottleConfigs =
    [
        "leader.replication.throttled.rate", "follower.replication.throttled.rate",
        "leader.replication.throttled.replicas", "follower.replication.throttled.replicas",
    ];

    /// <summary>Builds the <c>status</c> command.</summary>
    public static Command CreateStatus()
    {
        var format = new Option<string>("--format") { Description = "table, or json (schema in docs/json-output.md)", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlanCommand.Json);
        string chosen = PlaceOptions.Table;
        Command command = Create("status",
            "Show the reassignments in flight (replicas, adding, removing) and the replication throttles still set. Kafka does not report bytes copied; the throttles show what paces the copies.",
            (admin, topics, stdout, token) => StatusAsync(admin, topics, stdout, token, chosen == PlanCommand.Json),
            parseResult => chosen = parseResult.GetValue(format) ?? PlaceOptions.Table);
        command.Options.Add(format);
        return command;
    }

    /// <summary>Builds the <c>cancel</c> command.</summary>
    public static Command CreateCancel()
    {
        var startedFrom = new Option<string>("--started-from")
        {
            Description = "Kafka JSON with each partition's replicas before the move (the plan's rollback.json, or an export taken before): partitions the controller reverted in another order (KRaft sorts the replicas being removed) are set back to exactly that list and their preferred leaders elected",
            HelpName = "KAFKA_JSON",
        };
        ImmutableArray<PartitionReassignment>? before = null;
        string? beforePath = null;
        Command command = Create("cancel",
            "Cancel the reassignments in flight (all, or those of the --include/--exclude topics): each partition goes back to the replicas it had before the move; with --started-from, in exactly their old order. Throttles are left for 'status' to show.",
            (admin, topics, stdout, token) => CancelAsync(admin, topics, stdout, token, before, beforePath),
            parseResult =>
            {
                beforePath = parseResult.GetValue(startedFrom);
                before = beforePath is null ? null : InputFiles.Read(beforePath, ReassignmentJson.ReadPartitions);
            });
        command.Options.Add(startedFrom);
        return command;
    }

    private static Command Create(string name, string description, Func<ConfluentKafkaAdmin, TopicFilter, TextWriter, CancellationToken, Task<int>> run, Action<ParseResult>? read = null)
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "The cluster's bootstrap servers (host:port,…)", HelpName = "HOSTS", Required = true };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file (security.protocol, sasl.*, ssl.*, default.api.timeout.ms)", HelpName = "FILE" };
        var filter = new TopicFilter.Options();
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var command = new Command(name, description) { bootstrap, commandConfig, timeoutOption, filter.Include, filter.Exclude };
        command.SetAction(parseResult =>
        {
            TopicFilter topics = filter.Read(parseResult) with { IncludeInternal = true };
            read?.Invoke(parseResult);
            string? properties = parseResult.GetValue(commandConfig);
            (Confluent.Kafka.AdminClientConfig config, TimeSpan timeout) = AdminConnection.ReadConfig(parseResult.GetValue(bootstrap)!, properties, AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption)));
            TextWriter stdout = parseResult.InvocationConfiguration.Output;
            TextWriter stderr = parseResult.InvocationConfiguration.Error;
            return ApplyCommand.RunWithCtrlC(async token =>
            {
                using ConfluentKafkaAdmin admin = AdminConnection.Connect(config, timeout, properties);
                try
                {
                    return await run(admin, topics, stdout, token).ConfigureAwait(false);
                }
                catch (KafkaAdminException e)
                {
                    stderr.WriteLine("error: " + ErrorMessages.OneLine(e));
                    return ExitCodes.ClusterError;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    stderr.WriteLine("error: cancelled");
                    return ExitCodes.Cancelled;
                }
            });
        });
        return command;
    }

    /// <summary>Prints the moves in flight and the throttles set.</summary>
    internal static async Task<int> StatusAsync(IKafkaAdmin admin, TopicFilter topics, TextWriter stdout, CancellationToken cancellationToken, bool json = false)
    {
        ImmutableArray<InFlightReassignment> moves = await new ClusterAdmin(admin).ListReassignmentsAsync(null, cancellationToken).ConfigureAwait(false);
        InFlightReassignment[] shown = moves.Where(m => topics.Takes(m.Topic)).OrderBy(m => m.Topic, StringComparer.Ordinal).ThenBy(m => m.Partition).ToArray();
        ConfigValue[] set = await ThrottlesAsync(admin, topics, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            stdout.WriteLine(StatusJson(shown, set));
            return ExitCodes.Success;
        }
        if (shown.Length == 0)
        {
            stdout.WriteLine("no reassignment in progress");
        }
        else
        {
            stdout.WriteLine($"{Count(shown.Length, "reassignment")} in progress:");
            var table = new TextColumns(["topic", "partition", "replicas", "adding", "removing", "target"], 1);
            foreach (InFlightReassignment m in shown)
            {
                table.Add(m.Topic, DiffCommand.Str(m.Partition), DiffCommand.Join(m.Replicas), Or(m.Adding), Or(m.Removing), DiffCommand.Join(m.Target));
            }

            table.WriteTo(stdout);
        }

        if (set.Length == 0)
        {
            stdout.WriteLine("no replication throttle set");
        }
        else
        {
            stdout.WriteLine($"{Count(set.Length, "replication throttle")} set (remove once no move needs them: kafka-configs --alter --delete-config …):");
            foreach (ConfigValue v in set)
            {
                string shownValue = v.Name.EndsWith(".rate", StringComparison.Ordinal) && long.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long rate)
                    ? $"{rate.ToString(CultureInfo.InvariantCulture)} B/s ({(rate / 1e6).ToString("0.###", CultureInfo.InvariantCulture)} MB/s)"
                    : v.Value!;
                stdout.WriteLine($"  {(v.Kind == ConfigResourceKind.Broker ? "broker" : "topic")} {v.ResourceName}: {v.Name}={shownValue}{(v.IsClusterDefault ? " (cluster default)" : "")}");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>The throttle configs set: every live broker's rates, every topic's throttled-replica lists (dynamic values only).</summary>
    private static async Task<ConfigValue[]> ThrottlesAsync(IKafkaAdmin admin, TopicFilter topics, CancellationToken cancellationToken)
    {
        KafkaClusterDescription cluster = await admin.DescribeClusterAsync(cancellationToken).ConfigureAwait(false);
        ImmutableArray<string> names = await admin.ListTopicsAsync(false, cancellationToken).ConfigureAwait(false);
        var resources = cluster.Nodes.OrderBy(n => n.Id).Select(n => (ConfigResourceKind.Broker, n.Id.ToString(CultureInfo.InvariantCulture)))
            .Concat(names.Where(t => topics.Takes(t)).Select(t => (ConfigResourceKind.Topic, t))).ToList();
        ImmutableArray<ConfigValue> values = await admin.DescribeConfigsAsync(resources, ThrottleConfigs, cancellationToken).ConfigureAwait(false);
        return values.Where(v => ThrottleConfigs.Contains(v.Name) && !string.IsNullOrEmpty(v.Value)).ToArray();
    }

    /// <summary>The <c>status --format json</c> document (schema: docs/json-output.md).</summary>
    internal static string StatusJson(IReadOnlyList<InFlightReassignment> moves, IReadOnlyList<ConfigValue> throttles)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("reassignments");
            foreach (InFlightReassignment m in moves)
            {
                w.WriteStartObject();
                w.WriteString("topic", m.Topic);
                w.WriteNumber("partition", m.Partition);
                Ids(w, "replicas", m.Replicas);
                Ids(w, "adding", m.Adding);
                Ids(w, "removing", m.Removing);
                Ids(w, "target", m.Target);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("throttles");
            foreach (ConfigValue v in throttles)
            {
                w.WriteStartObject();
                w.WriteString("resource", v.Kind == ConfigResourceKind.Broker ? "broker" : "topic");
                w.WriteString("name", v.ResourceName);
                w.WriteString("config", v.Name);
                w.WriteString("value", v.Value);
                if (v.Name.EndsWith(".rate", StringComparison.Ordinal) && long.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long rate))
                {
                    w.WriteNumber("bytesPerSecond", rate);
                }
                else
                {
                    w.WriteNull("bytesPerSecond");
                }

                w.WriteBoolean("clusterDefault", v.IsClusterDefault);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Cancels the moves in flight of the filter's topics. With <paramref name="startedFrom"/> (the lists before the move),
    /// every cancelled partition that file names is checked and set back to its exact old order
    /// (<see cref="ClusterAdmin.CancelReassignmentsAsync(ImmutableArray{PartitionTarget}, CancellationToken)"/>);
    /// without it, the note says that KRaft may have changed a preferred leader.
    /// </summary>
    internal static async Task<int> CancelAsync(IKafkaAdmin admin, TopicFilter topics, TextWriter stdout, CancellationToken cancellationToken, ImmutableArray<PartitionReassignment>? startedFrom = null, string? startedFromPath = null)
    {
        var cluster = new ClusterAdmin(admin);
        ImmutableArray<InFlightReassignment> moves = await cluster.ListReassignmentsAsync(null, cancellationToken).ConfigureAwait(false);
        PartitionId[] inFlight = moves.Where(m => topics.Takes(m.Topic)).Select(m => m.Id).ToArray();
        if (inFlight.Length == 0)
        {
            stdout.WriteLine(topics.Include is null && topics.Exclude is null
                ? "no reassignment in progress; nothing cancelled"
                : "no reassignment in progress for those topics; nothing cancelled");
            return ExitCodes.Success;
        }

        var cancelled = new List<PartitionId>();
        ImmutableArray<RestoredOrder> restored = [];
        ImmutableArray<KafkaPartitionError> electionErrors = [];
        PartitionId[] unverified = inFlight;
        if (startedFrom is { } lists)
        {
            var wanted = inFlight.ToHashSet();
            ImmutableArray<PartitionTarget> known = [.. lists
                .Where(p => wanted.Contains(new PartitionId(p.Topic, p.Partition)))
                .Select(p => PartitionTarget.Create(p.Topic, p.Partition, p.Replicas))];
            var named = known.Select(t => t.Id).ToHashSet();
            unverified = inFlight.Where(id => !named.Contains(id)).ToArray();
            if (!known.IsEmpty)
            {
                CancelResult result = await cluster.CancelReassignmentsAsync(known, cancellationToken).ConfigureAwait(false);
                cancelled.AddRange(result.Cancelled);
                restored = result.Restored;
                electionErrors = result.LeaderElectionErrors;
            }
        }

        if (unverified.Length > 0)
        {
            cancelled.AddRange(await cluster.CancelReassignmentsAsync(unverified, cancellationToken).ConfigureAwait(false));
        }

        stdout.WriteLine(cancelled.Count == 0 ? "no reassignment in progress; nothing cancelled" : $"cancelled {Count(cancelled.Count, "reassignment")}:");
        foreach (PartitionId id in cancelled.OrderBy(c => c.Topic, StringComparer.Ordinal).ThenBy(c => c.Partition))
        {
            stdout.WriteLine("  " + id);
        }

        if (!restored.IsEmpty)
        {
            stdout.WriteLine($"replica order set back after the cancel ({Count(restored.Length, "partition")}, preferred leaders elected):");
            foreach (RestoredOrder r in restored)
            {
                stdout.WriteLine("  " + r);
            }
        }

        foreach (KafkaPartitionError e in electionErrors)
        {
            stdout.WriteLine("  election failed: " + e);
        }

        if (startedFrom is not null && unverified.Length > 0 && cancelled.Count > 0)
        {
            stdout.WriteLine($"note: {Count(unverified.Length, "cancelled partition")} not in {startedFromPath}: order not checked ({string.Join(", ", unverified.Take(5))}{(unverified.Length > 5 ? ", …" : "")})");
        }
        else if (startedFrom is null && cancelled.Count > 0)
        {
            stdout.WriteLine("note: Kafka's KRaft controller puts the replicas being removed back in ascending order, so a partition's preferred leader may have changed; pass --started-from rollback.json (written by plan --output-dir) to set the exact lists back");
        }

        return ExitCodes.Success;
    }

    private static string Or(ImmutableArray<int> ids) => ids.IsDefaultOrEmpty ? "-" : DiffCommand.Join(ids);

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
