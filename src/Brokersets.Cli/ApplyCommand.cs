using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>The options of <c>brokersets apply</c>.</summary>
/// <param name="BootstrapServers">The cluster's bootstrap servers.</param>
/// <param name="CommandConfig">A Kafka-style properties file (security settings), or <see langword="null"/>.</param>
/// <param name="Plan">Kafka's reassignment JSON giving the targets, or <see langword="null"/> to compute them from the spec files.</param>
/// <param name="Spec">The desired state (brokersets, topics, racks, overrides, strategy) when there is no plan file.</param>
/// <param name="Execution">Per-broker limits and throttle of the waves.</param>
/// <param name="PollInterval">How often a running wave is polled.</param>
/// <param name="Execute">Whether to act; otherwise a dry run that only prints the waves.</param>
/// <param name="Offline">Brokers to take as offline besides those the cluster does not list (<c>--offline</c>).</param>
/// <param name="Timeout">The <c>--timeout</c>, or <see langword="null"/> for the properties file's or the default 30 s.</param>
/// <param name="Json">Print one <c>apply --format json</c> document (docs/json-output.md) on stdout; progress lines go to stderr.</param>
internal sealed record ApplyOptions(string BootstrapServers, string? CommandConfig, string? Plan, PlaceOptions Spec, ExecutionOptions Execution, TimeSpan PollInterval, bool Execute, int[]? Offline = null, TimeSpan? Timeout = null, bool Json = false);

