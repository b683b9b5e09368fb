using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// <c>brokersets export --bootstrap-servers HOSTS [--command-config FILE] [--include REGEX] [--exclude REGEX]
/// [--include-internal] [--output FILE] [--sizes FILE]</c>: the live cluster's assignment as Kafka's reassignment JSON
/// (every partition of every topic taken), the <c>--current</c> file of <c>plan</c>, <c>diff</c> and <c>audit</c>; with
/// <c>--sizes</c>, also the partition sizes from DescribeLogDirs as the <c>--sizes</c> file of <c>plan</c>.
/// </summary>
/// <remarks>
/// A partition's size is its leader's replica size: every new replica copies the leader's log (Kafka's followers fetch
/// from the leader only), so those are the bytes a move copies; a follower can lag behind or hold segments retention
/// has not yet deleted. When the leader reported no size (no leader, or its log directory offline), the largest size
/// another replica reported is taken. Future logs (a move between log directories of one broker) are ignored.
/// </remarks>
internal static class ExportCommand
{
    /// <summary>Builds the <c>export</c> command.</summary>
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "The cluster's bootstrap servers (host:port,…)", HelpName = "HOSTS", Required = true };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file (security.protocol, sasl.*, ssl.*, default.api.timeout.ms)", HelpName = "FILE" };
        var output = new Option<string>("--output") { Description = "Write the JSON to FILE instead of stdout", HelpName = "FILE" };
        var sizes = new Option<string>("--sizes") { Description = "Also write the partition sizes (DescribeLogDirs; each partition's leader replica) to FILE, the --sizes file of plan", HelpName = "FILE" };
        var filter = new TopicFilter.Options();
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var command = new Command("export", "Write the live cluster's replica assignment as Kafka's reassignment JSON (the --current file of plan, diff and audit). Internal topics (names starting with _) are left out unless --include-internal.")
        {
            bootstrap, commandConfig, timeoutOption, output, sizes,
        };
        filter.AddTo(command);
        command.SetAction(parseResult =>
        {
            TopicFilter topics = filter.Read(parseResult);
            using var cancel = new CancellationTokenSource();
            return ExecuteAsync(parseResult.GetValue(bootstrap)!, parseResult.GetValue(commandConfig), topics, parseResult.GetValue(output),
                parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancel.Token, AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption)), parseResult.GetValue(sizes)).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Runs <c>export</c>.</summary>
    /// <returns>0, or <see cref="ExitCodes.ClusterError"/> when the cluster cannot be read.</returns>
    /// <exception cref="InputException">The properties file is wrong, or an output file cannot be written.</exception>
    public static async Task<int> ExecuteAsync(string bootstrapServers, string? commandConfig, TopicFilter topics, string? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, TimeSpan? timeout = null, string? sizesOutput = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        (Confluent.Kafka.AdminClientConfig config, TimeSpan operationTimeout) = AdminConnection.ReadConfig(bootstrapServers, commandConfig, timeout);
        using ConfluentKafkaAdmin admin = AdminConnection.Connect(config, operationTimeout, commandConfig);
        ObservedCluster observed;
        ImmutableArray<ReplicaLogSize> logSizes = ImmutableArray<ReplicaLogSize>.Empty;
        try
        {
            observed = await new ClusterAdmin(admin).ReadClusterAsync(topics.IncludeInternal, cancellationToken).ConfigureAwait(false);
            if (sizesOutput is not null)
            {
                logSizes = await admin.DescribeLogDirsAsync(observed.Partitions.Where(p => topics.Takes(p.Topic)).Select(p => new PartitionId(p.Topic, p.Partition)).ToList(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (KafkaAdminException e)
        {
            stderr.WriteLine("error: " + ErrorMessages.OneLine(e));
            return ExitCodes.ClusterError;
        }

        // A topic in the middle of a reassignment has uneven replica lists; its partitions are written as Kafka reports
        // them (target, then the replicas being removed), with a warning.
        var partitions = new List<PartitionReassignment>();
        foreach (ObservedPartition p in observed.Partitions.Where(p => topics.Takes(p.Topic)))
        {
            partitions.Add(new PartitionReassignment(p.Topic, p.Partition, p.Replicas));
        }

        foreach (string topic in observed.TopicsInFlux.Where(t => topics.Takes(t)))
        {
            stderr.WriteLine($"warning: topic '{topic}' is being reassigned (uneven replica counts); its lists are written as the cluster reports them: export again once the move is done");
        }

        string json = ReassignmentJson.Write(KafkaOutput.Sorted(partitions));
        if (output is null)
        {
            stdout.WriteLine(json);
        }
        else
        {
            Write(output, json);
            stderr.WriteLine($"wrote {output}: {partitions.Count} partitions of {partitions.Select(p => p.Topic).Distinct().Count()} topics");
        }

        if (sizesOutput is not null)
        {
            (List<KeyValuePair<string, IReadOnlyList<long>>> sizes, int fromLeader, int fromFollower, List<string> unknown) =
                PartitionSizesOf(observed.Partitions.Where(p => topics.Takes(p.Topic)), logSizes);
            foreach (string problem in unknown)
            {
                stderr.WriteLine("warning: " + problem);
            }

            Write(sizesOutput, PartitionSizesFile.Write(sizes));
            stderr.WriteLine($"wrote {sizesOutput}: sizes of {fromLeader + fromFollower} partitions of {sizes.Count} topics ({fromLeader} from the leader's replica, {fromFollower} from another replica)");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Each partition's size: its leader's replica, else the largest other replica reported. A topic's list stops at
    /// its first partition without a size (the sizes file has no gaps), and each such cut is described.
    /// </summary>
    internal static (List<KeyValuePair<string, IReadOnlyList<long>>> Sizes, int FromLeader, int FromFollower, List<string> Unknown) PartitionSizesOf(
        IEnumerable<ObservedPartition> partitions, IReadOnlyList<ReplicaLogSize> logSizes)
    {
        var byReplica = new Dictionary<(string Topic, int Partition, int Broker), long>();
        foreach (ReplicaLogSize s in logSizes)
        {
            var key = (s.Topic, s.Partition, s.BrokerId);
            byReplica[key] = Math.Max(s.Bytes, byReplica.GetValueOrDefault(key, -1));
        }

        var sizes = new List<KeyValuePair<string, IReadOnlyList<long>>>();
        var unknown = new List<string>();
        int fromLeader = 0, fromFollower = 0;
        foreach (IGrouping<string, ObservedPartition> topic in partitions.GroupBy(p => p.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = new List<long>();
            List<ObservedPartition> ordered = topic.OrderBy(p => p.Partition).ToList();
            foreach (ObservedPartition p in ordered)
            {
                bool hasLeader = byReplica.TryGetValue((p.Topic, p.Partition, p.Leader), out long size);
                if (!hasLeader)
                {
                    size = p.Replicas.Select(b => byReplica.GetValueOrDefault((p.Topic, p.Partition, b), -1)).DefaultIfEmpty(-1).Max();
                }

                if (p.Partition != list.Count || size < 0)
                {
                    break; // no size (or a partition the cluster did not describe): the list cannot have a gap
                }

                if (size > PartitionSizesFile.MaxPartitionBytes)
                {
                    unknown.Add(string.Create(CultureInfo.InvariantCulture, $"topic '{p.Topic}' partition {p.Partition}: reported size {size} bytes is above the 1 PiB plan reads"));
                    break;
                }

                list.Add(size);
                _ = hasLeader ? fromLeader++ : fromFollower++;
            }

            if (list.Count < ordered.Count)
            {
                ObservedPartition cut = ordered[list.Count];
                if (!unknown.Any(u => u.StartsWith($"topic '{cut.Topic}' ", StringComparison.Ordinal)))
                {
                    unknown.Add(string.Create(CultureInfo.InvariantCulture,
                        $"topic '{cut.Topic}' partition {cut.Partition}: no replica reported a size (leader {cut.Leader}, replicas {string.Join(",", cut.Replicas)})"));
                }

                unknown[^1] += string.Create(CultureInfo.InvariantCulture,
                    $"; partitions {cut.Partition}-{ordered[^1].Partition} of '{cut.Topic}' are left out of the sizes file (unknown to plan)");
            }

            if (list.Count > 0)
            {
                sizes.Add(new(topic.Key, list));
            }
        }

        return (sizes, fromLeader, fromFollower, unknown);
    }

    private static void Write(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"{path}: cannot write the file: {e.Message}", e);
        }
    }
}
