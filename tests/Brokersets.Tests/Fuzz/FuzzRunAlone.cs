namespace Brokersets.Tests.Fuzz;

/// <summary>
/// The CLI fuzz properties bound each run's wall-clock time (20 s) and the process's memory, and some generated inputs
/// sit at the limits (a brokerset of 1,000,000 partitions takes about 5 s to place and print), so they run alone after
/// the rest of the assembly instead of beside tests that would share the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzRunAlone
{
    /// <summary>The collection's name.</summary>
    public const string Name = "CLI fuzz (run alone)";
}
