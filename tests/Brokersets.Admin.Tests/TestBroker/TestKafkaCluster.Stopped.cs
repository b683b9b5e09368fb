using System.Collections.Generic;
using System.Linq;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>Brokers that died: gone from Metadata (as Kafka lists live brokers only), out of every ISR, no longer leaders.</summary>
internal sealed partial class TestKafkaCluster
{
    private readonly HashSet<int> _stopped = new();

    /// <summary>The brokers Metadata lists: all but the stopped ones (call under <see cref="Gate"/>).</summary>
    public IEnumerable<(int Id, string? Rack)> LiveBrokersLocked() => Brokers.Where(b => !_stopped.Contains(b.Id));

    /// <summary>
    /// Stops broker <paramref name="brokerId"/> as a crash would: its listener stops answering, Metadata stops listing
    /// it, it leaves every ISR, and each partition it led gets the first in-sync replica in replica order as leader
    /// (-1 when none is left), as Kafka's controller elects.
    /// </summary>
    public void StopBroker(int brokerId)
    {
        lock (Gate)
        {
            _stopped.Add(brokerId);
            foreach (TestPartition p in Topics.Values.SelectMany(t => t.Partitions))
            {
                p.Isr.Remove(brokerId);
                if (p.Leader == brokerId)
                {
                    p.Leader = p.Replicas.FirstOrDefault(p.Isr.Contains, -1);
                }
            }
        }

        SetReachable(brokerId, reachable: false);
    }
}
