using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Brokersets.Admin;

/// <summary>
/// Acts on a live Kafka cluster with Brokersets' model: reads it (brokers, racks, assignments), creates topics and
/// partitions with computed assignments, and applies reassignment waves with throttles.
/// </summary>
/// <remarks>Thread-safe as far as the underlying <see cref="IKafkaAdmin"/> is; holds no state between calls.</remarks>
public sealed class ClusterAdmin
{
    private readonly IKafkaAdmin _admin;

    /// <summary>Creates the adapter over <paramref name="admin"/> (usually a <see cref="ConfluentKafkaAdmin"/>).</summary>
    /// <param name="admin">The admin calls to use; not disposed by this object.</param>
    public ClusterAdmin(IKafkaAdmin admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        _admin = admin;
    }

    /// <summary>Reads the brokers with their racks and every topic's replicas into the core model.</summary>
    /// <param name="includeInternalTopics">Whether to include topics whose names start with <c>__</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="KafkaAdminException">A read failed; the code and topic are kept.</exception>
    public async Task<ObservedCluster> ReadClusterAsync(bool includeInternalTopics = false, CancellationToken cancellationToken = default)
    {
        KafkaClusterDescription description = await _admin.DescribeClusterAsync(cancellationToken).ConfigureAwait(false);
        Cluster cluster = Cluster.Create(description.Nodes.Select(n => new Broker(n.Id, n.Rack)));
        ImmutableArray<string> topics = await _admin.ListTopicsAsync(includeInternalTopics, cancellationToken).ConfigureAwait(false);
        ImmutableArray<ObservedPartition> partitions = await _admin.DescribeTopicsAsync(topics, cancellationToken).ConfigureAwait(false);
        var assignments = new List<TopicAssignment>();
        var inFlux = ImmutableArray.CreateBuilder<string>();
        foreach (IGrouping<string, ObservedPartition> topic in partitions.GroupBy(p => p.Topic, StringComparer.Ordinal))
        {
            ObservedPartition[] rows = topic.OrderBy(p => p.Partition).ToArray();
            if (rows.Select(r => r.Replicas.Length).Distinct().Count() != 1 || rows[0].Replicas.IsEmpty)
            {
                inFlux.Add(topic.Key);
                continue;
            }

            assignments.Add(TopicAssignment.Create(topic.Key, rows.Select(r => (IReadOnlyList<int>)r.Replicas)));
        }

        return new ObservedCluster(description, cluster, ClusterAssignment.Create(assignments), partitions, inFlux.ToImmutable());
    }

    /// <summary>Creates topics with the given assignments (all partitions, explicit replicas).</summary>
    /// <param name="topics">The topics to create.</param>
    /// <param name="validateOnly">Only let the cluster validate the request; nothing is created.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="KafkaAdminException">One entry per topic that failed, e.g. <c>TopicAlreadyExists</c> (36) or <c>InvalidReplicaAssignment</c> (39).</exception>
    public Task CreateTopicsAsync(IEnumerable<TopicAssignment> topics, bool validateOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return _admin.CreateTopicsAsync(topics.ToList(), validateOnly, cancellationToken);
    }

    /// <summary>
    /// Grows a topic to <paramref name="target"/>'s partition count: the new partitions get <paramref name="target"/>'s
    /// replicas; the existing partitions are left exactly as they are.
    /// </summary>
    /// <param name="target">The topic's assignment after growing; its first partitions are ignored.</param>
    /// <param name="validateOnly">Only let the cluster validate the request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The increase sent, or <see langword="null"/> when the topic already has that many partitions.</returns>
    /// <exception cref="ArgumentException">The topic has more partitions than <paramref name="target"/> (Kafka cannot remove partitions).</exception>
    /// <exception cref="KafkaAdminException">The topic does not exist, or the cluster refused the increase.</exception>
    public async Task<PartitionIncrease?> AddPartitionsAsync(TopicAssignment target, bool validateOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ImmutableArray<ObservedPartition> current = await _admin.DescribeTopicsAsync(new[] { target.Topic }, cancellationToken).ConfigureAwait(false);
        int count = current.Length;
        if (count > target.PartitionCount)
        {
            throw new ArgumentException($"Topic '{target.Topic}' has {count} partitions, more than the {target.PartitionCount} of the target; Kafka cannot remove partitions.", nameof(target));
        }

        if (count == target.PartitionCount)
        {
            return null;
        }

        var added = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        for (int p = count; p < target.PartitionCount; p++)
        {
            added.Add(ImmutableArray.Create(target[p].ToArray()));
        }

        var increase = new PartitionIncrease(target.Topic, count, added.ToImmutable());
        await _admin.CreatePartitionsAsync(new[] { increase }, validateOnly, cancellationToken).ConfigureAwait(false);
        return increase;
    }

