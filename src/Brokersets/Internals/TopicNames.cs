using System;
using System.Globalization;

namespace Brokersets.Internals;

/// <summary>
/// Kafka's rule for topic names (<c>org.apache.kafka.common.internals.Topic.validate</c>): not empty, not <c>.</c> or
/// <c>..</c>, at most <see cref="InputLimits.MaxTopicNameLength"/> characters, only ASCII letters, digits, <c>.</c>,
/// <c>_</c> and <c>-</c>.
/// </summary>
internal static class TopicNames
{
    /// <summary>What is wrong with <paramref name="topic"/> (a sentence without the topic), or <see langword="null"/> when Kafka accepts it.</summary>
    public static string? Problem(string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return "a topic name must not be empty";
        }

        if (topic is "." or "..")
        {
            return "a topic name must not be '.' or '..'";
        }

        if (topic.Length > InputLimits.MaxTopicNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a topic name has at most {InputLimits.MaxTopicNameLength} characters, this one {topic.Length}");
        }

        for (int i = 0; i < topic.Length; i++)
        {
            char c = topic[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"character {Describe(c)} at index {i} is not allowed; a topic name uses only ASCII letters, digits, '.', '_' and '-'");
            }
        }

        return null;
    }

    /// <summary>Whether Kafka accepts <paramref name="topic"/>.</summary>
    public static bool IsLegal(string? topic) => Problem(topic) is null;

    /// <summary>Whether <paramref name="topic"/> mixes '.' and '_', which collide in Kafka's metric names (Kafka warns).</summary>
    public static bool MixesPeriodAndUnderscore(string topic) =>
        topic.Contains('.', StringComparison.Ordinal) && topic.Contains('_', StringComparison.Ordinal);

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="topic"/> when Kafka would refuse it.</summary>
    public static void Check(string? topic, string paramName)
    {
        if (Problem(topic) is { } problem)
        {
            ThrowHelper.Argument($"Topic {(topic is null ? "(null)" : Serialization.JsonInput.Quote(topic))}: {problem}.", paramName);
        }
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : string.Create(CultureInfo.InvariantCulture, $"'{c}' (U+{(int)c:X4})");
}
