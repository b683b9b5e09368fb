using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Brokersets.Admin.Protocol;

/// <summary>
/// Writes Kafka protocol primitives (big-endian integers, classic and compact strings/arrays, unsigned varints,
/// tagged-field sections) into a growable buffer. Shared by the KIP-455 client and the test broker.
/// </summary>
internal sealed class KafkaWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Int8(sbyte value) => Span(1)[0] = unchecked((byte)value);

    public void Bool(bool value) => Span(1)[0] = value ? (byte)1 : (byte)0;

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Span(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Span(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Span(8), value);

    public void Uuid(Guid value)
    {
        Span<byte> s = Span(16);
        value.TryWriteBytes(s, bigEndian: true, out _);
    }

    public void UVarInt(uint value)
    {
        while (value >= 0x80)
        {
            Span(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Span(1)[0] = (byte)value;
    }

    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Span(bytes.Length));

    /// <summary>A string: compact (uvarint length+1, 0 = null) when <paramref name="flexible"/>, else int16 length (-1 = null).</summary>
    public void String(string? value, bool flexible)
    {
        if (value is null)
        {
            if (flexible)
            {
                UVarInt(0);
            }
            else
            {
                Int16(-1);
            }

            return;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        if (flexible)
        {
            UVarInt((uint)count + 1);
        }
        else
        {
            Int16(checked((short)count));
        }

        Encoding.UTF8.GetBytes(value, Span(count));
    }

    /// <summary>Bytes: compact (uvarint length+1) when flexible, else int32 length (-1 = null).</summary>
    public void Bytes(ReadOnlySpan<byte> value, bool flexible)
    {
        if (flexible)
        {
            UVarInt((uint)value.Length + 1);
        }
        else
        {
            Int32(value.Length);
        }

        Raw(value);
    }

    /// <summary>An array length: compact (uvarint count+1, 0 = null) when flexible, else int32 (-1 = null).</summary>
    public void ArrayLength(int count, bool flexible)
    {
        if (flexible)
        {
            UVarInt(count < 0 ? 0u : (uint)count + 1);
        }
        else
        {
            Int32(count);
        }
    }

    public void Array<T>(IReadOnlyCollection<T>? items, bool flexible, Action<KafkaWriter, T> writeItem)
    {
        if (items is null)
        {
            ArrayLength(-1, flexible);
            return;
        }

        ArrayLength(items.Count, flexible);
        foreach (T item in items)
        {
            writeItem(this, item);
        }
    }

    public void Int32Array(IReadOnlyCollection<int>? items, bool flexible) => Array(items, flexible, static (w, v) => w.Int32(v));

    /// <summary>An empty tagged-field section (flexible versions only).</summary>
    public void NoTags(bool flexible)
    {
        if (flexible)
        {
            UVarInt(0);
        }
    }

    /// <summary>Overwrites a big-endian int32 at <paramref name="offset"/> (used for frame lengths).</summary>
    public void PatchInt32(int offset, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(offset, 4), value);

    private Span<byte> Span(int count)
    {
        if (_length + count > _buffer.Length)
        {
            System.Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        Span<byte> s = _buffer.AsSpan(_length, count);
        _length += count;
        return s;
    }
}
