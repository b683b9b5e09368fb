using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Brokersets.Cli;

/// <summary>An aligned text table for the commands' <c>table</c> output: a header, two spaces between columns, numbers right-aligned.</summary>
internal sealed class TextColumns
{
    private readonly string[] _headers;
    private readonly HashSet<int> _right;
    private readonly List<string[]> _rows = new();

    /// <summary>Creates a table with <paramref name="headers"/>; <paramref name="rightAligned"/> are the numeric columns.</summary>
    public TextColumns(string[] headers, params int[] rightAligned)
    {
        _headers = headers;
        _right = new HashSet<int>(rightAligned);
    }

    /// <summary>Adds a row (as many cells as headers).</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException("Row width does not match the header.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the header and the rows, each line starting with <paramref name="indent"/>, trailing spaces trimmed.</summary>
    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        int[] widths = _headers.Select((h, c) => _rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        foreach (string[] row in _rows.Prepend(_headers))
        {
            string line = string.Join("  ", row.Select((cell, c) => _right.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
            writer.WriteLine(indent + line.TrimEnd());
        }
    }
}
