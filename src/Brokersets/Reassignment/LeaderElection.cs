using System.Diagnostics;

namespace Brokersets;

/// <summary>A partition whose preferred leader changes, to elect after its moves complete (Kafka's preferred-leader election).</summary>
/// <remarks><c>default(LeaderElection)</c> is an empty row with no topic. Immutable.</remarks>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition id.</param>
/// <param name="CurrentLeader">The preferred leader before the reassignment.</param>
/// <param name="PreferredLeader">The preferred leader after it (the target list's first replica).</param>
[DebuggerDisplay("{Topic,nq}-{Partition}: {CurrentLeader} → {PreferredLeader}")]
public readonly record struct LeaderElection(string Topic, int Partition, int CurrentLeader, int PreferredLeader);
