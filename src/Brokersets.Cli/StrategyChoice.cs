using System;
using System.CommandLine;
using System.Linq;

namespace Brokersets.Cli;

/// <summary>
/// The placement a command uses, from <c>--strategy rack-aware|orion|kafka</c> and its options: Orion's
/// <c>--step-size</c>; Kafka's <c>--start-index</c>, <c>--replica-shift</c>, <c>--start-partition</c>, or
/// <c>--seed</c> to draw the start index and replica shift per topic as Kafka does at random (seeded, so repeatable).
/// </summary>
internal sealed class StrategyChoice
{
    /// <summary>The rack-aware stride strategy (the default).</summary>
    public const string RackAware = "rack-aware";

    /// <summary>Orion's stride formula.</summary>
    public const string Orion = "orion";

    /// <summary>Kafka's classic default placement.</summary>
    public const string Kafka = "kafka";

    private StrategyChoice(PlacementStrategy strategy, int? seed)
    {
        Strategy = strategy;
        Seed = seed;
    }

    /// <summary>The strategy; for seeded Kafka draws, Kafka's placement with start index and replica shift 0 (what the advisors see).</summary>
    public PlacementStrategy Strategy { get; }

    /// <summary>The seed of Kafka's per-topic draws, or <see langword="null"/> for fixed values.</summary>
    public int? Seed { get; }

    /// <summary>The start partition of Kafka's placement (0 for other strategies).</summary>
    public int StartPartition => Strategy is KafkaDefaultPlacement k ? k.StartPartition : 0;

    /// <summary>Validates the combination and builds the choice.</summary>
    /// <exception cref="UsageException">An option that does not apply to the strategy, a negative value, or <c>--seed</c> with explicit Kafka values.</exception>
    public static StrategyChoice From(string name, int? stepSize, int? startIndex = null, int? replicaShift = null, int? startPartition = null, int? seed = null)
    {
        if (name != Orion && stepSize is not null)
        {
            throw new UsageException("--step-size applies only to --strategy orion.");
        }

        if (name != Kafka)
        {
            string? kafkaOnly = startIndex is not null ? "--start-index" : replicaShift is not null ? "--replica-shift" : startPartition is not null ? "--start-partition" : seed is not null ? "--seed" : null;
            if (kafkaOnly is not null)
            {
                throw new UsageException($"{kafkaOnly} applies only to --strategy kafka.");
            }
        }

        switch (name)
        {
            case Orion:
                int k = stepSize ?? OrionStridePlacement.DefaultStepSize;
                return k < 0
                    ? throw new UsageException($"--step-size {k} is negative; the step size is ≥ 0 (default {OrionStridePlacement.DefaultStepSize}).")
                    : new StrategyChoice(new OrionStridePlacement(k), null);
            case Kafka:
                NotNegative("--start-index", startIndex);
                NotNegative("--replica-shift", replicaShift);
                NotNegative("--start-partition", startPartition);
                if (seed is not null && (startIndex is not null || replicaShift is not null))
                {
                    throw new UsageException("--seed draws the start index and replica shift per topic; give either --seed or --start-index/--replica-shift.");
                }

                return new StrategyChoice(new KafkaDefaultPlacement(startIndex ?? 0, replicaShift ?? 0, startPartition ?? 0), seed);
            default:
                return new StrategyChoice(PlacementStrategy.RackAware, null);
        }
    }

    /// <summary>What the table formats print after <c>strategy: </c>.</summary>
    public override string ToString() =>
        Seed is { } s ? $"kafka (start index and replica shift drawn per topic in [0, n), seed {s})"
        : Strategy is RackAwareStridePlacement ? "rack-aware (default)"
        : Strategy.ToString();

