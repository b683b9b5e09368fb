using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin;

/// <summary>One run of <see cref="ClusterAdmin.ApplyAsync(System.Collections.Generic.IReadOnlyList{ReassignmentWave}, ReassignmentOptions?, System.IProgress{ReassignmentProgress}?, System.Threading.CancellationToken)"/>: the state a run keeps (what it throttled and what was there before, what it submitted).</summary>
/// <remarks>
/// Throttles are left as found. Before a broker or topic is first throttled, the run reads its throttle configs' own
/// dynamic values (once per run); the clean-up deletes the configs that had none and sets the others back to their exact
/// prior value. A topic's throttled-replica list that already had a value (another tool's move) is merged with ours
/// during the wave, so that tool's throttle keeps working. A broker rate that already had a value is replaced by the
/// wave's rate while the run lasts (the rate the plan asked for), then restored.
/// </remarks>
internal sealed class WaveRunner
{
    private const string LeaderRate = "leader.replication.throttled.rate";
    private const string FollowerRate = "follower.replication.throttled.rate";
    private const string LeaderReplicas = "leader.replication.throttled.replicas";
    private const string FollowerReplicas = "follower.replication.throttled.replicas";
    /// <summary>The key, in the cancellation exception's <see cref="Exception.Data"/>, of the partitions whose replica order the cancel restored.</summary>
    internal const string RestoredOrderKey = "Brokersets.RestoredOrder";

    private static readonly string[] ThrottleConfigs = { LeaderRate, FollowerRate, LeaderReplicas, FollowerReplicas };

    private readonly IKafkaAdmin _admin;
    private readonly IReadOnlyList<ReassignmentWave> _waves;
    private readonly ReassignmentOptions _options;
    private readonly IProgress<ReassignmentProgress>? _progress;
    private readonly SortedSet<int> _throttledBrokers = new();
    private readonly SortedSet<string> _throttledTopics = new(StringComparer.Ordinal);

    /// <summary>The brokers and topics whose throttle configs were read before the run first set them.</summary>
    private readonly HashSet<(ConfigResourceKind Kind, string Name)> _described = new();

    /// <summary>The throttle configs that had a value of their own before the run (a broker's cluster-wide default is not its own: it comes back when the broker's value is deleted).</summary>
    private readonly Dictionary<(ConfigResourceKind Kind, string Resource, string Name), string> _prior = new();

    private readonly List<PartitionId> _submitted = new();
    private readonly List<PartitionId> _atTarget = new();
    private readonly List<PartitionId> _adopted = new();
    private readonly List<KafkaPartitionError> _redirected = new();

    /// <summary>The replicas each partition had when this run first found it (before its move): what a cancel restores the order to.</summary>
    private readonly Dictionary<PartitionId, ImmutableArray<int>> _startedFrom = new();

    /// <summary>Partitions a cancel reverted in another order and the run set back (reported on the cancellation exception).</summary>
    private ImmutableArray<RestoredOrder> _restored = ImmutableArray<RestoredOrder>.Empty;

    /// <summary>The moves in flight this run owns (submitted or adopted), with their targets: the only ones it may cancel.</summary>
    private Dictionary<PartitionId, ImmutableArray<int>> _ours = new();
    private int _wave;

    public WaveRunner(IKafkaAdmin admin, IReadOnlyList<ReassignmentWave> waves, ReassignmentOptions options, IProgress<ReassignmentProgress>? progress)
    {
        _admin = admin;
        _waves = waves;
        _options = options;
        _progress = progress;
    }

