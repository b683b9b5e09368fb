using System;

namespace Brokersets.Cli;

/// <summary>An input file is missing or unreadable (exit code <see cref="ExitCodes.InputError"/>); the message is the one line shown.</summary>
internal sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException()
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
