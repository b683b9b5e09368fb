using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin;

namespace Brokersets.Cli;

/// <summary>
/// The live half of an audit, for the <c>audit</c> command to call when it gets <c>--bootstrap-servers</c>: connects
/// (same <c>--command-config</c> handling as <c>apply</c>), reads the cluster, audits it against the desired state
/// (offline = brokers of the spec the cluster does not list) and prints the findings and the repair plan.
/// </summary>
internal static class LiveAuditRunner
{
    /// <summary>Audits the live cluster and prints the result.</summary>
    /// <param name="bootstrapServers">The cluster's bootstrap servers.</param>
    /// <param name="commandConfig">A Kafka-style properties file, or <see langword="null"/>.</param>
    /// <param name="spec">The desired state (racks of offline brokers from it, e.g. from a cluster file).</param>
    /// <param name="strategy">The placement strategy.</param>
    /// <param name="mode">Exact layout or balanced.</param>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where a cluster error goes (one line).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="topics">Which of the cluster's topics to audit; <see cref="TopicFilter.Default"/> (no internal topic) when <see langword="null"/>.</param>
    /// <param name="timeout">The <c>--timeout</c>, or <see langword="null"/>.</param>
    /// <param name="json">Print the <c>audit --format json</c> document (docs/json-output.md) instead of the table; the topic-filter note goes to stderr.</param>
    /// <returns>0 when clean, <see cref="ExitCodes.DriftFound"/> when drift was found (as the offline <c>audit</c>), <see cref="ExitCodes.ClusterError"/> when the cluster could not be read.</returns>
    /// <exception cref="InputException">The properties file is missing or wrong.</exception>
    public static async Task<int> RunAsync(string bootstrapServers, string? commandConfig, PlacementSpec spec, PlacementStrategy strategy, DriftMode mode, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, TopicFilter? topics = null, TimeSpan? timeout = null, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        topics ??= TopicFilter.Default;
        var named = spec.Topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var skipped = new SortedSet<string>(StringComparer.Ordinal);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        (Confluent.Kafka.AdminClientConfig config, TimeSpan operationTimeout) = AdminConnection.ReadConfig(bootstrapServers, commandConfig, timeout);
        using ConfluentKafkaAdmin admin = AdminConnection.Connect(config, operationTimeout, commandConfig);
        try
        {
            LiveAudit audit = await new ClusterAdmin(admin).AuditAsync(spec, strategy, mode, t =>
            {
                bool take = topics.Takes(t, named.Contains(t));
                if (!take)
                {
                    skipped.Add(t);
                }

                return take;
            }, cancellationToken).ConfigureAwait(false);
            if (TopicFilter.Note(skipped, t => topics.Reason(t)) is { } note)
            {
                (json ? stderr : stdout).WriteLine(note);
            }

            if (json)
            {
                stdout.WriteLine(ReportJson.Audit(strategy, mode, audit.Report, skipped, audit.OfflineBrokers));
                return audit.Report.IsClean ? ExitCodes.Success : ExitCodes.DriftFound;
            }

            stdout.Write(audit.ToString());
            if (!audit.Report.Repair.IsEmpty)
            {
                stdout.Write(audit.PlanRepair().ToString());
            }

            return audit.Report.IsClean ? ExitCodes.Success : ExitCodes.DriftFound;
        }
        catch (KafkaAdminException e)
        {
            stderr.WriteLine("error: " + ErrorMessages.OneLine(e));
            return AdminConnection.ClusterErrorExitCode;
        }
    }
}
