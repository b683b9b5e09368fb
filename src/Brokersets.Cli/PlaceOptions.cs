namespace Brokersets.Cli;

/// <summary>The options of <c>brokersets place</c>; the defaults place the built-in example with the rack-aware strategy.</summary>
/// <param name="Brokersets">Orion's brokerset file, or <see langword="null"/> for the built-in example.</param>
/// <param name="Topics">Orion's topic file, or <see langword="null"/> for the built-in example.</param>
/// <param name="Cluster">The cluster file (racks), or <see langword="null"/>.</param>
/// <param name="Overrides">Orion's broker-override file, or <see langword="null"/>.</param>
/// <param name="Strategy">The placement (default: rack-aware).</param>
/// <param name="Format"><c>table</c> or <c>kafka-json</c>.</param>
internal sealed record PlaceOptions(
    string? Brokersets = null,
    string? Topics = null,
    string? Cluster = null,
    string? Overrides = null,
    StrategyChoice? Strategy = null,
    string Format = PlaceOptions.Table)
{
    /// <summary>Per-topic tables and per-broker/per-rack counts (the default).</summary>
    public const string Table = "table";

    /// <summary>Kafka's reassignment JSON, alone on stdout.</summary>
    public const string KafkaJson = "kafka-json";
}
