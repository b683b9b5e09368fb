using System;
using System.IO;
using System.Reflection;

namespace Brokersets.Cli;

/// <summary>Reads the files a command names (and the built-in example), turning I/O failures into one-line errors.</summary>
internal static class InputFiles
{
    /// <summary>Reads <paramref name="path"/> as text and parses it with <paramref name="read"/> (which gets the path as source name).</summary>
    /// <exception cref="InputException">The file is missing or unreadable.</exception>
    public static T Read<T>(string path, Func<string, string, T> read)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"{path}: cannot read the file: {e.Message}", e);
        }

        return read(text, path);
    }

    /// <summary>Reads an embedded file of the built-in example (<c>docs/examples/{name}</c>).</summary>
    public static T ReadExample<T>(string name, Func<string, string, T> read)
    {
        using Stream stream = typeof(InputFiles).Assembly.GetManifestResourceStream("example/" + name)
            ?? throw new InvalidOperationException($"The built-in example file '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return read(reader.ReadToEnd(), "(built-in example) " + name);
    }
}
