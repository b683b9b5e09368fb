using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin;

/// <summary>
/// After a KIP-455 cancellation: sets every partition that came back with the same replicas in another order back to
/// the exact list it started from (a reorder, which Kafka completes at once: no replica is added), waits for that, and
/// elects the preferred leaders of those partitions.
/// </summary>
internal static class OrderRestorer
{
    /// <summary>How many polls a reorder may take before the restorer reports it as not done (Kafka completes one at once).</summary>
    private const int MaxPolls = 50;

    public static async Task<(ImmutableArray<RestoredOrder> Restored, ImmutableArray<KafkaPartitionError> ElectionErrors)> RestoreAsync(
        IKafkaAdmin admin, IReadOnlyDictionary<PartitionId, ImmutableArray<int>> startedFrom, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        if (startedFrom.Count == 0)
        {
            return (ImmutableArray<RestoredOrder>.Empty, ImmutableArray<KafkaPartitionError>.Empty);
        }

        string[] topics = startedFrom.Keys.Select(k => k.Topic).Distinct(StringComparer.Ordinal).ToArray();
        ImmutableArray<ObservedPartition> partitions = await admin.DescribeTopicsAsync(topics, cancellationToken).ConfigureAwait(false);
        var restored = new List<RestoredOrder>();
        foreach (ObservedPartition p in partitions)
        {
            if (startedFrom.TryGetValue(p.Id, out ImmutableArray<int> start) && !p.Replicas.SequenceEqual(start) &&
                p.Replicas.Length == start.Length && p.Replicas.Order().SequenceEqual(start.Order()))
            {
                restored.Add(new RestoredOrder(p.Topic, p.Partition, p.Replicas, start));
            }
        }

        if (restored.Count == 0)
        {
            return (ImmutableArray<RestoredOrder>.Empty, ImmutableArray<KafkaPartitionError>.Empty);
        }

        PartitionTarget[] targets = restored.Select(r => PartitionTarget.Create(r.Topic, r.Partition, r.Restored)).ToArray();
        ImmutableArray<KafkaPartitionError> errors = await admin.AlterPartitionReassignmentsAsync(targets, cancellationToken).ConfigureAwait(false);
        if (!errors.IsEmpty)
        {
            throw new KafkaAdminException("Restoring the replica order after a cancel", errors);
        }

        PartitionId[] ids = restored.Select(r => r.Id).ToArray();
        for (int poll = 0; ; poll++)
        {
            ImmutableArray<InFlightReassignment> running = await admin.ListPartitionReassignmentsAsync(ids, cancellationToken).ConfigureAwait(false);
            if (!running.Any(r => ids.Contains(r.Id)))
            {
                break;
            }

            if (poll == MaxPolls)
            {
                throw new KafkaAdminException(ErrorCode.Local_State, $"the reorder back to the starting replicas is still in flight after {MaxPolls} polls: {string.Join(", ", running.Select(r => r.Id))}");
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }

        ImmutableArray<KafkaPartitionError> election = await admin.ElectPreferredLeadersAsync(ids, cancellationToken).ConfigureAwait(false);
        return (restored.ToImmutableArray(), election.Where(e => e.Code != ErrorCode.ElectionNotNeeded).ToImmutableArray());
    }
}
