using System;

namespace Brokersets.Serialization;

/// <summary>
/// A file or text could not be read: its JSON is malformed, a value has the wrong type, a required field is
/// missing, or a value is invalid for the model (a reversed range, a duplicate broker id, …). The message names
/// the source and the JSON path, e.g. <c>brokersets.json: $[1].entries[0].endBrokerIdx: …</c>.
/// </summary>
public sealed class BrokersetsFormatException : FormatException
{
    /// <summary>Creates an exception with a plain message (no source or path).</summary>
    public BrokersetsFormatException()
        : this("(unknown)", "$", "The input is malformed.")
    {
    }

    /// <summary>Creates an exception with a plain message (no source or path).</summary>
    /// <param name="message">The message.</param>
    public BrokersetsFormatException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates an exception with a plain message (no source or path) and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public BrokersetsFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
        JsonPath = string.Empty;
        Detail = message ?? string.Empty;
    }

    /// <summary>Creates an exception whose message is <c>"{sourceName}: {jsonPath}: {detail}"</c>.</summary>
    /// <param name="sourceName">The file (or other source) the input came from, e.g. <c>brokersets.json</c>.</param>
    /// <param name="jsonPath">Where in the document the problem is, e.g. <c>$[1].entries[0].endBrokerIdx</c>.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="innerException">The cause (a <see cref="System.Text.Json.JsonException"/> or the model's <see cref="ArgumentException"/>), or <see langword="null"/>.</param>
    public BrokersetsFormatException(string sourceName, string jsonPath, string detail, Exception? innerException = null)
        : base($"{sourceName}: {jsonPath}: {detail}", innerException)
    {
        SourceName = sourceName;
        JsonPath = jsonPath;
        Detail = detail;
    }

    /// <summary>The file (or other source) the input came from, as the caller named it; empty when not known.</summary>
    public string SourceName { get; }

    /// <summary>The JSON path of the offending value, e.g. <c>$[1].entries[0].endBrokerIdx</c>; empty when not known.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the source and path.</summary>
    public string Detail { get; }
}
