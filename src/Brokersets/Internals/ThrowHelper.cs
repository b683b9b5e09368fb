using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Brokersets.Internals;

/// <summary>Throws the library's exceptions so that hot paths stay small and messages stay consistent.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Argument(string message, string? paramName = null) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static T Argument<T>(string message, string? paramName = null) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void DestinationTooShort(string topic, int required, int actual, string paramName) =>
        throw new ArgumentException(
            $"Topic '{topic}': the destination holds {actual} broker ids but the assignment needs {required} (partitions × replication factor).",
            paramName);
}
