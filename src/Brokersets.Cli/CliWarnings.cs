using System;
using System.IO;
using System.Threading;

namespace Brokersets.Cli;

/// <summary>Where shared input code writes <c>warning: …</c> lines: the stderr of the running <see cref="BrokersetsCli.Run"/> (per async flow, so in-process runs do not mix).</summary>
internal static class CliWarnings
{
    private static readonly AsyncLocal<TextWriter?> Current = new();

    /// <summary>Directs warnings to <paramref name="stderr"/> for the current run.</summary>
    public static void Use(TextWriter? stderr) => Current.Value = stderr;

    /// <summary>Writes <c>warning: </c> + <paramref name="message"/> on one line, when a run is active.</summary>
    public static void Write(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Current.Value?.WriteLine("warning: " + ErrorMessages.OneLine(message));
    }
}
