using System;
using System.Collections.Generic;
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
/// [--include-internal] [--output FILE]</c>: the live cluster's assignment as Kafka's reassignment JSON (every
/// partition of every topic taken), the <c>--current</c> file of <c>plan</c>, <c>diff</c> and <c>audit</c>.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Builds the <c>export</c> command.</summary>
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "The cluster's bootstrap servers (host:port,…)", HelpName = "HOSTS", Required = true };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file (security.protocol, sasl.*, ssl.*, default.api.timeout.ms)", HelpName = "FILE" };
        var output = new Option<string>("--output") { Description = "Write the JSON to FILE instead of stdout", HelpName = "FILE" };
        var filter = new TopicFilter.Options();
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var command = new Command("export", "Write the live cluster's replica assignment as Kafka's reassignment JSON (the --current file of plan, diff and audit). Internal topics (names starting with _) are left out unless --include-internal.")
        {
            bootstrap, commandConfig, timeoutOption, output,
        };
        filter.AddTo(command);
        command.SetAction(parseResult =>
        {
            TopicFilter topics = filter.Read(parseResult);
            using var cancel = new CancellationTokenSource();
            return ExecuteAsync(parseResult.GetValue(bootstrap)!, parseResult.GetValue(commandConfig), topics, parseResult.GetValue(output),
                parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancel.Token, AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption))).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Runs <c>export</c>.</summary>
    /// <returns>0, or <see cref="ExitCodes.ClusterError"/> when the cluster cannot be read.</returns>
    /// <exception cref="InputException">The properties file is wrong, or the output file cannot be written.</exception>
    public static async Task<int> ExecuteAsync(string bootstrapServers, string? commandConfig, TopicFilter topics, string? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        (Confluent.Kafka.AdminClientConfig config, TimeSpan operationTimeout) = AdminConnection.ReadConfig(bootstrapServers, commandConfig, timeout);
        using ConfluentKafkaAdmin admin = AdminConnection.Connect(config, operationTimeout, commandConfig);
        ObservedCluster observed;
        try
        {
            observed = await new ClusterAdmin(admin).ReadClusterAsync(topics.IncludeInternal, cancellationToken).ConfigureAwait(false);
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
            return ExitCodes.Success;
        }

        try
        {
            File.WriteAllText(output, json + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"{output}: cannot write the file: {e.Message}", e);
        }

        stderr.WriteLine($"wrote {output}: {partitions.Count} partitions of {partitions.Select(p => p.Topic).Distinct().Count()} topics");
        return ExitCodes.Success;
    }
}
