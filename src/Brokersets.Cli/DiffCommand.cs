using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets diff --current KAFKA_JSON --target KAFKA_JSON [--format table|kafka-json|json]</c>: what changes from one
/// Kafka reassignment file to another, per (topic, partition). Partitions only in the current file are left as they
/// are and reported; a target partition missing from the current file is an error.
/// </summary>
internal static class DiffCommand
{
    /// <summary>Builds the <c>diff</c> command.</summary>
    public static Command Create()
    {
        var current = new Option<string>("--current") { Description = "The current assignment (Kafka's reassignment JSON; any subset of partitions), or --bootstrap-servers", HelpName = "KAFKA_JSON" };
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "Read the current assignment from a live cluster instead of --current", HelpName = "HOSTS" };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file for --bootstrap-servers (security.protocol, sasl.*, ssl.*)", HelpName = "FILE" };
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var target = new Option<string>("--target") { Description = "The target assignment (Kafka's reassignment JSON); every partition must be in --current", HelpName = "KAFKA_JSON", Required = true };
        var format = new Option<string>("--format") { Description = "table: per-partition changes and totals; kafka-json: the changed partitions' target lists, for kafka-reassign-partitions --execute; json: changes, totals and per-broker traffic (schema in docs/json-output.md)", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlaceOptions.KafkaJson, PlanCommand.Json);
        var command = new Command("diff", "Compare two Kafka reassignment files per partition: replicas added, removed, leader changes; or print the changed partitions as Kafka JSON.")
        {
            current, target, format, bootstrap, commandConfig, timeoutOption,
        };
        command.SetAction(parseResult => Execute(
            CurrentOf(parseResult.GetValue(current), parseResult.GetValue(bootstrap), parseResult.GetValue(commandConfig), AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption))),
            parseResult.GetValue(target)!,
            parseResult.GetValue(format) ?? PlaceOptions.Table,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs <c>diff</c>.</summary>
    /// <returns>The exit code (0: the files were compared, whether or not anything changes).</returns>
    /// <exception cref="InputException">A file is missing or unreadable, or a target partition is not in the current file.</exception>
    /// <exception cref="BrokersetsFormatException">A file is malformed (Kafka's checks: duplicates, empty lists, negative ids, …).</exception>
    public static int Execute(string currentPath, string targetPath, string format, TextWriter stdout, TextWriter stderr) =>
        Execute((InputFiles.Read(currentPath, ReassignmentJson.ReadPartitions), currentPath), targetPath, format, stdout, stderr);

    /// <summary>The <c>--current</c> file's entries, or the live cluster's (every partition), with the name used in messages.</summary>
    private static (ImmutableArray<PartitionReassignment> Entries, string Name) CurrentOf(string? currentPath, string? bootstrapServers, string? commandConfig, TimeSpan? timeout)
    {
        if ((currentPath is null) == (bootstrapServers is null))
        {
            throw new UsageException("diff needs exactly one of --current KAFKA_JSON (a file) and --bootstrap-servers HOSTS (a live cluster).");
        }

        if (currentPath is not null)
        {
            return (InputFiles.Read(currentPath, ReassignmentJson.ReadPartitions), currentPath);
        }

        PlanCommand.CurrentAssignment live = PlanCommand.CurrentOf(null, bootstrapServers, commandConfig, timeout);
        var entries = ImmutableArray.CreateBuilder<PartitionReassignment>();
        foreach (TopicAssignment t in live.Assignment.Topics)
        {
            for (int p = 0; p < t.PartitionCount; p++)
            {
                entries.Add(new PartitionReassignment(t.Topic, p, ImmutableArray.Create(t[p].ToArray())));
            }
        }

        return (entries.ToImmutable(), bootstrapServers!);
    }

    private static int Execute((ImmutableArray<PartitionReassignment> Entries, string Name) read, string targetPath, string format, TextWriter stdout, TextWriter stderr)
    {
        ImmutableArray<PartitionReassignment> current = read.Entries;
        string currentPath = read.Name;
        ImmutableArray<PartitionReassignment> target = InputFiles.Read(targetPath, ReassignmentJson.ReadPartitions);
        PartitionDiff diff = PartitionDiff.Create(current, target, currentPath, targetPath);
        if (format == PlaceOptions.KafkaJson)
        {
            KafkaOutput.Write(diff.ChangedPartitions, stdout, stderr);
            return ExitCodes.Success;
        }

        if (format == PlanCommand.Json)
        {
            stdout.WriteLine(ReportJson.Diff(diff, target.Length));
            return ExitCodes.Success;
        }

        WriteTable(diff, target.Length, stdout);
        return ExitCodes.Success;
    }

    private static void WriteTable(PartitionDiff partitions, int compared, TextWriter stdout)
    {
        ReassignmentDiff diff = partitions.Diff;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"diff: {diff.PartitionsTouched} of {compared} target partitions change: {diff.ReplicasMoved} replicas added (copied), {diff.ReplicasRemoved} removed, {diff.LeaderChanges} preferred-leader changes, {diff.OrderOnlyChanges} order-only"));
        if (!diff.IsEmpty)
        {
            var table = new TextColumns(["topic", "partition", "current", "target", "added", "removed", "leader"], 1);
            foreach (PartitionChange c in partitions.Changes)
            {
                table.Add(c.Topic, Str(c.Partition), Join(c.Current), Join(c.Target), Join(c.Added), Join(c.Removed),
                    c.LeaderChanged ? $"{Str(c.Current[0])}→{Str(c.Target[0])}" : c.OrderOnly ? "(order only)" : string.Empty);
            }

            table.WriteTo(stdout);
            stdout.WriteLine("per broker (a new replica copies from the partition's current leader)");
            var brokers = new TextColumns(["broker", "replicas in", "replicas out", "copies served"], 0, 1, 2, 3);
            foreach (BrokerTraffic t in diff.Brokers)
            {
                brokers.Add(Str(t.BrokerId), Str(t.ReplicasIn), Str(t.ReplicasOut), Str(t.MovesServed));
            }

            brokers.WriteTo(stdout);
        }

        if (!partitions.OnlyInCurrent.IsEmpty)
        {
            stdout.WriteLine($"only in current (not reassigned, left as they are): {string.Join(", ", partitions.OnlyInCurrent.Select(e => $"{e.Topic}-{Str(e.Partition)}"))}");
        }
    }

    /// <summary>An integer in invariant culture.</summary>
    internal static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Broker ids joined by commas.</summary>
    internal static string Join(ImmutableArray<int> ids) => ids.IsDefaultOrEmpty ? string.Empty : string.Join(",", ids.Select(Str));
}