    /// <summary>Places every topic of <paramref name="files"/> (Kafka's per-topic draws from <see cref="Seed"/> when set).</summary>
    /// <exception cref="ArgumentException">The input makes a placement impossible; the message hints at <c>--cluster</c> when racks are missing.</exception>
    public ClusterAssignment PlaceAll(SpecFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            return Seed is { } seed ? PlaceKafkaDraw(files.Spec, new Random(seed)) : Strategy.PlaceAll(files.Spec);
        }
        catch (ArgumentException e) when (files.Cluster is null && Strategy is RackAwareStridePlacement)
        {
            throw new ArgumentException($"{ErrorMessages.OneLine(e)} (pass --cluster FILE with every broker's rack, or use --strategy orion)", e);
        }
    }

    /// <summary>
    /// One of Kafka's random layouts: for each topic in order, the start index and then the replica shift drawn
    /// uniformly from [0, n) of its brokerset, as Kafka's <c>assignReplicasToBrokers</c> does without a fixed start.
    /// </summary>
    public ClusterAssignment PlaceKafkaDraw(PlacementSpec spec, Random random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        int p0 = StartPartition;
        return ClusterAssignment.Create(spec.Topics.Select(t =>
        {
            Brokerset set = spec.BrokersetOf(t);
            int start = random.Next(set.Count);
            int shift = random.Next(set.Count);
            return new KafkaDefaultPlacement(start, shift, p0).Place(set, t);
        }).ToList());
    }

    /// <summary>Adds <c>--strategy</c> and its options to <paramref name="command"/>; <paramref name="kafkaPartitions"/> adds <c>--start-partition</c>, <paramref name="seed"/> adds <c>--seed</c>.</summary>
    public static Options AddOptions(Command command, bool kafkaPartitions, bool seed)
    {
        ArgumentNullException.ThrowIfNull(command);
        var strategy = new Option<string>("--strategy") { Description = "Placement strategy (kafka = Kafka's classic default placement)", DefaultValueFactory = _ => RackAware };
        strategy.AcceptOnlyFromAmong(RackAware, Orion, Kafka);
        var options = new Options(
            strategy,
            new Option<int>("--step-size") { Description = "Orion's step size k (default 3); only with --strategy orion", HelpName = "N" },
            new Option<int>("--start-index") { Description = "Kafka's start index (default 0); only with --strategy kafka. Kafka's fixed-start mode is the same value for --start-index and --replica-shift", HelpName = "N" },
            new Option<int>("--replica-shift") { Description = "Kafka's replica shift (default 0); only with --strategy kafka", HelpName = "M" },
            kafkaPartitions ? new Option<int>("--start-partition") { Description = "Kafka's start partition id: place the topics' partitions as ids P0.. (as when partitions are added); only with --strategy kafka", HelpName = "P0" } : null,
            seed ? new Option<int>("--seed") { Description = "Draw Kafka's start index and replica shift per topic from this seed (as Kafka does at random); only with --strategy kafka", HelpName = "S" } : null);
        command.Options.Add(options.Strategy);
        command.Options.Add(options.StepSize);
        command.Options.Add(options.StartIndex);
        command.Options.Add(options.ReplicaShift);
        if (options.StartPartition is not null)
        {
            command.Options.Add(options.StartPartition);
        }

        if (options.Seed is not null)
        {
            command.Options.Add(options.Seed);
        }

        return options;
    }

    /// <summary>The strategy options of one command.</summary>
    internal sealed record Options(Option<string> Strategy, Option<int> StepSize, Option<int> StartIndex, Option<int> ReplicaShift, Option<int>? StartPartition, Option<int>? Seed)
    {
        /// <summary>The choice the parsed command line makes.</summary>
        public StrategyChoice Resolve(ParseResult parseResult) => From(
            parseResult.GetValue(Strategy) ?? RackAware,
            ValueOf(parseResult, StepSize),
            ValueOf(parseResult, StartIndex),
            ValueOf(parseResult, ReplicaShift),
            ValueOf(parseResult, StartPartition),
            ValueOf(parseResult, Seed));
    }

    /// <summary>The option's value, or <see langword="null"/> when it is absent from the command line.</summary>
    public static int? ValueOf(ParseResult parseResult, Option<int>? option) =>
        option is null || parseResult.GetResult(option) is null ? null : parseResult.GetValue(option);

    /// <summary>The option's value, or <see langword="null"/> when it is absent from the command line.</summary>
    public static double? ValueOf(ParseResult parseResult, Option<double>? option) =>
        option is null || parseResult.GetResult(option) is null ? null : parseResult.GetValue(option);

    private static void NotNegative(string option, int? value)
    {
        if (value < 0)
        {
            throw new UsageException($"{option} {value} is negative; Kafka's values are ≥ 0.");
        }
    }
}
