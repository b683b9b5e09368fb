namespace Brokersets.Cli;

/// <summary>The options of <c>brokersets place</c>; the defaults place the built-in example with the rack-aware strategy.</summary>
/// <param name="Brokersets">Orion's brokerset file, or <see langword="null"/> for the built-in example.</param>
/// <param name="Topics">Orion's topic file, or <see langword="null"/> for the built-in example.</param>
/// <param name="Cluster">The cluster file (racks), or <see langword="null"/>.</param>
/// <param name="Overrides">Orion's broker-override file, or <see langword="null"/>.</param>
/// <param name="Strategy"><c>rack-aware</c> or <c>orion</c>.</param>
/// <param name="StepSize">Orion's step size, or <see langword="null"/> for the default (3); only with <c>orion</c>.</param>
/// <param name="Format"><c>table</c> or <c>kafka-json</c>.</param>
internal sealed record PlaceOptions(
    string? Brokersets = null,
    string? Topics = null,
    string? Cluster = null,
    string? Overrides = null,
    string Strategy = PlaceOptions.RackAware,
    int? StepSize = null,
    string Format = PlaceOptions.Table)
{
    /// <summary>The rack-aware stride strategy (the default).</summary>
    public const string RackAware = "rack-aware";

    /// <summary>Orion's stride formula.</summary>
    public const string Orion = "orion";

    /// <summary>Per-topic tables and per-broker/per-rack counts (the default).</summary>
    public const string Table = "table";

    /// <summary>Kafka's reassignment JSON, alone on stdout.</summary>
    public const string KafkaJson = "kafka-json";
}
