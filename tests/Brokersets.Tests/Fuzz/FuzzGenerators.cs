using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Brokersets.Tests.Fuzz;

/// <summary>One of the example input files, mutated once, and the command line that reads it.</summary>
/// <param name="File">The example file mutated (a name under docs/examples).</param>
/// <param name="Mutation">What was done, for the failure report.</param>
/// <param name="Bytes">The mutated content.</param>
/// <param name="Command">Which command reads it, and how (see <see cref="CliFuzzTests"/>).</param>
/// <param name="Format">The output format asked for.</param>
/// <param name="Strategy">The placement strategy asked for.</param>
public sealed record FileCase(string File, string Mutation, byte[] Bytes, string Command, string Format, string Strategy)
{
    public override string ToString() => $"{Command} --format {Format} --strategy {Strategy}, {File} with {Mutation}";
}

/// <summary>A command line of the built-in example with one option given a hostile value.</summary>
public sealed record OptionCase(string[] Args)
{
    public override string ToString() => string.Join(" ", Args.Select(a => "'" + a + "'"));
}

/// <summary>Generators of hostile input: mutated files and option values.</summary>
public static partial class FuzzGenerators
{
    /// <summary>The example files that a command reads, with the commands that read each.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Readers = new Dictionary<string, string[]>
    {
        ["brokersets.json"] = ["place", "plan", "analyze"],
        ["topics.json"] = ["place", "plan", "analyze"],
        ["cluster.json"] = ["place", "plan"],
        ["overrides.json"] = ["place"],
        ["current.json"] = ["plan", "diff-current", "analyze-assignment"],
        ["layout.json"] = ["diff-target"],
        ["sizes.json"] = ["plan-sizes"],
        ["usage.json"] = ["advise-usage"],
    };

    /// <summary>A usage file for <c>advise --usage</c> (the examples have none).</summary>
    public const string Usage = """{"brokers":[{"id":1,"inMBps":10.5,"outMBps":20,"diskGB":100},{"id":2,"inMBps":0,"outMBps":0,"diskGB":0}]}""";

    public static readonly string[] HostileNumbers =
    [
        "0", "-1", "1", "3", "7", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "1e309", "-1e309", "1e308", "1.5", "1e3", "1E400", "-0", "1000000", "10000000", "\"1\"", "null", "true", "[]", "{}",
    ];

    public static readonly string[] HostileStrings =
    [
        "", " ", ".", "..", "a/b", "my topic", "a\\u0000b", "a\\nb", "\\ud800", "\\udc00x", "\\ud83d\\ude00", "caf\\u00e9", new string('a', 249), new string('a', 250),
        "orders", "payments", "Capacity_B6_P6_0", "a.b_c", "x", "AZ1", "-", "_", "a-b.c",
    ];

    public static readonly string[] HostileOptionValues =
    [
        "1,5", "1.5", "-1", "0", "1", "2", "1e309", "NaN", "Infinity", "-Infinity", "2147483647", "2147483648", "-2147483649",
        "9223372036854775808", "0x10", "1_000", " 3", "", "\u0663", "1e308", "1e-320", "5000", "1e9", "1000000001", "abc", "--help",
    ];

    /// <summary>Regular expressions for <c>--include</c>/<c>--exclude</c>: invalid ones, catastrophic backtracking, huge counts, ordinary ones.</summary>
    public static readonly string[] HostileRegexes =
    [
        "(", ")", "[a-", "(?<", "*", "+", "\\", "\\p{NoSuchCategory}", "a{2147483648}", "a{2,1}", "(?<x>a)\\k<y>", new string('(', 2000),
        "(a+)+b", "(a|a)*c", "(.*)*x", "(a|aa)+$", "([a-z]+)*[0-9]", "(x+x+)+y", "a{1,100000}{1,100000}",
        "", ".*", "orders", "orders|payments-.*", "(?i)ORDERS", "a.b_c", "[", "\u0000", "\ud800",
    ];

