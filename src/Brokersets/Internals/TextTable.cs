using System;
using System.Collections.Generic;
using System.Text;

namespace Brokersets.Internals;

/// <summary>A tiny aligned text table for <c>ToString()</c> renderings (no borders, two spaces between columns).</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>Right-aligns the given columns (numbers).</summary>
    public TextTable AlignRight(params int[] columns)
    {
        foreach (int c in columns)
        {
            _rightAligned[c] = true;
        }

        return this;
    }

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException("Row width does not match the header.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void AppendTo(StringBuilder sb, string indent = "")
    {
        int[] widths = new int[_headers.Length];
        for (int c = 0; c < _headers.Length; c++)
        {
            widths[c] = _headers[c].Length;
        }

        foreach (string[] row in _rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        AppendRow(sb, indent, _headers, widths);
        foreach (string[] row in _rows)
        {
            AppendRow(sb, indent, row, widths);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    private void AppendRow(StringBuilder sb, string indent, string[] cells, int[] widths)
    {
        sb.Append(indent);
        int end = sb.Length;
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append("  ");
            }

            sb.Append(_rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
            end = sb.Length;
        }

        // trim trailing padding
        while (end > 0 && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }
}
