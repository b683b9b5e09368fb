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

    /// <summary>
    /// The elements of <paramref name="items"/> as an array; refuses a default (uninitialised)
    /// <see cref="System.Collections.Immutable.ImmutableArray{T}"/> and null elements, naming the index.
    /// </summary>
    public static T[] Elements<T>(System.Collections.Generic.IEnumerable<T> items, string paramName)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        if (items is System.Collections.Immutable.ImmutableArray<T> { IsDefault: true })
        {
            Argument($"'{paramName}' is a default (uninitialised) ImmutableArray; pass ImmutableArray<{typeof(T).Name}>.Empty for none.", paramName);
        }

        T[] array = System.Linq.Enumerable.ToArray(items);
        if (!typeof(T).IsValueType)
        {
            for (int i = 0; i < array.Length; i++)
            {
                if (array[i] is null)
                {
                    Argument($"Element {i} of '{paramName}' is null.", paramName);
                }
            }
        }

        return array;
    }

    [DoesNotReturn]
    public static void DestinationTooShort(string topic, int required, int actual, string paramName) =>
        throw new ArgumentException(
            $"Topic '{topic}': the destination holds {actual} broker ids but the assignment needs {required} (partitions × replication factor).",
            paramName);
}
