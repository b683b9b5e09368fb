namespace Brokersets;

/// <summary>What a <see cref="DriftReport"/> counts as the desired assignment of a topic.</summary>
public enum DriftMode
{
    /// <summary>The strategy's layout, exactly (partition i has list i, in order): what an Orion-compatible audit needs. The default.</summary>
    ExactLayout = 0,

    /// <summary>
    /// Any assignment that keeps the rack-aware strategy's guarantees on the topic's brokerset (valid lists, rack
    /// diversity, leader balance per broker and per rack, replica balance within racks), such as a minimal-movement
    /// target. A topic that violates them is compared with, and repaired to, its minimal-movement target. Applies to
    /// the rack-aware strategy; other strategies are audited against their exact layout.
    /// </summary>
    Balanced = 1,
}
