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

    /// <summary>Current replicas; during a move: target followed by the replicas being removed (KRaft order).</summary>
    public List<int> Replicas { get; set; }

    public int Leader { get; set; }

    public List<int> Isr { get; set; }

    public TestMove? Move { get; set; }
}

/// <summary>A reassignment in flight: where it started, where it goes, and when (in List polls) it completes.</summary>
internal sealed record TestMove(List<int> Original, List<int> Target, long CompletesAtTick)
{
    public List<int> Adding => Target.FindAll(b => !Original.Contains(b));

    public List<int> Removing => Original.FindAll(b => !Target.Contains(b));
}
