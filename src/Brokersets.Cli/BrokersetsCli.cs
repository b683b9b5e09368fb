using System;
using System.CommandLine;
using System.IO;
using Brokersets.Serialization;

namespace Brokersets.Cli;

/// <summary>
/// The <c>brokersets</c> command line: parses the arguments, runs the command, and maps every failure to one
/// <c>error: …</c> line on stderr and an exit code (<see cref="ExitCodes"/>). Callable in-process for tests.
/// </summary>
internal static class BrokersetsCli
{
    /// <summary>Runs the command line <paramref name="args"/>.</summary>
    /// <param name="args">The arguments (without the program name). None places the built-in example.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where warnings and the one-line error go.</param>
    /// <returns>The exit code: 0 on success, <see cref="ExitCodes.InputError"/> for bad input files, <see cref="ExitCodes.UsageError"/> for a bad command line, <see cref="ExitCodes.DriftFound"/> when <c>audit</c> finds drift, <see cref="ExitCodes.ClusterError"/> when a live cluster cannot be read.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CliWarnings.Use(stderr);
        ParseResult parsed = CreateRootCommand().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return Fail(stderr, ExitCodes.UsageError, NamingTheOption(parsed.Errors[0]) + " (see 'brokersets --help')");
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return Fail(stderr, ExitCodes.UsageError, e.Message);
        }
        catch (ClusterReadException e)
        {
            // plan/diff --bootstrap-servers: the cluster could not be read, as audit and apply report it.
            return Fail(stderr, ExitCodes.ClusterError, e.Message);
        }
        catch (Exception e) when (e is InputException or BrokersetsFormatException or ArgumentException)
        {
            // Bad input: a missing file, malformed JSON, or a placement the input makes impossible.
            return Fail(stderr, ExitCodes.InputError, ErrorMessages.OneLine(e));
        }
    }

    /// <summary>Builds the command tree: <c>brokersets [place | analyze | advise | diff | plan | audit …]</c>. Each command lives in its own class.</summary>
    public static Command CreateRootCommand()
    {
        // A plain command named "brokersets" rather than RootCommand, whose name is the entry assembly's file name
        // ("Brokersets.Cli" under dotnet run and as a tool): help and errors then show the tool's command name.
        var root = new Command("brokersets", "Brokersets: deterministic, rack-aware Kafka partition placement on brokersets. With no command, places the built-in example.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(PlaceCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(AdviseCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(ApplyCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(StatusCommand.CreateStatus());
        root.Subcommands.Add(StatusCommand.CreateCancel());
        HelpExamples.AddTo(root);
        root.SetAction(parseResult => PlaceCommand.Execute(new PlaceOptions(), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        OptionValues.Install(root);
        return root;
    }

    /// <summary>A parse error's message, prefixed with the option it concerns when the message does not name it (System.CommandLine's "Argument 'x' not recognized" does not).</summary>
    private static string NamingTheOption(System.CommandLine.Parsing.ParseError error)
    {
        System.CommandLine.Parsing.OptionResult? option = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o,
            _ => null,
        };
        string? name = option?.IdentifierToken?.Value ?? option?.Option.Name;
        return name is null || error.Message.Contains(name, StringComparison.Ordinal) ? error.Message : $"{name}: {error.Message}";
    }

    private static int Fail(TextWriter stderr, int exitCode, string message)
    {
        stderr.WriteLine("error: " + ErrorMessages.OneLine(message));
        return exitCode;
    }
}
