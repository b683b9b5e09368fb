using System;
using System.Text.RegularExpressions;

namespace Brokersets.Cli;

/// <summary>Turns an exception into the one line shown after <c>error: </c>.</summary>
internal static partial class ErrorMessages
{
    /// <summary>The message on one line, without .NET's <c>(Parameter 'x')</c> suffix.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return OneLine(message);
    }

    /// <summary>The text on one line: runs of whitespace (newlines, tabs) become one space.</summary>
    public static string OneLine(string message) => Whitespace().Replace(message, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