    public async Task<ReassignmentResult> RunAsync(CancellationToken cancellationToken)
    {
        ImmutableArray<KafkaPartitionError> electionErrors;
        try
        {
            await WaitForRunningMovesAsync(cancellationToken).ConfigureAwait(false);
            for (_wave = 1; _wave <= _waves.Count; _wave++)
            {
                await RunWaveAsync(_waves[_wave - 1], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception primary)
        {
            if (primary is OperationCanceledException && cancellationToken.IsCancellationRequested && _options.CancelMovesOnCancellation)
            {
                await CleanupAsync(CancelCurrentMovesAsync, primary).ConfigureAwait(false);
                if (!_restored.IsEmpty)
                {
                    primary.Data[RestoredOrderKey] = string.Join("; ", _restored);
                }
            }

            await CleanupAsync(RestoreThrottlesAsync, primary).ConfigureAwait(false);
            throw;
        }

        ImmutableArray<ConfigAlteration> cleanup = await CleanupAsync(RestoreThrottlesAsync, null).ConfigureAwait(false);
        electionErrors = ImmutableArray<KafkaPartitionError>.Empty;
        if (_options.ElectPreferredLeaders)
        {
            Report(ReassignmentPhase.ElectingLeaders, 0, 0);
            PartitionId[] all = _waves.SelectMany(w => w.Targets).Select(t => t.Id).Distinct().ToArray();
            try
            {
                ImmutableArray<KafkaPartitionError> errors = await RetryAsync(() => _admin.ElectPreferredLeadersAsync(all, cancellationToken), cancellationToken).ConfigureAwait(false);
                electionErrors = errors.Where(e => e.Code != ErrorCode.ElectionNotNeeded).ToImmutableArray();
            }
            catch (KafkaAdminException e)
            {
                // Every partition is at its target already: an election that cannot run (e.g. the controller is
                // unreachable) is reported, not thrown; Kafka's automatic leader rebalance or a later run elects them.
                electionErrors = e.Errors.Select(x => x with { Topic = x.Topic ?? "(election)" }).ToImmutableArray();
            }
        }

        Report(ReassignmentPhase.Completed, 0, 0);
        return new ReassignmentResult(_waves.Count, _submitted.ToImmutableArray(), _atTarget.ToImmutableArray(), _adopted.ToImmutableArray(),
            cleanup.Where(a => a.IsDelete).ToImmutableArray(), cleanup.Where(a => !a.IsDelete).ToImmutableArray(), electionErrors);
    }

    /// <summary>A resumed run: moves of the plan's partitions already in flight are waited for, never re-sent.</summary>
    private async Task WaitForRunningMovesAsync(CancellationToken cancellationToken)
    {
        Report(ReassignmentPhase.Starting, 0, 0);
        KafkaClusterDescription cluster = await RetryAsync(() => _admin.DescribeClusterAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var brokers = cluster.Nodes.Select(n => n.Id).ToHashSet();
        KafkaPartitionError[] unknown = _waves.SelectMany(w => w.Targets).Where(t => t.Replicas.Any(b => !brokers.Contains(b)))
            .Select(t => new KafkaPartitionError(t.Topic, t.Partition, ErrorCode.InvalidReplicaAssignment,
                $"target [{string.Join(",", t.Replicas)}] names broker(s) {string.Join(",", t.Replicas.Where(b => !brokers.Contains(b)))} that the cluster does not have"))
            .ToArray();
        if (unknown.Length > 0)
        {
            throw new KafkaAdminException("Reassignment plan check", unknown);
        }

        PartitionId[] all = _waves.SelectMany(w => w.Targets).Select(t => t.Id).Distinct().ToArray();
        ImmutableArray<InFlightReassignment> running = await RetryAsync(() => _admin.ListPartitionReassignmentsAsync(all, cancellationToken), cancellationToken).ConfigureAwait(false);
        running = running.Where(r => all.Contains(r.Id)).ToImmutableArray();
        if (running.IsEmpty)
        {
            return;
        }

        Dictionary<PartitionId, PartitionTarget> firstTarget = _waves.SelectMany(w => w.Targets).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        InFlightReassignment[] adopted = running.Where(r => r.Target.SequenceEqual(firstTarget[r.Id].Replicas)).ToArray();
        _adopted.AddRange(adopted.Select(r => r.Id));
        _ours = adopted.ToDictionary(r => r.Id, r => r.Target);
        foreach (InFlightReassignment r in adopted)
        {
            _startedFrom.TryAdd(r.Id, r.Original);
        }

        await PollUntilDoneAsync(running.Select(r => r.Id).ToArray(), ReassignmentPhase.WaitingForInFlight, cancellationToken).ConfigureAwait(false);
        _ours = new Dictionary<PartitionId, ImmutableArray<int>>();
    }

    private async Task RunWaveAsync(ReassignmentWave wave, CancellationToken cancellationToken)
    {
        PartitionId[] ids = wave.Targets.Select(t => t.Id).ToArray();
        _ours = new Dictionary<PartitionId, ImmutableArray<int>>();
        Report(ReassignmentPhase.Starting, ids.Length, ids.Length);

        // Moves of this wave's partitions towards other targets (someone else's) are waited for first.
        (Dictionary<PartitionId, ObservedPartition> current, Dictionary<PartitionId, InFlightReassignment> inFlight) = await ObserveAsync(wave, cancellationToken).ConfigureAwait(false);
        PartitionId[] foreign = wave.Targets.Where(t => inFlight.TryGetValue(t.Id, out InFlightReassignment? r) && !r.Target.SequenceEqual(t.Replicas)).Select(t => t.Id).ToArray();
        if (foreign.Length > 0)
        {
            await PollUntilDoneAsync(foreign, ReassignmentPhase.WaitingForInFlight, cancellationToken).ConfigureAwait(false);
            (current, inFlight) = await ObserveAsync(wave, cancellationToken).ConfigureAwait(false);
        }

        var toSubmit = new List<PartitionTarget>();
        var moving = new List<PartitionTarget>();
        foreach (PartitionTarget t in wave.Targets)
        {
            _startedFrom.TryAdd(t.Id, inFlight.TryGetValue(t.Id, out InFlightReassignment? before) ? before.Original : current[t.Id].Replicas);
            if (inFlight.TryGetValue(t.Id, out InFlightReassignment? r) && r.Target.SequenceEqual(t.Replicas))
            {
                _adopted.Add(t.Id);
                moving.Add(t);
            }
            else if (current[t.Id].Replicas.SequenceEqual(t.Replicas))
            {
                _atTarget.Add(t.Id);
            }
            else
            {
                toSubmit.Add(t);
                moving.Add(t);
            }
        }

        if (wave.ThrottleBytesPerSecond is long rate && moving.Count > 0)
        {
            Report(ReassignmentPhase.Throttling, ids.Length, moving.Count);
            await SetThrottlesAsync(wave, rate, moving, current, inFlight, cancellationToken).ConfigureAwait(false);
        }

        _ours = moving.ToDictionary(t => t.Id, t => t.Replicas);
        await SubmitAsync(wave, toSubmit, cancellationToken).ConfigureAwait(false);
        Report(ReassignmentPhase.Submitted, ids.Length, moving.Count);
        await PollUntilDoneAsync(ids, ReassignmentPhase.Moving, cancellationToken).ConfigureAwait(false);

        (current, _) = await ObserveAsync(wave, cancellationToken).ConfigureAwait(false);
        var redirected = _redirected.Select(e => new PartitionId(e.Topic!, e.Partition!.Value)).ToHashSet();
        KafkaPartitionError[] wrong = _redirected.Concat(wave.Targets
            .Where(t => !redirected.Contains(t.Id) && !current[t.Id].Replicas.SequenceEqual(t.Replicas))
            .Select(t => new KafkaPartitionError(t.Topic, t.Partition, ErrorCode.Local_State,
                $"the move ended with replicas [{string.Join(",", current[t.Id].Replicas)}], not the target [{string.Join(",", t.Replicas)}] (cancelled or overridden by someone else?)")))
            .ToArray();
        if (wrong.Length > 0)
        {
            throw new KafkaAdminException($"Reassignment wave {_wave}", wrong);
        }

        Report(ReassignmentPhase.WaveCompleted, ids.Length, 0);
    }

    /// <summary>Submits, and after a transient failure re-reads the cluster so that nothing the cluster took is sent again.</summary>
    private async Task SubmitAsync(ReassignmentWave wave, List<PartitionTarget> pending, CancellationToken cancellationToken)
    {
        for (int attempt = 0; pending.Count > 0; attempt++)
        {
            try
            {
                ImmutableArray<KafkaPartitionError> errors = await _admin.AlterPartitionReassignmentsAsync(pending, cancellationToken).ConfigureAwait(false);
                if (!errors.IsEmpty)
                {
                    _submitted.AddRange(pending.Select(t => t.Id).Except(errors.Select(e => new PartitionId(e.Topic!, e.Partition ?? -1))));
                    throw new KafkaAdminException("AlterPartitionReassignments", errors);
                }

                _submitted.AddRange(pending.Select(t => t.Id));
                return;
            }
            catch (KafkaAdminException e) when (e.IsTransient && attempt < _options.TransientRetries)
            {
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                (Dictionary<PartitionId, ObservedPartition> current, Dictionary<PartitionId, InFlightReassignment> inFlight) = await ObserveAsync(wave, cancellationToken).ConfigureAwait(false);
                var taken = pending.Where(t =>
                    (inFlight.TryGetValue(t.Id, out InFlightReassignment? r) && r.Target.SequenceEqual(t.Replicas)) ||
                    (!inFlight.ContainsKey(t.Id) && current[t.Id].Replicas.SequenceEqual(t.Replicas))).ToList();
                _submitted.AddRange(taken.Select(t => t.Id));
                pending = pending.Except(taken).ToList();
            }
        }
    }

    /// <summary>
    /// Polls until none of <paramref name="ids"/> is moving. A move of ours that someone else redirected to another
    /// target is not fought (neither cancelled nor re-submitted): it is recorded in <see cref="_redirected"/>, dropped
    /// from <see cref="_ours"/> and no longer waited for.
    /// </summary>
    private async Task PollUntilDoneAsync(PartitionId[] ids, ReassignmentPhase phase, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet();
        while (true)
        {
            ImmutableArray<InFlightReassignment> running = await RetryAsync(() => _admin.ListPartitionReassignmentsAsync(ids, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (InFlightReassignment r in running)
            {
                if (wanted.Contains(r.Id) && _ours.TryGetValue(r.Id, out ImmutableArray<int> target) && !r.Target.SequenceEqual(target))
                {
                    wanted.Remove(r.Id);
                    _ours.Remove(r.Id);
                    _redirected.Add(new KafkaPartitionError(r.Topic, r.Partition, ErrorCode.ReassignmentInProgress,
                        $"someone else redirected the move to [{string.Join(",", r.Target)}] (ours: [{string.Join(",", target)}]); left alone, neither cancelled nor re-submitted"));
                }
            }

            int remaining = running.Count(r => wanted.Contains(r.Id));
            Report(phase, ids.Length, remaining);
            if (remaining == 0)
            {
                return;
            }

            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(Dictionary<PartitionId, ObservedPartition> Current, Dictionary<PartitionId, InFlightReassignment> InFlight)> ObserveAsync(ReassignmentWave wave, CancellationToken cancellationToken)
    {
        PartitionId[] ids = wave.Targets.Select(t => t.Id).ToArray();
        string[] topics = wave.Targets.Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToArray();
        ImmutableArray<InFlightReassignment> running = await RetryAsync(() => _admin.ListPartitionReassignmentsAsync(ids, cancellationToken), cancellationToken).ConfigureAwait(false);
        ImmutableArray<ObservedPartition> partitions = await RetryAsync(() => _admin.DescribeTopicsAsync(topics, cancellationToken), cancellationToken).ConfigureAwait(false);
        Dictionary<PartitionId, ObservedPartition> current = partitions.ToDictionary(p => p.Id);
        KafkaPartitionError[] missing = ids.Where(id => !current.ContainsKey(id))
            .Select(id => new KafkaPartitionError(id.Topic, id.Partition, ErrorCode.UnknownTopicOrPart, "the partition does not exist")).ToArray();
        if (missing.Length > 0)
        {
            throw new KafkaAdminException($"Reassignment wave {_wave}", missing);
        }

        return (current, running.Where(r => current.ContainsKey(r.Id)).ToDictionary(r => r.Id));
    }

    private async Task SetThrottlesAsync(ReassignmentWave wave, long rate, List<PartitionTarget> moving, Dictionary<PartitionId, ObservedPartition> current, Dictionary<PartitionId, InFlightReassignment> inFlight, CancellationToken cancellationToken)
    {
        var brokers = new SortedSet<int>();
        var leaders = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var followers = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (PartitionTarget t in moving)
        {
            // A move in flight (someone else's, now redirected) is worked out by Kafka's KRaft controller from the current
            // replicas, so any of them may lead and send data; the replicas not in sync before the move receive it.
            (ImmutableArray<int> sources, ImmutableArray<int> inSync) = inFlight.TryGetValue(t.Id, out InFlightReassignment? r)
                ? (r.Replicas, r.Original) : (current[t.Id].Replicas, current[t.Id].Replicas);
            string p = t.Partition.ToString(CultureInfo.InvariantCulture);
            SortedSet<string> leader = Get(leaders, t.Topic);
            SortedSet<string> follower = Get(followers, t.Topic);
            ObservedPartition now = current[t.Id];
            foreach (int s in sources)
            {
                // Only a live in-sync replica (or the leader) can serve a copy; a dead broker's configs cannot be set.
                if (now.Isr.Contains(s) || now.Leader == s)
                {
                    leader.Add(p + ":" + s.ToString(CultureInfo.InvariantCulture));
                    brokers.Add(s);
                }
            }

            foreach (int d in t.Replicas.Except(inSync))
            {
                follower.Add(p + ":" + d.ToString(CultureInfo.InvariantCulture));
                brokers.Add(d);
            }
        }

        TopicThrottle[] topicThrottles = wave.TopicThrottles.IsEmpty
            ? leaders.Keys.Select(topic => new TopicThrottle(topic, string.Join(",", leaders[topic]), string.Join(",", followers[topic]))).ToArray()
            : wave.TopicThrottles.ToArray();
        await ReadPriorValuesAsync(
            brokers.Select(b => (ConfigResourceKind.Broker, b.ToString(CultureInfo.InvariantCulture))).Concat(topicThrottles.Select(t => (ConfigResourceKind.Topic, t.Topic))),
            cancellationToken).ConfigureAwait(false);

        // A rate of the broker's own is replaced by ours for the run (restored at the end); a throttled-replica list that
        // someone else set keeps its entries, with ours added.
        var alterations = new List<ConfigAlteration>();
        string value = rate.ToString(CultureInfo.InvariantCulture);
        foreach (int b in brokers)
        {
            string name = b.ToString(CultureInfo.InvariantCulture);
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Broker, name, LeaderRate, value));
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Broker, name, FollowerRate, value));
        }

        foreach (TopicThrottle t in topicThrottles)
        {
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Topic, t.Topic, LeaderReplicas, WithPrior(t.Topic, LeaderReplicas, t.LeaderReplicas)));
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Topic, t.Topic, FollowerReplicas, WithPrior(t.Topic, FollowerReplicas, t.FollowerReplicas)));
            _throttledTopics.Add(t.Topic);
        }

