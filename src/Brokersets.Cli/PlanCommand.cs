using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets plan --current KAFKA_JSON --brokersets FILE --topics FILE [--cluster FILE] [--overrides FILE]
/// [--strategy rack-aware|orion] [--step-size N] [--max-incoming N] [--max-outgoing N] [--max-bytes-in-flight B]
/// [--throttle-mbps X] [--sizes FILE] [--offline IDS] [--format table|kafka-json|json] [--output-dir DIR]</c>: the minimal-movement
/// target that brings the current assignment to the desired brokersets and topics
/// (<see cref="MinimalMovement.Rebalance"/>), and the waves that carry it out (<see cref="ExecutionPlan"/>).
/// </summary>
internal static class PlanCommand
{
    /// <summary>Prints the plan as JSON (<see cref="PlanJson"/>).</summary>
    public const string Json = "json";

    /// <summary>Builds the <c>plan</c> command.</summary>
    public static Command Create()
    {
        var shared = new DesiredState.Options
        {
            Current = new Option<string>("--current") { Description = "The cluster's current assignment: Kafka's reassignment JSON listing every partition of its topics (or --bootstrap-servers)", HelpName = "KAFKA_JSON" },
        };
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "Read the current assignment from a live cluster instead of --current (brokers holding replicas that the cluster does not list are taken as offline)", HelpName = "HOSTS" };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file for --bootstrap-servers (security.protocol, sasl.*, ssl.*)", HelpName = "FILE" };
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var maxIncoming = new Option<int?>("--max-incoming") { Description = $"Most new replicas one broker receives per wave (default {ExecutionOptions.DefaultMaxIncomingPerBroker})", HelpName = "N" };
        var maxOutgoing = new Option<int?>("--max-outgoing") { Description = $"Most copies one broker serves as leader per wave (default {ExecutionOptions.DefaultMaxOutgoingPerBroker})", HelpName = "N" };
        var maxBytes = new Option<long?>("--max-bytes-in-flight") { Description = "Most bytes copied per wave (needs --sizes; default no cap)", HelpName = "B" };
        var throttle = new Option<double?>("--throttle-mbps") { Description = "Replication throttle in MB/s (10^6 bytes/s) set on each wave's brokers; Kafka's --throttle takes bytes/s", HelpName = "X" };
        var sizes = new Option<string>("--sizes") { Description = "Partition sizes: JSON object {\"topic\": [bytes of partition 0, 1, ...]}", HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "table: figures, waves, throttles, leader election; kafka-json: the final target lists of the changed partitions; json: the whole plan", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlaceOptions.KafkaJson, Json);
        Option<string> offline = OfflineBrokers.CreateOption();
        var outputDir = new Option<string>("--output-dir") { Description = "Also write one Kafka JSON file per wave, the no-data-move step, the rollback file and the leader election file to DIR", HelpName = "DIR" };
        var command = new Command("plan", "Compute the minimal-movement target from the current assignment to the desired brokersets and topics, and the execution waves with their throttles.");
        shared.AddTo(command);
        command.Options.Add(maxIncoming);
        command.Options.Add(maxOutgoing);
        command.Options.Add(maxBytes);
        command.Options.Add(throttle);
        command.Options.Add(sizes);
        command.Options.Add(format);
        command.Options.Add(offline);
        command.Options.Add(outputDir);
        command.Options.Add(bootstrap);
        command.Options.Add(commandConfig);
        command.Options.Add(timeoutOption);
        command.SetAction(parseResult => Execute(
            CurrentOf(parseResult.GetValue(shared.Current), parseResult.GetValue(bootstrap), parseResult.GetValue(commandConfig), AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption))),
            shared.Read(parseResult),
            ExecutionOptionsOf(parseResult.GetValue(maxIncoming), parseResult.GetValue(maxOutgoing), parseResult.GetValue(maxBytes), parseResult.GetValue(throttle)),
            parseResult.GetValue(sizes),
            parseResult.GetValue(format) ?? PlaceOptions.Table,
            parseResult.GetValue(outputDir),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            OfflineBrokers.Parse(parseResult.GetValue(offline))));
        return command;
    }

    /// <summary>The execution options the limits name.</summary>
    /// <exception cref="UsageException">A limit or throttle that is not positive.</exception>
    public static ExecutionOptions ExecutionOptionsOf(int? maxIncoming, int? maxOutgoing, long? maxBytesInFlight, double? throttleMbps)
    {
        Positive("--max-incoming", maxIncoming);
        Positive("--max-outgoing", maxOutgoing);
        Positive("--max-bytes-in-flight", maxBytesInFlight);
        if (throttleMbps is { } t && (!double.IsFinite(t) || t <= 0 || t * 1e6 > long.MaxValue))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--throttle-mbps {t} is not a positive rate in MB/s."));
        }

        return new ExecutionOptions
        {
            MaxIncomingPerBroker = maxIncoming ?? 0,
            MaxOutgoingPerBroker = maxOutgoing ?? 0,
            MaxBytesInFlight = maxBytesInFlight ?? 0,
            ThrottleBytesPerSecond = throttleMbps is { } mbps ? Math.Max(1, (long)Math.Round(mbps * 1e6)) : 0,
        };
    }

    /// <summary>Runs <c>plan</c>.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="InputException">A file is missing or unreadable, or the output directory cannot be written.</exception>
    /// <exception cref="BrokersetsFormatException">A file is malformed.</exception>
    /// <exception cref="ArgumentException">The desired state cannot be reached from the current assignment (e.g. another partition count).</exception>
    public static int Execute(string currentPath, DesiredState desired, ExecutionOptions options, string? sizesPath, string format, string? outputDir, TextWriter stdout, TextWriter stderr, int[]? offline = null) =>
        Execute(new CurrentAssignment(InputFiles.Read(currentPath, ReassignmentJson.Read), currentPath, []), desired, options, sizesPath, format, outputDir, stdout, stderr, offline);

    /// <summary>The current assignment, where it came from, and the brokers found offline there.</summary>
    /// <param name="Assignment">The assignment.</param>
    /// <param name="Name">The file, or the bootstrap servers.</param>
    /// <param name="Offline">Brokers holding replicas that the live cluster does not list (none for a file).</param>
    internal sealed record CurrentAssignment(ClusterAssignment Assignment, string Name, int[] Offline);

    /// <summary>Reads <c>--current</c>, or the live cluster of <c>--bootstrap-servers</c> (exactly one of them).</summary>
    /// <exception cref="UsageException">Neither or both.</exception>
    /// <exception cref="InputException">The file is missing, or the properties file is wrong.</exception>
    /// <exception cref="ClusterReadException">The cluster cannot be reached or read (exit code <see cref="ExitCodes.ClusterError"/>).</exception>
    internal static CurrentAssignment CurrentOf(string? currentPath, string? bootstrapServers, string? commandConfig, TimeSpan? timeout)
    {
        if ((currentPath is null) == (bootstrapServers is null))
        {
            throw new UsageException("plan needs exactly one of --current KAFKA_JSON (a file) and --bootstrap-servers HOSTS (a live cluster).");
        }

        if (currentPath is not null)
        {
            return new CurrentAssignment(InputFiles.Read(currentPath, ReassignmentJson.Read), currentPath, []);
        }

        (Confluent.Kafka.AdminClientConfig config, TimeSpan operationTimeout) = AdminConnection.ReadConfig(bootstrapServers!, commandConfig, timeout);
        using Admin.ConfluentKafkaAdmin admin = AdminConnection.Connect(config, operationTimeout, commandConfig);
        try
        {
            Admin.ObservedCluster observed = new Admin.ClusterAdmin(admin).ReadClusterAsync(false, default).GetAwaiter().GetResult();
            return new CurrentAssignment(observed.Assignment, bootstrapServers!, ApplyCommand.OfflineOf(observed, []));
        }
        catch (Admin.KafkaAdminException e)
        {
            throw new ClusterReadException($"--bootstrap-servers {bootstrapServers}: cannot read the cluster: {ErrorMessages.OneLine(e)}", e);
        }
    }

    /// <summary>Runs <c>plan</c> on a current assignment already read.</summary>
    /// <returns>The exit code.</returns>
    internal static int Execute(CurrentAssignment read, DesiredState desired, ExecutionOptions options, string? sizesPath, string format, string? outputDir, TextWriter stdout, TextWriter stderr, int[]? offline = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(desired);
        offline = (offline ?? []).Concat(read.Offline).Distinct().Order().ToArray();
        string currentPath = read.Name;
        ClusterAssignment current = read.Assignment;
        PartitionSizes sizes = sizesPath is null ? PartitionSizes.Unknown : InputFiles.Read(sizesPath, PartitionSizesFile.Read);
        MovementTarget target = MinimalMovement.Rebalance(current, desired.Spec, desired.Strategy, sizes);
        ExecutionPlan plan = ExecutionPlan.Create(target.Diff, options, desired.Cluster, offline);
        string[] notInCurrent = desired.Spec.Topics.Select(t => t.Topic).Where(t => !current.TryGetTopic(t, out _)).ToArray();
        string[] written = outputDir is null ? [] : PlanFiles.Write(outputDir, plan);

        if (format == PlaceOptions.KafkaJson)
        {
            KafkaOutput.Write(KafkaOutput.ChangedPartitions(target.Diff), stdout, stderr);
        }
        else if (format == Json)
        {
            stdout.WriteLine(PlanJson.Write(target, plan));
        }
        else
        {
            WriteTable(desired, target, plan, stdout);
        }

        TextWriter notes = format == PlaceOptions.Table ? stdout : stderr;
        if (offline.Length > 0)
        {
            notes.WriteLine($"note: offline brokers {string.Join(",", offline.Select(DiffCommand.Str))}: copies are served by live replicas; no throttle or election names them");
        }

        foreach (string warning in OfflineBrokers.ReplacementWarnings(target.Diff, offline, desired.Cluster))
        {
            stderr.WriteLine(warning);
        }

        foreach (string topic in notInCurrent)
        {
            notes.WriteLine($"note: topic '{topic}' is in the topic file but not in {currentPath}: create it (not planned)");
        }

        foreach (string file in written)
        {
            notes.WriteLine("wrote " + file);
        }

        return ExitCodes.Success;
    }

    private static void WriteTable(DesiredState desired, MovementTarget target, ExecutionPlan plan, TextWriter stdout)
    {
        stdout.WriteLine($"strategy: {desired.Strategy}{(desired.Overrides.Count > 0 ? "; overrides: " + desired.Overrides : string.Empty)}");
        stdout.Write(target.ToString());
        ExecutionOptions o = plan.Options;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"execution plan: {plan.Waves.Length} wave{(plan.Waves.Length == 1 ? "" : "s")}, {plan.MoveCount} moves, {Bytes(plan.Bytes)}, cross-rack {Bytes(plan.CrossRackBytes)}, eta {Eta(plan.Eta)}; at most {o.EffectiveMaxIncoming} incoming and {o.EffectiveMaxOutgoing} outgoing copies per broker per wave{(o.MaxBytesInFlight > 0 ? $", {o.MaxBytesInFlight} bytes in flight" : string.Empty)}, throttle {Throttle(o.ThrottleBytesPerSecond)}"));
        foreach (Wave wave in plan.Waves)
        {
            stdout.Write(wave.ToString());
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  throttle {Throttle(wave.ThrottleBytesPerSecond)} on brokers {string.Join(",", wave.ThrottledBrokers.Select(DiffCommand.Str))} (leader/follower.replication.throttled.rate)"));
            foreach (TopicThrottle t in wave.Throttles)
            {
                stdout.WriteLine($"  {t.Topic}: leader.replication.throttled.replicas={t.LeaderReplicas} follower.replication.throttled.replicas={t.FollowerReplicas}");
            }
        }

        if (!plan.FinalReassignments.IsEmpty)
        {
            stdout.WriteLine("then submit (no data moves)");
            var table = new TextColumns(["topic", "partition", "replicas"], 1);
            foreach (PartitionReassignment r in plan.FinalReassignments)
            {
                table.Add(r.Topic, DiffCommand.Str(r.Partition), DiffCommand.Join(r.Replicas));
            }

            table.WriteTo(stdout);
        }

        if (!plan.LeaderElections.IsEmpty)
        {
            stdout.WriteLine("then elect preferred leaders (kafka-leader-election --election-type PREFERRED)");
            var table = new TextColumns(["topic", "partition", "leader", "preferred"], 1, 2, 3);
            foreach (LeaderElection l in plan.LeaderElections)
            {
                table.Add(l.Topic, DiffCommand.Str(l.Partition), DiffCommand.Str(l.CurrentLeader), DiffCommand.Str(l.PreferredLeader));
            }

            table.WriteTo(stdout);
        }
    }

    private static string Throttle(long bytesPerSecond) =>
        bytesPerSecond > 0 ? bytesPerSecond.ToString(CultureInfo.InvariantCulture) + " B/s" : "none (--throttle-mbps)";

    private static string Bytes(long? bytes) => bytes is { } b ? b.ToString(CultureInfo.InvariantCulture) + " bytes" : "bytes unknown (--sizes)";

    private static string Eta(TimeSpan? eta) => eta is { } e ? ((long)Math.Ceiling(e.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s" : "?";

    private static void Positive(string name, long? value)
    {
        if (value is { } v && v <= 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name} {v} is not positive."));
        }
    }
}
