namespace Brokersets.Cli;

/// <summary>The process exit codes of the <c>brokersets</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>An input was wrong: a missing or unreadable file, malformed JSON, or a placement the input makes impossible.</summary>
    public const int InputError = 1;

    /// <summary>The command line was wrong: an unknown option, a missing value, or options that do not go together.</summary>
    public const int UsageError = 2;

    /// <summary><c>audit</c> found drift: the input was read and the report printed, but the cluster deviates from its desired state (distinct from the error codes 1 and 2, as diff-style tools report "differences found").</summary>
    public const int DriftFound = 3;

    /// <summary>The Kafka cluster could not be read or refused a request (<c>apply</c>, <c>audit --bootstrap-servers</c>); the message keeps Kafka's error code.</summary>
    public const int ClusterError = 4;

    /// <summary>The run was cancelled (Ctrl-C); moves in flight were cancelled and throttles left as found. 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
