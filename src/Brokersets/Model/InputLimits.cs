namespace Brokersets;

/// <summary>
/// The limits the library enforces on its inputs, so that a hostile or mistyped value is refused up front with an
/// <see cref="System.ArgumentException"/> naming it, instead of exhausting memory or overflowing a figure.
/// </summary>
/// <remarks>The README's "Limits" table lists these together with the command line's own limits.</remarks>
public static class InputLimits
{
    /// <summary>The longest topic name Kafka accepts: 249 characters.</summary>
    public const int MaxTopicNameLength = 249;

    /// <summary>The most brokers one brokerset (and one broker id range) may hold: 100,000.</summary>
    public const int MaxBrokersPerBrokerset = 100_000;

    /// <summary>The most partitions one topic may have: 1,000,000.</summary>
    public const int MaxPartitionsPerTopic = 1_000_000;

    /// <summary>The most replicas (partitions × replication factor, summed over the topics) one placement spec may ask for: 10,000,000.</summary>
    public const int MaxReplicas = 10_000_000;

    /// <summary>
    /// What Kafka objects to in the topic name <paramref name="topic"/>, or <see langword="null"/> when Kafka accepts
    /// it: a name is not empty, not <c>.</c> or <c>..</c>, at most <see cref="MaxTopicNameLength"/> characters, and
    /// uses only ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.
    /// </summary>
    /// <remarks>Kafka also warns about a name that mixes <c>.</c> and <c>_</c> (they collide in metric names); that is legal.</remarks>
    public static string? TopicNameProblem(string? topic) => Internals.TopicNames.Problem(topic);
}