    /// <summary>Topic names the regexes are matched against: long runs that make backtracking explode, and the hostile strings.</summary>
    public static Gen<string> TopicNames() =>
        Gen.OneOf(
            Gen.Elements(HostileStrings),
            from n in Gen.Choose(0, 64)
            from tail in Gen.Elements("", "!", "c", "1", "y")
            from c in Gen.Elements('a', 'x', 'o')
            select new string(c, n) + tail);

    public static Arbitrary<RegexCase> RegexCases() =>
        (from option in Gen.Elements("--include", "--exclude")
         from pattern in Gen.OneOf(Gen.Elements(HostileRegexes), Gen.ArrayOf(Gen.Elements(HostileRegexes), 2).Select(p => string.Concat(p)))
         from topics in Gen.ArrayOf(TopicNames(), 3)
         select new RegexCase(option, pattern, topics)).ToArbitrary();

    public static Arbitrary<TimeoutCase> TimeoutCases() =>
        (from command in Gen.Elements("status", "cancel", "export", "apply")
         from value in Gen.Elements(HostileOptionValues)
         select new TimeoutCase(command, value)).ToArbitrary();

    /// <summary>The numeric options and a command line each belongs to (the built-in example or the example files).</summary>
    public static readonly (string Option, string[] Args)[] NumericOptions =
    [
        ("--throttle-mbps", ["plan", .. PlanFiles]),
        ("--max-incoming", ["plan", .. PlanFiles]),
        ("--max-outgoing", ["plan", .. PlanFiles]),
        ("--max-bytes-in-flight", ["plan", .. PlanFiles, "--sizes", Example("sizes.json")]),
        ("--step-size", ["plan", .. PlanFiles, "--strategy", "orion"]),
        ("--draws", ["analyze", "--strategy", "kafka"]),
        ("--seed", ["analyze", "--strategy", "kafka", "--draws", "3"]),
        ("--seed", ["place", "--strategy", "kafka"]),
        ("--start-index", ["place", "--strategy", "kafka", "--format", "kafka-json"]),
        ("--replica-shift", ["place", "--strategy", "kafka", "--format", "kafka-json"]),
        ("--start-partition", ["place", "--strategy", "kafka", "--format", "kafka-json"]),
        ("--step-size", ["place", "--strategy", "orion", "--format", "kafka-json"]),
        ("--produce-mbps", ["advise", "--new-topic", "t"]),
        ("--consume-mbps", ["advise", "--new-topic", "t", "--produce-mbps", "10"]),
        ("--replication-factor", ["advise", "--new-topic", "t", "--produce-mbps", "10"]),
        ("--partition-mbps", ["advise", "--new-topic", "t", "--produce-mbps", "10"]),
        ("--retention-hours", ["advise", "--new-topic", "t", "--produce-mbps", "10", "--format", "json"]),
        ("--broker-in-mbps", ["advise", "--new-topic", "t", "--produce-mbps", "10"]),
        ("--broker-out-mbps", ["advise", "--new-topic", "t", "--produce-mbps", "10"]),
        ("--broker-disk-gb", ["advise", "--new-topic", "t", "--produce-mbps", "10", "--retention-hours", "24"]),
        ("--max-utilization", ["advise", "--new-topic", "t", "--produce-mbps", "10"]),
    ];

    private static string[] PlanFiles =>
        ["--current", Example("current.json"), "--brokersets", Example("brokersets.json"), "--topics", Example("topics.json"), "--cluster", Example("cluster.json")];

    public static string Example(string name) => TestData.RepositoryFile("docs", "examples", name);

    public static byte[] Original(string file) =>
        file == "usage.json" ? Encoding.UTF8.GetBytes(Usage) : System.IO.File.ReadAllBytes(Example(file));

    public static Arbitrary<FileCase> FileCases() =>
        (from file in Gen.Elements(Readers.Keys.ToArray())
         from command in Gen.Elements(Readers[file])
         from mutation in Mutations(Encoding.UTF8.GetString(Original(file)))
         from format in Gen.Elements("table", "kafka-json", "json")
         from strategy in Gen.Elements("rack-aware", "orion", "kafka")
         select new FileCase(file, mutation.Name, mutation.Bytes, command, format, strategy)).ToArbitrary();

