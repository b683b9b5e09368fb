using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text.RegularExpressions;

namespace Brokersets.Cli;

/// <summary>
/// Which topics a command looks at: <c>--include REGEX</c>, <c>--exclude REGEX</c> (each matched against the whole
/// topic name, as Kafka's tools match their topic patterns) and, by default, no internal topic.
/// </summary>
/// <remarks>
/// Internal topics are the names starting with <c>_</c>: Kafka's own (<c>__consumer_offsets</c>,
/// <c>__transaction_state</c>, <c>__share_group_state</c>; Kafka reserves the <c>__</c> prefix) and the Confluent
/// Platform's (<c>_schemas</c> of Schema Registry, <c>_confluent-*</c> of Metrics, Control Center, ksqlDB, the license
/// and the balancer). They are placed by their services, not by brokersets, so they are skipped unless the desired
/// state names them or <c>--include-internal</c> is given. Kafka Connect's and MirrorMaker's topics have
/// user-chosen names (<c>connect-offsets</c>, <c>mm2-offset-syncs.*.internal</c>): leave them out with <c>--exclude</c>.
/// </remarks>
/// <param name="Include">Only topics matching this, or <see langword="null"/> for all.</param>
/// <param name="Exclude">No topic matching this, or <see langword="null"/> for none.</param>
/// <param name="IncludeInternal">Whether internal topics are looked at too.</param>
internal sealed record TopicFilter(Regex? Include, Regex? Exclude, bool IncludeInternal)
{
    /// <summary>Internal topics skipped, no regex.</summary>
    public static TopicFilter Default { get; } = new(null, null, false);

    /// <summary>Whether <paramref name="topic"/> is internal (its name starts with <c>_</c>).</summary>
    public static bool IsInternal(string topic) => topic.StartsWith('_');

    /// <summary>Whether the command looks at <paramref name="topic"/>; <paramref name="named"/> when the desired state names it (then internal or not does not matter).</summary>
    /// <exception cref="UsageException">A regular expression ran past its time limit (catastrophic backtracking) on this name.</exception>
    public bool Takes(string topic, bool named = false) =>
        (named || IncludeInternal || !IsInternal(topic)) && (Include is null || Matches("--include", Include, topic)) && !(Exclude is not null && Matches("--exclude", Exclude, topic));

    private static bool Matches(string option, Regex regex, string topic)
    {
        try
        {
            return regex.IsMatch(topic);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new UsageException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{option} '{Original(regex)}' took more than {regex.MatchTimeout.TotalSeconds:0.#} s on topic '{topic}' (catastrophic backtracking); simplify the regular expression."));
        }
    }

    /// <summary>The pattern as the user gave it (without the anchors <see cref="Parse"/> adds).</summary>
    private static string Original(Regex regex)
    {
        string anchored = regex.ToString();
        return anchored.StartsWith("^(?:", StringComparison.Ordinal) && anchored.EndsWith(")$", StringComparison.Ordinal) ? anchored[4..^2] : anchored;
    }

    /// <summary>Why <paramref name="topic"/> is skipped: "internal", "--include" or "--exclude".</summary>
    public string Reason(string topic, bool named = false) =>
        Include is not null && !Matches("--include", Include, topic) ? "not matching --include" : Exclude is not null && Matches("--exclude", Exclude, topic) ? "--exclude" : "internal";

    /// <summary>The one-line note naming the skipped topics (at most 10), or <see langword="null"/> when none was skipped.</summary>
    public static string? Note(IReadOnlyCollection<string> skipped, Func<string, string> reason)
    {
        if (skipped.Count == 0)
        {
            return null;
        }

        string list = string.Join(", ", skipped.Order(StringComparer.Ordinal).Take(10).Select(t => $"{t} ({reason(t)})"));
        return $"skipped {skipped.Count} topic{(skipped.Count == 1 ? "" : "s")}: {list}{(skipped.Count > 10 ? ", …" : "")}";
    }

    /// <summary>The options <c>--include</c>, <c>--exclude</c>, <c>--include-internal</c>.</summary>
    internal sealed class Options
    {
        public Option<string> Include { get; } = new("--include") { Description = "Only topics whose whole name matches this .NET regular expression (e.g. 'orders|payments-.*')", HelpName = "REGEX" };

        public Option<string> Exclude { get; } = new("--exclude") { Description = "Leave out topics whose whole name matches this regular expression (e.g. 'connect-.*')", HelpName = "REGEX" };

        public Option<bool> IncludeInternal { get; } = new("--include-internal") { Description = "Also look at internal topics (names starting with _: __consumer_offsets, __transaction_state, _schemas, _confluent-*), skipped by default unless the topic file names them" };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(Include);
            command.Options.Add(Exclude);
            command.Options.Add(IncludeInternal);
        }

        /// <summary>The filter the parsed options describe.</summary>
        /// <exception cref="UsageException">A regular expression that does not parse.</exception>
        public TopicFilter Read(ParseResult parseResult) =>
            new(Parse("--include", parseResult.GetValue(Include)), Parse("--exclude", parseResult.GetValue(Exclude)), parseResult.GetValue(IncludeInternal));
    }

    /// <summary>The regular expression of an option, anchored to the whole name.</summary>
    /// <exception cref="UsageException">It does not parse.</exception>
    public static Regex? Parse(string option, string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option} '{pattern}' is not a valid regular expression: {e.Message}");
        }
    }
}
