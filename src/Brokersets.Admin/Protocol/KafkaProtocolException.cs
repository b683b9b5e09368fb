using System;

namespace Brokersets.Admin.Protocol;

/// <summary>A frame that does not follow the Kafka protocol (truncated, malformed, unexpected correlation id).</summary>
internal sealed class KafkaProtocolException : Exception
{
    public KafkaProtocolException(string message)
        : base(message)
    {
    }

    public KafkaProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
