using System;

namespace Brokersets.Cli;

/// <summary>A live cluster (<c>--bootstrap-servers</c>) could not be reached or read (exit code <see cref="ExitCodes.ClusterError"/>); the message is the one line shown.</summary>
internal sealed class ClusterReadException : Exception
{
    public ClusterReadException(string message)
        : base(message)
    {
    }

    public ClusterReadException()
    {
    }

    public ClusterReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
