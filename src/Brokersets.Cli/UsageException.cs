using System;

namespace Brokersets.Cli;

/// <summary>The command line is wrong (exit code <see cref="ExitCodes.UsageError"/>); the message is the one line shown.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
