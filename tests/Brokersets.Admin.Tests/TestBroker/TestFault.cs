using System;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>What the test broker does instead of (or besides) answering a request normally.</summary>
internal enum TestFaultKind
{
    /// <summary>Answer with an error code (top-level or on every item, depending on the API).</summary>
    Error,

    /// <summary>Close the connection before handling the request: the request has no effect.</summary>
    DropBeforeHandling,

    /// <summary>Handle the request (its effect happens), then close the connection without answering.</summary>
    DropAfterHandling,

    /// <summary>Hold the answer back for <see cref="TestFault.Delay"/> (a timeout for clients with shorter timeouts).</summary>
    Delay,

    /// <summary>Answer with <see cref="TestFault.Body"/> as the response body, verbatim (the request has no effect).</summary>
    RawResponse,
}

/// <summary>A fault armed for an API key, fired on the next <see cref="Times"/> matching requests.</summary>
internal sealed class TestFault
{
    public required short ApiKey { get; init; }

    public required TestFaultKind Kind { get; init; }

    public short ErrorCode { get; init; }

    public TimeSpan Delay { get; init; }

    /// <summary>The response body for <see cref="TestFaultKind.RawResponse"/> (after the response header).</summary>
    public byte[] Body { get; init; } = System.Array.Empty<byte>();

    public int Times { get; set; } = 1;

    /// <summary>Only on this broker, or any broker when <see langword="null"/>.</summary>
    public int? BrokerId { get; init; }
}