    /// <summary>
    /// Applies reassignment waves one after another: per wave sets the throttles, submits the partitions not yet at
    /// their target (KIP-455), polls until they are done and checks the result; at the end leaves the throttles as it
    /// found them (also on failure or cancellation) and elects the preferred leaders.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Resumable and idempotent: reassignments already in flight for the plan's partitions are waited for, not re-sent;
    /// a partition already at its target is skipped; after a lost connection or timeout the cluster is re-read before
    /// anything is re-submitted. On cancellation the moves in flight are cancelled (KIP-455) unless
    /// <see cref="ReassignmentOptions.CancelMovesOnCancellation"/> is off.
    /// </para>
    /// <para>
    /// Throttles: before a broker or topic is first throttled, the run reads the dynamic values of its throttle configs
    /// (<see cref="IKafkaAdmin.DescribeConfigsAsync"/>). At the end a config that had no value of its own is deleted and
    /// one that had is set back to that exact value (<see cref="ReassignmentResult.ThrottlesDeleted"/>,
    /// <see cref="ReassignmentResult.ThrottlesRestored"/>). While the run lasts, a topic's
    /// <c>leader/follower.replication.throttled.replicas</c> that already had a value (another tool's move) holds its
    /// entries plus the wave's (<c>*</c> stays <c>*</c>), so that throttle keeps working; a broker's
    /// <c>leader/follower.replication.throttled.rate</c> is the wave's rate even if the broker had one (the rate the plan
    /// asks for, which then also paces the other tool's throttled replicas on that broker), and the broker's own rate
    /// comes back at the end. A broker's cluster-wide default rate (<c>--entity-default</c>) is never changed: it applies
    /// again once the run deletes the broker's own value. A run killed before its clean-up leaves its throttles set; the
    /// next run takes them for prior values and keeps them, so remove them with <c>kafka-configs --delete-config</c>.
    /// </para>
    /// </remarks>
    /// <param name="waves">The waves, in order.</param>
    /// <param name="options">Polling, retries, election and clean-up; <see cref="ReassignmentOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report at every phase and poll.</param>
    /// <param name="cancellationToken">Stops the run (and cancels the moves in flight, by default).</param>
    /// <exception cref="KafkaAdminException">A request failed for good, or a partition did not end at its target; codes, topics and partitions are kept.</exception>
    /// <exception cref="OperationCanceledException">
    /// The run was cancelled; throttles were left as found. The moves cancelled that Kafka reverted with their replicas in
    /// another order (KRaft sorts the replicas being removed) were set back to the list the run found them with and their
    /// preferred leaders elected (phase <see cref="ReassignmentPhase.RestoringOrder"/>); they are listed, one
    /// <see cref="RestoredOrder"/> each, in the exception's <see cref="Exception.Data"/> under <c>"Brokersets.RestoredOrder"</c>.
    /// </exception>
    public Task<ReassignmentResult> ApplyAsync(IReadOnlyList<ReassignmentWave> waves, ReassignmentOptions? options = null, IProgress<ReassignmentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(waves);
        return new WaveRunner(_admin, waves, options ?? ReassignmentOptions.Default, progress).RunAsync(cancellationToken);
    }