        // Recorded before the call (and after the prior values were read): if it fails half-way, the clean-up still
        // restores whatever got set.
        _throttledBrokers.UnionWith(brokers);
        await RetryAsync(async () =>
        {
            await _admin.IncrementalAlterConfigsAsync(alterations, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        static SortedSet<string> Get(Dictionary<string, SortedSet<string>> map, string topic)
        {
            if (!map.TryGetValue(topic, out SortedSet<string>? set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                map.Add(topic, set);
            }

            return set;
        }

        string WithPrior(string topic, string config, string ours) =>
            _prior.TryGetValue((ConfigResourceKind.Topic, topic, config), out string? prior) ? MergeThrottledReplicas(prior, ours) : ours;
    }

    /// <summary>Reads the throttle configs of the resources not read yet in this run (one batch), before anything of theirs is set.</summary>
    private async Task ReadPriorValuesAsync(IEnumerable<(ConfigResourceKind Kind, string Name)> resources, CancellationToken cancellationToken)
    {
        (ConfigResourceKind Kind, string Name)[] fresh = resources.Where(r => !_described.Contains(r)).ToArray();
        if (fresh.Length == 0)
        {
            return;
        }

        ImmutableArray<ConfigValue> values = await RetryAsync(() => _admin.DescribeConfigsAsync(fresh, ThrottleConfigs, cancellationToken), cancellationToken).ConfigureAwait(false);
        ConfigValue? hidden = values.FirstOrDefault(v => v.Value is null && !v.IsClusterDefault);
        if (hidden is not null)
        {
            throw new KafkaAdminException(ErrorCode.Local_State, $"{(hidden.Kind == ConfigResourceKind.Broker ? "broker" : "topic")} {hidden.ResourceName}: the cluster hides the value of {hidden.Name}, so the run could not restore it and does not throttle this {(hidden.Kind == ConfigResourceKind.Broker ? "broker" : "topic")}",
                hidden.Kind == ConfigResourceKind.Topic ? hidden.ResourceName : null);
        }

        foreach (ConfigValue v in values.Where(v => !v.IsClusterDefault))
        {
            _prior[(v.Kind, v.ResourceName, v.Name)] = v.Value!;
        }

        _described.UnionWith(fresh);
    }

    /// <summary>
    /// The union of two throttled-replica lists (Kafka's <c>partition:broker,…</c> format): <c>*</c> (every replica) if
    /// either is <c>*</c>, else the entries of both, trimmed, de-duplicated and sorted as strings.
    /// </summary>
    internal static string MergeThrottledReplicas(string prior, string ours)
    {
        if (prior.Trim() == "*" || ours.Trim() == "*")
        {
            return "*";
        }

        var entries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string e in prior.Split(',').Concat(ours.Split(',')))
        {
            if (e.Trim() is { Length: > 0 } entry)
            {
                entries.Add(entry);
            }
        }

        return string.Join(",", entries);
    }

    /// <summary>Deletes every throttle config the run set that had no value before, and sets the others back to their prior value.</summary>
    private async Task<ImmutableArray<ConfigAlteration>> RestoreThrottlesAsync(CancellationToken cancellationToken)
    {
        var alterations = new List<ConfigAlteration>();
        foreach (int b in _throttledBrokers)
        {
            string name = b.ToString(CultureInfo.InvariantCulture);
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Broker, name, LeaderRate, Prior(ConfigResourceKind.Broker, name, LeaderRate)));
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Broker, name, FollowerRate, Prior(ConfigResourceKind.Broker, name, FollowerRate)));
        }

        foreach (string t in _throttledTopics)
        {
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Topic, t, LeaderReplicas, Prior(ConfigResourceKind.Topic, t, LeaderReplicas)));
            alterations.Add(new ConfigAlteration(ConfigResourceKind.Topic, t, FollowerReplicas, Prior(ConfigResourceKind.Topic, t, FollowerReplicas)));
        }

        if (alterations.Count == 0)
        {
            return ImmutableArray<ConfigAlteration>.Empty;
        }

        Report(ReassignmentPhase.RemovingThrottles, 0, 0);
        await RetryAsync(async () =>
        {
            await _admin.IncrementalAlterConfigsAsync(alterations, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        _throttledBrokers.Clear();
        _throttledTopics.Clear();
        return alterations.ToImmutableArray();

        string? Prior(ConfigResourceKind kind, string resource, string config) => _prior.GetValueOrDefault((kind, resource, config));
    }

    private async Task<ImmutableArray<ConfigAlteration>> CancelCurrentMovesAsync(CancellationToken cancellationToken)
    {
        PartitionId[] ours = _ours.Keys.ToArray();
        Report(ReassignmentPhase.Cancelling, ours.Length, ours.Length);
        if (ours.Length == 0)
        {
            return ImmutableArray<ConfigAlteration>.Empty;
        }

        // Only moves still heading to our targets are cancelled; a move someone else redirected is theirs.
        ImmutableArray<InFlightReassignment> running = await RetryAsync(() => _admin.ListPartitionReassignmentsAsync(ours, cancellationToken), cancellationToken).ConfigureAwait(false);
        PartitionId[] ids = running.Where(r => _ours.TryGetValue(r.Id, out ImmutableArray<int> t) && r.Target.SequenceEqual(t)).Select(r => r.Id).ToArray();
        if (ids.Length > 0)
        {
            ImmutableArray<KafkaPartitionError> errors = await RetryAsync(() => _admin.CancelPartitionReassignmentsAsync(ids, cancellationToken), cancellationToken).ConfigureAwait(false);
            KafkaPartitionError[] real = errors.Where(e => e.Code != ErrorCode.NoReassignmentInProgress).ToArray();
            if (real.Length > 0)
            {
                throw new KafkaAdminException("Cancel of partition reassignments", real);
            }

            // KRaft reverts to the current replicas minus the adding ones (removing part ascending): set each partition
            // that came back in another order to the list the run started from, and elect its preferred leader.
            Dictionary<PartitionId, ImmutableArray<int>> startedFrom = ids.Where(_startedFrom.ContainsKey).ToDictionary(id => id, id => _startedFrom[id]);
            Report(ReassignmentPhase.RestoringOrder, ids.Length, ids.Length);
            (ImmutableArray<RestoredOrder> restored, ImmutableArray<KafkaPartitionError> election) =
                await OrderRestorer.RestoreAsync(_admin, startedFrom, _options.PollInterval, cancellationToken).ConfigureAwait(false);
            _restored = restored;
            Report(ReassignmentPhase.RestoringOrder, ids.Length, 0);
            if (!election.IsEmpty)
            {
                throw new KafkaAdminException("Preferred-leader election after restoring the replica order", election);
            }
        }

        return ImmutableArray<ConfigAlteration>.Empty;
    }

    /// <summary>
    /// Runs a clean-up step under its own timeout (the run's token may be cancelled already). When the run is
    /// already failing, a clean-up failure is attached to the primary exception instead of replacing it.
    /// </summary>
    private async Task<ImmutableArray<ConfigAlteration>> CleanupAsync(Func<CancellationToken, Task<ImmutableArray<ConfigAlteration>>> step, Exception? primary)
    {
        using var timeout = new CancellationTokenSource(_options.CleanupTimeout);
        try
        {
            return await step(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (primary is not null && e is KafkaAdminException or OperationCanceledException)
        {
            primary.Data["Brokersets.CleanupFailure"] = e.Message;
            return ImmutableArray<ConfigAlteration>.Empty;
        }
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (KafkaAdminException e) when (e.IsTransient && attempt < _options.TransientRetries)
            {
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Report(ReassignmentPhase phase, int inWave, int remaining) =>
        _progress?.Report(new ReassignmentProgress(phase, _wave > _waves.Count ? _waves.Count : _wave, _waves.Count, inWave, remaining));
}
