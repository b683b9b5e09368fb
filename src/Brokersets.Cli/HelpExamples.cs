using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Brokersets.Cli;

/// <summary>
/// Ends each command's <c>--help</c> with a few examples and the exit codes: the default help, then these lines.
/// </summary>
internal sealed class HelpExamples(HelpAction help) : SynchronousCommandLineAction
{
    private const string Files = "--brokersets brokersets.json --topics topics.json --cluster cluster.json";

    private static readonly Dictionary<string, string[]> Examples = new()
    {
        ["brokersets"] = ["brokersets place --brokersets brokersets.json --topics topics.json --cluster cluster.json", "brokersets plan --current current.json " + Files + " --throttle-mbps 50 --output-dir plan-out", "brokersets <command> --help"],
        ["place"] = ["brokersets place " + Files, "brokersets place " + Files + " --format kafka-json > target.json"],
        ["analyze"] = ["brokersets analyze " + Files, "brokersets analyze " + Files + " --assignment current.json --format json"],
        ["advise"] = ["brokersets advise " + Files + " --new-topic clicks --produce-mbps 30", "brokersets advise " + Files + " --new-topic clicks --produce-mbps 30 --retention-hours 72 --usage usage.json"],
        ["diff"] = ["brokersets diff --current current.json --target target.json", "brokersets diff --bootstrap-servers kafka1:9092 --target target.json --format kafka-json"],
        ["plan"] = ["brokersets plan --current current.json " + Files + " --throttle-mbps 50", "brokersets plan --bootstrap-servers kafka1:9092 " + Files + " --overrides overrides.json --offline 5 --output-dir plan-out"],
        ["audit"] = ["brokersets audit --current current.json " + Files, "brokersets audit --bootstrap-servers kafka1:9092 " + Files + " --exclude 'connect-.*'"],
        ["apply"] = ["brokersets apply --bootstrap-servers kafka1:9092 --plan target.json --throttle-mbps 50", "brokersets apply --bootstrap-servers kafka1:9092 " + Files + " --execute"],
        ["export"] = ["brokersets export --bootstrap-servers kafka1:9092 --output current.json --sizes sizes.json", "brokersets export --bootstrap-servers kafka1:9092 --include 'orders|payments'"],
        ["status"] = ["brokersets status --bootstrap-servers kafka1:9092", "brokersets status --bootstrap-servers kafka1:9092 --format json"],
        ["cancel"] = ["brokersets cancel --bootstrap-servers kafka1:9092 --include orders --started-from plan-out/rollback.json", "brokersets cancel --bootstrap-servers kafka1:9092"],
    };

    /// <summary>Replaces the help action of <paramref name="root"/>'s help option by one that adds the examples.</summary>
    public static void AddTo(Command root)
    {
        foreach (Option option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new HelpExamples(help);
            }
        }
    }

    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        int code = help.Invoke(parseResult);
        System.IO.TextWriter output = parseResult.InvocationConfiguration.Output;
        if (Examples.TryGetValue(parseResult.CommandResult.Command.Name, out string[]? examples))
        {
            output.WriteLine("Examples:");
            foreach (string e in examples)
            {
                output.WriteLine("  " + e);
            }

            output.WriteLine();
        }

        output.WriteLine("Exit codes:");
        output.WriteLine($"  {ExitCodes.Success}    success");
        output.WriteLine($"  {ExitCodes.InputError}    bad input: a missing or malformed file, or a placement the input makes impossible");
        output.WriteLine($"  {ExitCodes.UsageError}    bad command line");
        output.WriteLine($"  {ExitCodes.DriftFound}    audit found drift");
        output.WriteLine($"  {ExitCodes.ClusterError}    the cluster could not be read or refused a request");
        output.WriteLine($"  {ExitCodes.Cancelled}  cancelled (Ctrl-C)");
        return code;
    }
}
