using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Brokersets.Internals;

namespace Brokersets;

/// <summary>
/// The desired state of a cluster's placement: its brokersets and the topics pinned to them (what Orion's
/// brokerset and topic files describe).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
[DebuggerDisplay("{Brokersets.Length} brokersets, {Topics.Length} topics")]
public sealed class PlacementSpec
{
    private readonly FrozenDictionary<string, Brokerset> _byName;

    private PlacementSpec(ImmutableArray<Brokerset> brokersets, ImmutableArray<TopicSpec> topics, FrozenDictionary<string, Brokerset> byName)
    {
        Brokersets = brokersets;
        Topics = topics;
        _byName = byName;
    }

    /// <summary>The brokersets, in the order given.</summary>
    public ImmutableArray<Brokerset> Brokersets { get; }

    /// <summary>The topics, in the order given.</summary>
    public ImmutableArray<TopicSpec> Topics { get; }

    /// <summary>Creates a spec; every topic must name a brokerset of the spec.</summary>
    /// <exception cref="ArgumentException">Two brokersets or two topics with one name, a null element, a topic name Kafka refuses, a topic without a brokerset, a topic naming an unknown brokerset, or counts beyond <see cref="InputLimits"/>; the message names it.</exception>
    public static PlacementSpec Create(IEnumerable<Brokerset> brokersets, IEnumerable<TopicSpec> topics)
    {
        ImmutableArray<Brokerset> sets = ImmutableArray.Create(ThrowHelper.Elements(brokersets, nameof(brokersets)));
        ImmutableArray<TopicSpec> list = ImmutableArray.Create(ThrowHelper.Elements(topics, nameof(topics)));
        var byName = new Dictionary<string, Brokerset>(StringComparer.Ordinal);
        foreach (Brokerset b in sets)
        {
            if (!byName.TryAdd(b.Name, b))
            {
                ThrowHelper.Argument($"Brokerset '{b.Name}' is defined twice.", nameof(brokersets));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TopicSpec t in list)
        {
            if (string.IsNullOrWhiteSpace(t.Topic))
            {
                ThrowHelper.Argument("A topic needs a name.", nameof(topics));
            }

            TopicNames.Check(t.Topic, nameof(topics));
            if (!names.Add(t.Topic))
            {
                ThrowHelper.Argument($"Topic '{t.Topic}' is defined twice.", nameof(topics));
            }

            if (t.Partitions < 0 || t.Partitions > InputLimits.MaxPartitionsPerTopic)
            {
                ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Topic '{t.Topic}': partition count {t.Partitions} is out of range; it must lie between 0 (take the brokerset's) and {InputLimits.MaxPartitionsPerTopic}."), nameof(topics));
            }

            if (t.ReplicationFactor < 1)
            {
                ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Topic '{t.Topic}': replication factor {t.ReplicationFactor} is less than 1."), nameof(topics));
            }

            if (t.BrokersetName is null)
            {
                ThrowHelper.Argument($"Topic '{t.Topic}' names no brokerset.", nameof(topics));
            }

            if (!byName.ContainsKey(t.BrokersetName))
            {
                ThrowHelper.Argument($"Topic '{t.Topic}' names unknown brokerset '{t.BrokersetName}' (known: {(sets.IsEmpty ? "none" : string.Join(", ", sets.Select(s => s.Name)))}).", nameof(topics));
            }
        }

        long replicas = 0;
        foreach (TopicSpec t in list)
        {
            Brokerset b = byName[t.BrokersetName!];
            replicas += (long)(b.Partitions > 0 ? b.Partitions : t.Partitions) * t.ReplicationFactor;
            if (replicas > InputLimits.MaxReplicas)
            {
                ThrowHelper.Argument(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Topic '{t.Topic}': the topics up to this one ask for {replicas} replicas (partitions × replication factor), more than the limit of {InputLimits.MaxReplicas}."), nameof(topics));
            }
        }

        return new PlacementSpec(sets, list, byName.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The brokerset named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such brokerset; the message lists the known ones.</exception>
    public Brokerset GetBrokerset(string name) =>
        _byName.TryGetValue(name, out Brokerset? b)
            ? b
            : ThrowHelper.Argument<Brokerset>($"Unknown brokerset '{name}' (known: {string.Join(", ", Brokersets.Select(s => s.Name))}).", nameof(name));

    /// <summary>The brokerset topic <paramref name="topic"/> is pinned to.</summary>
    /// <exception cref="ArgumentException">The topic names no brokerset of this spec.</exception>
    public Brokerset BrokersetOf(TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return GetBrokerset(topic.BrokersetName ?? ThrowHelper.Argument<string>($"Topic '{topic.Topic}' names no brokerset.", nameof(topic)));
    }

    /// <summary>Returns this spec with every brokerset's racks taken from <paramref name="cluster"/>.</summary>
    public PlacementSpec WithRacks(Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Create(Brokersets.Select(b => b.WithRacks(cluster)), Topics);
    }

    /// <summary>Returns this spec with broker overrides applied to every brokerset.</summary>
    /// <exception cref="ArgumentException">An override maps a member onto an id already in its brokerset.</exception>
    public PlacementSpec WithOverrides(BrokerOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return Create(Brokersets.Select(b => b.WithOverrides(overrides)), Topics);
    }

    /// <summary>Lists the brokersets and the topics on each.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var table = new TextTable("topic", "brokerset", "partitions", "rf", "stride").AlignRight(2, 3, 4);
        foreach (Brokerset b in Brokersets)
        {
            sb.Append(b).Append('\n');
        }

        foreach (TopicSpec t in Topics)
        {
            table.Add(t.Topic, t.BrokersetName ?? "", t.Partitions > 0 ? t.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                t.ReplicationFactor.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Stride.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.AppendTo(sb);
        return sb.ToString();
    }
}