    /// <summary>
    /// Carries out a core <see cref="ExecutionPlan"/> wave by wave (see <see cref="ReassignmentWave.FromPlan(ExecutionPlan)"/>),
    /// then elects preferred leaders; resumable and idempotent like
    /// <see cref="ApplyAsync(IReadOnlyList{ReassignmentWave}, ReassignmentOptions?, IProgress{ReassignmentProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="plan">The plan, e.g. from <see cref="ExecutionPlan.Create(ClusterAssignment, ClusterAssignment, ExecutionOptions, PartitionSizes?, Cluster?)"/>.</param>
    /// <param name="options">Polling, retries, election and clean-up; <see cref="ReassignmentOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report at every phase and poll.</param>
    /// <param name="cancellationToken">Stops the run (and cancels the moves in flight, by default).</param>
    /// <exception cref="KafkaAdminException">A request failed for good, or a partition did not end at its target.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; throttles were left as found.</exception>
    public Task<ReassignmentResult> ApplyAsync(ExecutionPlan plan, ReassignmentOptions? options = null, IProgress<ReassignmentProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(ReassignmentWave.FromPlan(plan), options, progress, cancellationToken);

    /// <summary>
    /// Audits the live cluster against the desired state: reads it, takes as offline every broker of
    /// <paramref name="spec"/>'s brokersets that DescribeCluster does not list, and builds the core
    /// <see cref="DriftReport"/> (findings classed by repair cost, and the repair diff).
    /// </summary>
    /// <param name="spec">The desired brokersets and topics; racks of live brokers come from the cluster, those of offline brokers from <paramref name="spec"/>.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="mode">Whether the exact layout or any balanced assignment is desired.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="KafkaAdminException">Reading the cluster failed.</exception>
    public Task<LiveAudit> AuditAsync(PlacementSpec spec, PlacementStrategy? strategy = null, DriftMode mode = DriftMode.ExactLayout, CancellationToken cancellationToken = default) =>
        AuditAsync(spec, strategy, mode, null, cancellationToken);

    /// <summary>
    /// Audits the live cluster against the desired state, looking only at the cluster's topics that
    /// <paramref name="topicFilter"/> takes (see <see cref="AuditAsync(PlacementSpec, PlacementStrategy?, DriftMode, CancellationToken)"/>).
    /// </summary>
    /// <param name="spec">The desired brokersets and topics.</param>
    /// <param name="strategy">The placement strategy; <see cref="PlacementStrategy.RackAware"/> when omitted.</param>
    /// <param name="mode">Whether the exact layout or any balanced assignment is desired.</param>
    /// <param name="topicFilter">
    /// Takes a topic name and says whether to audit it; it sees every topic, internal ones (<c>__</c>) too. When
    /// <see langword="null"/>, every topic but those whose names start with <c>__</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="KafkaAdminException">Reading the cluster failed.</exception>
    public async Task<LiveAudit> AuditAsync(PlacementSpec spec, PlacementStrategy? strategy, DriftMode mode, Func<string, bool>? topicFilter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ObservedCluster observed = await ReadClusterAsync(topicFilter is not null, cancellationToken).ConfigureAwait(false);
        if (topicFilter is not null)
        {
            observed = observed with
            {
                Assignment = ClusterAssignment.Create(observed.Assignment.Topics.Where(t => topicFilter(t.Topic))),
                Partitions = observed.Partitions.Where(p => topicFilter(p.Topic)).ToImmutableArray(),
                TopicsInFlux = observed.TopicsInFlux.Where(topicFilter).ToImmutableArray(),
            };
        }

        Broker[] offline = spec.Brokersets.SelectMany(s => s.Brokers).Where(b => !observed.Cluster.Contains(b.Id))
            .DistinctBy(b => b.Id).OrderBy(b => b.Id).ToArray();
        Cluster cluster = offline.Length == 0 ? observed.Cluster : Cluster.Create(observed.Cluster.Brokers.Concat(offline));
        ImmutableArray<int> offlineIds = offline.Select(b => b.Id).ToImmutableArray();
        DriftReport report = DriftReport.Create(spec, cluster, observed.Assignment, strategy, offlineIds, null, mode);
        return new LiveAudit(observed, cluster, offlineIds, report);
    }

    /// <summary>
    /// Repairs the drift an audit found: plans the report's repair diff into waves (<see cref="LiveAudit.PlanRepair"/>)
    /// and applies them like <see cref="ApplyAsync(ExecutionPlan, ReassignmentOptions?, IProgress{ReassignmentProgress}?, CancellationToken)"/>
    /// (order-only drift: reorder plus preferred-leader election, no data moved). Operational findings (missing topics
    /// or partitions, offline brokers) are not repaired here.
    /// </summary>
    /// <param name="audit">The audit, from <see cref="AuditAsync(PlacementSpec, PlacementStrategy?, DriftMode, CancellationToken)"/>; partitions already at their target are skipped.</param>
    /// <param name="options">Per-broker limits and throttle of the plan.</param>
    /// <param name="reassignmentOptions">Polling, retries, election and clean-up; <see cref="ReassignmentOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report at every phase and poll.</param>
    /// <param name="cancellationToken">Stops the run (and cancels the moves in flight, by default).</param>
    /// <exception cref="KafkaAdminException">A request failed for good, or a partition did not end at its target.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; throttles were left as found.</exception>
    public Task<ReassignmentResult> RepairAsync(LiveAudit audit, ExecutionOptions options = default, ReassignmentOptions? reassignmentOptions = null, IProgress<ReassignmentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return ApplyAsync(audit.PlanRepair(options), reassignmentOptions, progress, cancellationToken);
    }

    /// <summary>Lists the reassignments in flight (all, or of the given partitions).</summary>
    /// <param name="partitions">Only these partitions, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task<ImmutableArray<InFlightReassignment>> ListReassignmentsAsync(IReadOnlyCollection<PartitionId>? partitions = null, CancellationToken cancellationToken = default) =>
        _admin.ListPartitionReassignmentsAsync(partitions, cancellationToken);

    /// <summary>Cancels the reassignments in flight (all, or of the given partitions) with KIP-455 cancellation; returns the ones cancelled.</summary>
    /// <remarks>
    /// Each partition goes back to the list the controller works out: on KRaft the current replicas minus those being
    /// added, with the replicas being removed in ascending order, so <c>[3,2,1]</c> moving to <c>[2,1,4]</c> comes back as
    /// <c>[2,1,3]</c> and its preferred leader changes. The pre-move order is no longer on the cluster; when you have it
    /// (the plan's current assignment), use <see cref="CancelReassignmentsAsync(ImmutableArray{PartitionTarget}, CancellationToken)"/>,
    /// which sets it back.
    /// </remarks>
    /// <param name="partitions">Only these partitions, or <see langword="null"/> for every move in flight.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="KafkaAdminException">A partition's cancellation failed (NoReassignmentInProgress is not a failure).</exception>
    public async Task<ImmutableArray<PartitionId>> CancelReassignmentsAsync(IReadOnlyCollection<PartitionId>? partitions = null, CancellationToken cancellationToken = default)
    {
        ImmutableArray<InFlightReassignment> inFlight = await _admin.ListPartitionReassignmentsAsync(partitions, cancellationToken).ConfigureAwait(false);
        ImmutableArray<PartitionId> ids = inFlight.Select(r => r.Id).ToImmutableArray();
        if (ids.IsEmpty)
        {
            return ids;
        }

        ImmutableArray<KafkaPartitionError> errors = await _admin.CancelPartitionReassignmentsAsync(ids, cancellationToken).ConfigureAwait(false);
        KafkaPartitionError[] real = errors.Where(e => e.Code != Confluent.Kafka.ErrorCode.NoReassignmentInProgress).ToArray();
        if (real.Length > 0)
        {
            throw new KafkaAdminException("Cancel of partition reassignments", real);
        }

        return ids;
    }

    /// <summary>
    /// Cancels the reassignments in flight of the given partitions with KIP-455 cancellation, then sets every partition
    /// that came back with the same replicas in another order (KRaft sorts the replicas being removed) to the exact list
    /// in <paramref name="startedFrom"/> (a reorder: no data moves), and elects the preferred leaders of those partitions.
    /// </summary>
    /// <param name="startedFrom">Each partition with the replicas it had before its move (e.g. the plan's current assignment).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The partitions cancelled, those set back to their starting order, and any election error.</returns>
    /// <exception cref="ArgumentException"><paramref name="startedFrom"/> names a partition twice.</exception>
    /// <exception cref="KafkaAdminException">A cancellation or the reorder failed (NoReassignmentInProgress is not a failure).</exception>
    public async Task<CancelResult> CancelReassignmentsAsync(ImmutableArray<PartitionTarget> startedFrom, CancellationToken cancellationToken = default)
    {
        if (startedFrom.IsDefaultOrEmpty)
        {
            return new CancelResult(ImmutableArray<PartitionId>.Empty, ImmutableArray<RestoredOrder>.Empty, ImmutableArray<KafkaPartitionError>.Empty);
        }

        PartitionId? twice = startedFrom.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is { } id)
        {
            throw new ArgumentException($"Partition {id} is given twice.", nameof(startedFrom));
        }

        ImmutableArray<PartitionId> cancelled = await CancelReassignmentsAsync(startedFrom.Select(t => t.Id).ToArray(), cancellationToken).ConfigureAwait(false);
        Dictionary<PartitionId, ImmutableArray<int>> start = startedFrom.Where(t => cancelled.Contains(t.Id)).ToDictionary(t => t.Id, t => t.Replicas);
        (ImmutableArray<RestoredOrder> restored, ImmutableArray<KafkaPartitionError> election) =
            await OrderRestorer.RestoreAsync(_admin, start, ReassignmentOptions.Default.PollInterval, cancellationToken).ConfigureAwait(false);
        return new CancelResult(cancelled, restored, election);
    }
}