    public static Arbitrary<OptionCase> OptionCases() =>
        (from option in Gen.Elements(NumericOptions)
         from value in Gen.Elements(HostileOptionValues)
         from twice in Gen.Choose(0, 9).Select(k => k == 0)
         select new OptionCase(twice ? [.. option.Args, option.Option, "1", option.Option, value] : [.. option.Args, option.Option, value])).ToArbitrary();

    /// <summary>One mutation of <paramref name="text"/>: a number or string replaced, a key repeated, bytes broken, or deep nesting.</summary>
    public static Gen<(string Name, byte[] Bytes)> Mutations(string text)
    {
        MatchCollection numbers = NumberToken().Matches(text);
        MatchCollection strings = StringToken().Matches(text);
        MatchCollection keys = KeyToken().Matches(text);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var gens = new List<Gen<(string Name, byte[] Bytes)>>
        {
            from at in Gen.Choose(0, bytes.Length)
            from b in Gen.Elements<byte>(0x00, 0xFF, 0xC3, 0xED, 0x80, (byte)'{', (byte)']', (byte)',', (byte)'"', (byte)'\\')
            select ($"byte 0x{b:X2} inserted at {at}", (byte[])[.. bytes.AsSpan(0, at), b, .. bytes.AsSpan(at)]),
            from at in Gen.Choose(0, bytes.Length)
            select ($"truncated at {at}", bytes[..at]),
        };
        if (numbers.Count > 0)
        {
            gens.Add(from i in Gen.Choose(0, numbers.Count - 1)
                     from v in Gen.Elements(HostileNumbers)
                     select ($"number {numbers[i].Value} at {numbers[i].Index} -> {v}", Utf8(Replace(text, numbers[i], v))));
            gens.Add(from i in Gen.Choose(0, numbers.Count - 1)
                     from depth in Gen.Elements(10, 63, 65, 1000)
                     select ($"number at {numbers[i].Index} nested {depth} deep", Utf8(Replace(text, numbers[i], new string('[', depth) + "1" + new string(']', depth)))));
            gens.Add(gens[^2]); // numbers are where most limits are: twice the weight
        }

        if (strings.Count > 0)
        {
            gens.Add(from i in Gen.Choose(0, strings.Count - 1)
                     from v in Gen.Elements(HostileStrings)
                     select ($"string {strings[i].Value} at {strings[i].Index} -> \"{v}\"", Utf8(Replace(text, strings[i], "\"" + v + "\""))));
        }

        if (keys.Count > 0)
        {
            gens.Add(from i in Gen.Choose(0, keys.Count - 1)
                     from v in Gen.Elements("0", "null", "\"x\"", "[]")
                     select ($"key {keys[i].Value} at {keys[i].Index} repeated with {v}", Utf8(text.Insert(keys[i].Index, keys[i].Value + " " + v + ", "))));
            gens.Add(from i in Gen.Choose(0, keys.Count - 1)
                     from v in Gen.Elements(HostileStrings)
                     select ($"key {keys[i].Value} at {keys[i].Index} renamed \"{v}\"", Utf8(text.Remove(keys[i].Index, keys[i].Length).Insert(keys[i].Index, "\"" + v + "\":"))));
        }

        return Gen.OneOf(gens.ToArray());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Replace(string text, Match m, string value) => string.Concat(text.AsSpan(0, m.Index), value, text.AsSpan(m.Index + m.Length));

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""(?!\s*:)")]
    private static partial Regex StringToken();

    [GeneratedRegex(@"""\w+""\s*:")]
    private static partial Regex KeyToken();
}

/// <summary>A <c>--include</c>/<c>--exclude</c> pattern and the topic names it is matched against.</summary>
public sealed record RegexCase(string Option, string Pattern, string[] Topics)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Option} '{Pattern}' on [{string.Join(", ", Topics)}]";
}

/// <summary>A <c>--timeout</c> value of a live-cluster command.</summary>
public sealed record TimeoutCase(string Command, string Value);