/// <summary>
/// <c>brokersets apply --bootstrap-servers HOSTS [--command-config FILE] (--plan KAFKA_JSON | --brokersets FILE
/// --topics FILE [--cluster FILE] [--overrides FILE] [--strategy …]) [--max-incoming N] [--max-outgoing N]
/// [--throttle-mbps X] [--execute]</c>: reads the live cluster, takes the plan file's targets or computes the
/// minimal-movement target of the spec, plans waves and prints them; with <c>--execute</c> applies them with progress
/// lines, and Ctrl-C cancels cleanly (moves in flight cancelled, throttles left as found).
/// </summary>
internal static class ApplyCommand
{
    /// <summary>Builds the <c>apply</c> command.</summary>
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "The cluster's bootstrap servers (host:port,…)", HelpName = "HOSTS", Required = true };
        var commandConfig = new Option<string>("--command-config") { Description = "Kafka-style properties file: security.protocol, sasl.mechanism, sasl.username/password or sasl.jaas.config, ssl.ca.location or a PEM ssl.truststore.location, ssl.certificate.location, ssl.key.location, default.api.timeout.ms", HelpName = "FILE" };
        var plan = new Option<string>("--plan") { Description = "Kafka's reassignment JSON with the target replicas (instead of --brokersets/--topics)", HelpName = "KAFKA_JSON" };
        var brokersets = new Option<string>("--brokersets") { Description = "Orion's brokerset file: target = minimal-movement rebalance onto it", HelpName = "FILE" };
        var topics = new Option<string>("--topics") { Description = "Orion's topic file (with --brokersets)", HelpName = "FILE" };
        var cluster = new Option<string>("--cluster") { Description = "Cluster file with racks; the live cluster's racks win, the file supplies offline brokers'", HelpName = "FILE" };
        var overrides = new Option<string>("--overrides") { Description = "Orion's broker-override file", HelpName = "FILE" };
        var strategy = new Option<string>("--strategy") { Description = "Placement strategy", DefaultValueFactory = _ => StrategyChoice.RackAware };
        strategy.AcceptOnlyFromAmong(StrategyChoice.RackAware, StrategyChoice.Orion);
        var maxIncoming = new Option<int>("--max-incoming") { Description = $"Concurrent copies into one broker per wave (default {ExecutionOptions.DefaultMaxIncomingPerBroker})", HelpName = "N" };
        var maxOutgoing = new Option<int>("--max-outgoing") { Description = $"Concurrent copies out of one broker per wave (default {ExecutionOptions.DefaultMaxOutgoingPerBroker})", HelpName = "N" };
        var throttle = new Option<double>("--throttle-mbps") { Description = "Replication throttle in megabytes (10^6 bytes) per second on every broker of a wave; none by default", HelpName = "X" };
        var poll = new Option<int>("--poll-interval-ms") { Description = "How often a running wave is polled (default 5000)", HelpName = "MS", DefaultValueFactory = _ => 5000 };
        var execute = new Option<bool>("--execute") { Description = "Apply the waves; without it, a dry run prints them and changes nothing" };
        Option<int?> timeoutOption = AdminConnection.CreateTimeoutOption();
        var format = new Option<string>("--format") { Description = "table: the waves and progress lines; json: one document with the plan and, with --execute, the result (schema in docs/json-output.md; progress lines go to stderr)", DefaultValueFactory = _ => PlaceOptions.Table };
        format.AcceptOnlyFromAmong(PlaceOptions.Table, PlanCommand.Json);
        Option<string> offline = OfflineBrokers.CreateOption("; a broker holding replicas that the cluster does not list is offline anyway");

        var command = new Command("apply", "Apply a reassignment to a live cluster wave by wave (dry run unless --execute).")
        {
            bootstrap, commandConfig, plan, brokersets, topics, cluster, overrides, strategy, maxIncoming, maxOutgoing, throttle, poll, timeoutOption, offline, format, execute,
        };
        command.SetAction(parseResult =>
        {
            double mbps = parseResult.GetValue(throttle);
            var options = new ApplyOptions(
                parseResult.GetValue(bootstrap)!,
                parseResult.GetValue(commandConfig),
                parseResult.GetValue(plan),
                new PlaceOptions(parseResult.GetValue(brokersets), parseResult.GetValue(topics), parseResult.GetValue(cluster), parseResult.GetValue(overrides), StrategyChoice.From(parseResult.GetValue(strategy) ?? StrategyChoice.RackAware, null)),
                new ExecutionOptions
                {
                    MaxIncomingPerBroker = Positive(parseResult.GetValue(maxIncoming), "--max-incoming"),
                    MaxOutgoingPerBroker = Positive(parseResult.GetValue(maxOutgoing), "--max-outgoing"),
                    ThrottleBytesPerSecond = mbps < 0 ? throw new UsageException("--throttle-mbps must be positive.") : (long)Math.Round(mbps * 1_000_000),
                },
                TimeSpan.FromMilliseconds(Positive(parseResult.GetValue(poll), "--poll-interval-ms")),
                parseResult.GetValue(execute),
                OfflineBrokers.Parse(parseResult.GetValue(offline)),
                AdminConnection.TimeoutOf(parseResult.GetValue(timeoutOption)),
                parseResult.GetValue(format) == PlanCommand.Json);
            return RunWithCtrlC(token => ExecuteAsync(options, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, token));
        });
        return command;
    }

    /// <summary>Runs <paramref name="run"/> with a token that the first Ctrl-C cancels (a second one ends the process).</summary>
    public static int RunWithCtrlC(Func<CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            if (!cts.IsCancellationRequested)
            {
                e.Cancel = true;
                cts.Cancel();
            }
        };
        Console.CancelKeyPress += handler;
        try
        {
            return run(cts.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }

    /// <summary>Runs <c>apply</c>; cluster failures and cancellation become one <c>error:</c> line and an exit code.</summary>
    /// <exception cref="UsageException">Options that do not go together.</exception>
    /// <exception cref="InputException">A file is missing or unreadable, or the properties file is wrong.</exception>
    public static async Task<int> ExecuteAsync(ApplyOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.Plan is null) == (options.Spec.Brokersets is null) || (options.Spec.Brokersets is null) != (options.Spec.Topics is null))
        {
            throw new UsageException("apply needs either --plan FILE or both --brokersets and --topics.");
        }

        // Every input file is read and checked before the cluster is contacted: a bad file fails without a connection.
        // (What needs the cluster, such as a plan naming a topic it does not have, is checked once it is read.)
        ImmutableArray<PartitionReassignment> planEntries = options.Plan is null ? default : InputFiles.Read(options.Plan, ReassignmentJson.ReadPartitions);
        SpecFiles? specFiles = options.Plan is null ? SpecFiles.Load(options.Spec.Brokersets, options.Spec.Topics, options.Spec.Cluster, options.Spec.Overrides) : null;
        Cluster? clusterFile = options.Spec.Cluster is null ? null : specFiles?.Cluster ?? InputFiles.Read(options.Spec.Cluster, ClusterJson.Read);
        (Confluent.Kafka.AdminClientConfig config, TimeSpan timeout) = AdminConnection.ReadConfig(options.BootstrapServers, options.CommandConfig, options.Timeout);
        using ConfluentKafkaAdmin admin = AdminConnection.Connect(config, timeout, options.CommandConfig);
        var cluster = new ClusterAdmin(admin);
        try
        {
            ObservedCluster observed = await cluster.ReadClusterAsync(false, cancellationToken).ConfigureAwait(false);
            TextWriter text = options.Json ? TextWriter.Null : stdout;
            text.WriteLine($"cluster: {observed.Cluster.Brokers.Length} brokers (controller {observed.Description.ControllerId}), {observed.Assignment.Topics.Length} topics");
            (ClusterAssignment target, string source) = specFiles is null ? TargetFromPlan(options.Plan!, planEntries, observed) : TargetFromSpec(options.Spec, specFiles, observed);
            int[] offline = OfflineOf(observed, options.Offline ?? []);
            if (offline.Length > 0)
            {
                text.WriteLine($"offline brokers: {string.Join(",", offline.Select(DiffCommand.Str))} (copies are served by live replicas; no throttle or election names them)");
            }

            ExecutionPlan plan = ExecutionPlan.Create(observed.Assignment, target, options.Execution, null, observed.Cluster, offline);
            Cluster racks = clusterFile is null ? observed.Cluster : Cluster.Create(observed.Cluster.Brokers.Concat(
                clusterFile.Brokers.Where(b => !observed.Cluster.Contains(b.Id))));
            foreach (string warning in OfflineBrokers.ReplacementWarnings(plan.Diff, offline, racks))
            {
                stderr.WriteLine(warning);
            }

            text.WriteLine("target: " + source);
            text.Write(plan.ToString());
            if (!options.Execute)
            {
                text.WriteLine("dry run: nothing was changed; add --execute to apply these waves.");
                if (options.Json)
                {
                    stdout.WriteLine(ReportJson.Apply(observed, source, offline, plan, null));
                }

                return ExitCodes.Success;
            }

            TextWriter progressOut = options.Json ? stderr : stdout;
            var progress = new ProgressLines(progressOut, plan, ReferenceEquals(progressOut, Console.Out) && !Console.IsOutputRedirected);
            ReassignmentResult result = await cluster.ApplyAsync(plan, new ReassignmentOptions { PollInterval = options.PollInterval }, progress, cancellationToken).ConfigureAwait(false);
            text.WriteLine("done: " + result);
            if (options.Json)
            {
                stdout.WriteLine(ReportJson.Apply(observed, source, offline, plan, result));
            }

            return ExitCodes.Success;
        }
        catch (KafkaAdminException e)
        {
            stderr.WriteLine("error: " + ErrorMessages.OneLine(e));
            return AdminConnection.ClusterErrorExitCode;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("error: cancelled; moves in flight were cancelled and throttles left as found (ours deleted, prior values restored).");
            if (e.Data["Brokersets.RestoredOrder"] is string restored)
            {
                stderr.WriteLine("replica order restored after the cancel (Kafka reverted it in another order): " + restored);
            }

            return AdminConnection.CancelledExitCode;
        }
    }

    /// <summary>The brokers named by <paramref name="extra"/> plus every broker holding a replica that the cluster does not list (DescribeCluster lists live brokers only).</summary>
    internal static int[] OfflineOf(ObservedCluster observed, IEnumerable<int> extra) =>
        observed.Partitions.SelectMany(p => p.Replicas).Where(id => !observed.Cluster.Contains(id)).Concat(extra).Distinct().Order().ToArray();

    private static int Positive(int value, string option) =>
        value < 0 ? throw new UsageException($"{option} must be positive.") : value;

    /// <summary>The plan file's targets, on top of the cluster's current assignment of those topics.</summary>
    private static (ClusterAssignment, string) TargetFromPlan(string path, ImmutableArray<PartitionReassignment> entries, ObservedCluster observed)
    {
        var topics = new List<TopicAssignment>();
        foreach (IGrouping<string, PartitionReassignment> topic in entries.GroupBy(e => e.Topic, StringComparer.Ordinal))
        {
            if (!observed.Assignment.TryGetTopic(topic.Key, out TopicAssignment? current))
            {
                throw new InputException(observed.TopicsInFlux.Contains(topic.Key)
                    ? $"{path}: topic '{topic.Key}' is being reassigned right now; wait until that finishes"
                    : $"{path}: topic '{topic.Key}' does not exist on the cluster");
            }

            var rows = Enumerable.Range(0, current.PartitionCount).Select(p => (IReadOnlyList<int>)current[p].ToArray()).ToArray();
            foreach (PartitionReassignment e in topic)
            {
                if (e.Partition >= rows.Length)
                {
                    throw new InputException($"{path}: partition {e.Topic}-{e.Partition} does not exist on the cluster ({rows.Length} partitions)");
                }

                foreach (int id in e.Replicas)
                {
                    // A target replica on a broker the cluster does not know would be sent to Kafka and refused there,
                    // after the throttles were set: refuse it here. A broker already holding the partition (offline) may stay.
                    if (!observed.Cluster.Contains(id) && !current[e.Partition].Contains(id))
                    {
                        throw new InputException($"{path}: partition {e.Topic}-{e.Partition}: broker {id} is not in the cluster (brokers {string.Join(",", observed.Cluster.Brokers.Select(b => DiffCommand.Str(b.Id)))})");
                    }
                }

                rows[e.Partition] = e.Replicas;
            }

            try
            {
                topics.Add(TopicAssignment.Create(topic.Key, rows));
            }
            catch (ArgumentException e)
            {
                throw new InputException($"{path}: {ErrorMessages.OneLine(e)}", e);
            }
        }

        return (ClusterAssignment.Create(topics), $"plan {path} ({entries.Length} partitions)");
    }

    /// <summary>The minimal-movement rebalance of the spec's topics onto their brokersets.</summary>
    /// <param name="files">The options naming the files (for the strategy and the error messages).</param>
    /// <param name="read">The files as read before connecting (the same reading and warnings, such as a topic name mixing '.' and '_', as the offline commands).</param>
    /// <param name="observed">The live cluster.</param>
    private static (ClusterAssignment, string) TargetFromSpec(PlaceOptions files, SpecFiles read, ObservedCluster observed)
    {
        PlacementSpec spec = read.Spec.WithRacks(observed.Cluster);
        PlacementStrategy strategy = files.Strategy?.Strategy ?? PlacementStrategy.RackAware;
        MovementTarget movement;
        try
        {
            movement = MinimalMovement.Rebalance(observed.Assignment, spec, strategy);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{files.Topics}: {ErrorMessages.OneLine(e)}", e);
        }

        return (movement.Target, $"minimal-movement rebalance of {spec.Topics.Length} topic(s), strategy {strategy}: {movement.ReplicasMoved} replicas moved");
    }
}
