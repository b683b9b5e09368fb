using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Brokersets.Serialization;

/// <summary>
/// Deserializes DTOs with the source-generated context and turns every failure into a
/// <see cref="BrokersetsFormatException"/> naming the source and the JSON path.
/// </summary>
internal static class JsonInput
{
    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo, string sourceName, string expected)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(Encoding.UTF8.GetBytes(json), typeInfo, sourceName, expected);
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo, string sourceName, string expected)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        Scan(utf8Json, sourceName);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8Json, typeInfo);
        }
        catch (JsonException e)
        {
            throw FromJsonException(sourceName, e);
        }
        catch (InvalidOperationException e)
        {
            throw Fail(sourceName, "$", "invalid JSON text: " + e.Message);
        }

        return value ?? throw Fail(sourceName, "$", $"expected {expected}, found null");
    }

    /// <summary>
    /// Checks what the serializer lets through silently: a key twice in one object (the serializer keeps the last), a
    /// string or key with a lone UTF-16 surrogate escape, and a number too large for a double (read as Infinity).
    /// Malformed JSON is left to the serializer, which reports it with its position.
    /// </summary>
    /// <exception cref="BrokersetsFormatException">One of those; the message names the key or value and its JSON path.</exception>
    public static void Scan(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                JsonTokenType token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    Frame frame = frames[^1];
                    string name = StringOf(ref reader, sourceName, frames, "key");
                    frame.Keys ??= new HashSet<string>(StringComparer.Ordinal);
                    frame.Name = name;
                    if (!frame.Keys.Add(name))
                    {
                        throw Fail(sourceName, PathOf(frames), $"duplicate key {Quote(name)}: a key may appear only once in an object.");
                    }

                    continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1].Index++;
                }

                switch (token)
                {
                    case JsonTokenType.StartObject:
                        frames.Add(new Frame(false));
                        break;
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame(true));
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        StringOf(ref reader, sourceName, frames, "string");
                        break;
                    case JsonTokenType.Number when !reader.TryGetDouble(out double number) || !double.IsFinite(number):
                        throw Fail(sourceName, PathOf(frames), $"number {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range.");
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the serializer reports it with line and column.
        }
    }

    private static string StringOf(ref Utf8JsonReader reader, string sourceName, List<Frame> frames, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Fail(sourceName, PathOf(frames), $"the {what} {Encoding.UTF8.GetString(reader.ValueSpan)} holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not text.");
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var sb = new StringBuilder("$");
        foreach (Frame f in frames)
        {
            if (f.IsArray)
            {
                if (f.Index >= 0)
                {
                    sb.Append('[').Append(f.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }
            else if (f.Name is { } name)
            {
                bool plain = name.Length > 0 && !char.IsAsciiDigit(name[0]);
                foreach (char c in name)
                {
                    plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
                }

                sb.Append(plain ? "." + name : "[" + Quote(name) + "]");
            }
        }

        return sb.ToString();
    }

    /// <summary>A key or string in single quotes, with control characters escaped and at most 60 characters shown.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder("'");
        int shown = Math.Min(text.Length, 60);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\'')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append(shown < text.Length ? "…'" : "'").ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Name { get; set; }

        public HashSet<string>? Keys { get; set; }
    }

    /// <summary>A required value that is missing (or JSON null).</summary>
    public static T Required<T>([NotNull] T? value, string sourceName, string path)
        where T : class =>
        value ?? throw Fail(sourceName, path, "required value is missing");

    /// <summary>A required value that is missing (or JSON null).</summary>
    public static T Required<T>([NotNull] T? value, string sourceName, string path)
        where T : struct =>
        value ?? throw Fail(sourceName, path, "required value is missing");

    /// <summary>Runs a model factory and reports its <see cref="ArgumentException"/> at <paramref name="path"/>.</summary>
    public static T Model<T>(Func<T> create, string sourceName, string path)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new BrokersetsFormatException(sourceName, path, MessageOf(e), e);
        }
        catch (FormatException e) when (e is not BrokersetsFormatException)
        {
            throw new BrokersetsFormatException(sourceName, path, e.Message, e);
        }
    }

    public static BrokersetsFormatException Fail(string sourceName, string path, string detail) =>
        new(sourceName, path, detail);

    /// <summary>
    /// The id of the broker entry at <paramref name="listPath"/>[<paramref name="index"/>]: required, ≥ 0, and not
    /// listed before (<paramref name="seen"/> maps ids to the index of their entry).
    /// </summary>
    public static int BrokerId(int? id, Dictionary<int, int> seen, int index, string sourceName, string listPath)
    {
        string at = Index(listPath, index) + ".id";
        int value = Required(id, sourceName, at);
        if (value < 0)
        {
            throw Fail(sourceName, at, string.Create(CultureInfo.InvariantCulture, $"broker id {value} is negative; broker ids are ≥ 0."));
        }

        if (!seen.TryAdd(value, index))
        {
            throw Fail(sourceName, at, string.Create(CultureInfo.InvariantCulture, $"broker {value} is listed twice (also at {Index(listPath, seen[value])})."));
        }

        return value;
    }

    public static string Index(string path, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>The message of an <see cref="ArgumentException"/> without the " (Parameter 'x')" suffix.</summary>
    public static string MessageOf(ArgumentException e)
    {
        string message = e.Message;
        if (e.ParamName is { } name)
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message;
    }

    private static BrokersetsFormatException FromJsonException(string sourceName, JsonException e)
    {
        string path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        string detail = e.Message;
        int cut = detail.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = detail.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            detail = detail[..cut].TrimEnd(' ', '|');
        }

        const string Convert = "The JSON value could not be converted to ";
        if (detail.StartsWith(Convert, StringComparison.Ordinal))
        {
            string type = detail[Convert.Length..].TrimEnd('.');
            detail = "expected " + Describe(type);
        }
        else if (e.LineNumber is long line)
        {
            detail = "invalid JSON: " + detail.TrimEnd('.');
        }

        if (e.LineNumber is long l && e.BytePositionInLine is long col)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" (line {l + 1}, column {col + 1})");
        }

        return new BrokersetsFormatException(sourceName, path, detail, e);
    }

    private static string Describe(string clrType) => clrType switch
    {
        "System.Int32" or "System.Nullable`1[System.Int32]" => "an integer",
        "System.String" => "a string",
        "System.Double" or "System.Nullable`1[System.Double]" => "a number",
        _ when clrType.Contains("List`1", StringComparison.Ordinal) => "an array",
        _ when clrType.Contains("Dto", StringComparison.Ordinal) => "an object",
        _ => clrType,
    };
}
