using System;
using System.Collections.Generic;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>A topic held by the test cluster (mutable; guarded by the cluster's lock).</summary>
internal sealed class TestTopic
{
    public TestTopic(string name, bool isInternal = false)
    {
        Name = name;
        Id = Guid.NewGuid();
        IsInternal = isInternal;
    }

    public string Name { get; }

    public Guid Id { get; }

    public bool IsInternal { get; }

    public List<TestPartition> Partitions { get; } = new();
}

/// <summary>A partition of the test cluster, with its reassignment in flight if any.</summary>
internal sealed class TestPartition
{
    public TestPartition(int index, List<int> replicas)
    {
        Index = index;
        Replicas = replicas;
        Leader = replicas[0];
        Isr = new List<int>(replicas);
    }

    public int Index { get; }

    /// <summary>Current replicas; during a move: the target followed by the replicas being removed (KRaft: removing ascending).</summary>
    public List<int> Replicas { get; set; }

    public int Leader { get; set; }

    /// <summary>Bumped whenever the leader changes or replicas leave the partition (what Metadata v7+ reports).</summary>
    public int LeaderEpoch { get; set; }

    public List<int> Isr { get; set; }

    public TestMove? Move { get; set; }
}

/// <summary>
/// A reassignment in flight, as Kafka's controller stores it: the replicas being added and removed (the target is
/// <see cref="TestPartition.Replicas"/> without <see cref="Removing"/>), and when (in List polls) it completes.
/// </summary>
internal sealed class TestMove
{
    public TestMove(List<int> adding, List<int> removing, long startedAtTick, long completesAtTick)
    {
        Adding = adding;
        Removing = removing;
        StartedAtTick = startedAtTick;
        CompletesAtTick = completesAtTick;
    }

    public List<int> Adding { get; set; }

    public List<int> Removing { get; set; }

    public long StartedAtTick { get; set; }

    public long CompletesAtTick { get; set; }
}

/// <summary>Which controller the test cluster imitates.</summary>
internal enum TestControllerMode
{
    /// <summary>
    /// Kafka's KRaft controller (the default since 3.3, the only mode of 4.x): adding/removing replicas in ascending
    /// order, a redirect worked out from the current replicas, a cancel reverts to the current replicas minus the adding
    /// ones, and every broker forwards controller requests (no NOT_CONTROLLER reaches a client).
    /// </summary>
    KRaft = 0,

    /// <summary>
    /// The ZooKeeper-mode controller: adding/removing replicas in list order, a redirect worked out from the replicas
    /// before the first move, and brokers other than the controller answer NOT_CONTROLLER to controller requests.
    /// </summary>
    ZooKeeper,
}
