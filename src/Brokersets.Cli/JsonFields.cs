using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;

namespace Brokersets.Cli;

/// <summary>The field writers the <c>--format json</c> documents share (ids arrays, nullable byte figures).</summary>
internal static class JsonFields
{
    /// <summary>Writes <c>"name": [ids…]</c>; a default array is written as <c>[]</c>.</summary>
    public static void Ids(Utf8JsonWriter w, string name, ImmutableArray<int> ids) =>
        Ids(w, name, ids.IsDefault ? [] : (IEnumerable<int>)ids);

    /// <summary>Writes <c>"name": [ids…]</c>.</summary>
    public static void Ids(Utf8JsonWriter w, string name, IEnumerable<int> ids)
    {
        w.WriteStartArray(name);
        foreach (int id in ids)
        {
            w.WriteNumberValue(id);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>"name": value</c>, or <c>"name": null</c> when the figure is unknown.</summary>
    public static void Nullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
