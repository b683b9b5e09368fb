using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Brokersets.Admin.Protocol;

/// <summary>
/// Reads Kafka protocol primitives from one received frame. Throws <see cref="KafkaProtocolException"/> on
/// truncated or malformed input rather than returning garbage.
/// </summary>
internal sealed class KafkaReader
{
    private readonly byte[] _buffer;
    private int _position;

    public KafkaReader(byte[] buffer, int position = 0)
    {
        _buffer = buffer;
        _position = position;
    }

    public int Remaining => _buffer.Length - _position;

    public sbyte Int8() => unchecked((sbyte)Take(1)[0]);

    public bool Bool() => Take(1)[0] != 0;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public Guid Uuid() => new(Take(16), bigEndian: true);

    public uint UVarInt()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = Take(1)[0];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new KafkaProtocolException("Malformed unsigned varint.");
    }

    public string? String(bool flexible)
    {
        int length = flexible ? (int)UVarInt() - 1 : Int16();
        if (length < 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    public string RequiredString(bool flexible) => String(flexible) ?? throw new KafkaProtocolException("A non-nullable string was null.");

    public byte[] Bytes(bool flexible)
    {
        int length = flexible ? (int)UVarInt() - 1 : Int32();
        return length < 0 ? System.Array.Empty<byte>() : Take(length).ToArray();
    }

    /// <summary>An array length; -1 means null.</summary>
    public int ArrayLength(bool flexible)
    {
        int count = flexible ? (int)UVarInt() - 1 : Int32();
        if (count > Remaining)
        {
            throw new KafkaProtocolException($"Array of {count} elements exceeds the {Remaining} remaining bytes.");
        }

        return count;
    }

    /// <summary>Reads an array; returns <see langword="null"/> for a null array.</summary>
    public List<T>? Array<T>(bool flexible, Func<KafkaReader, T> readItem)
    {
        int count = ArrayLength(flexible);
        if (count < 0)
        {
            return null;
        }

        var list = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(readItem(this));
        }

        return list;
    }

    public List<int>? Int32Array(bool flexible) => Array(flexible, static r => r.Int32());

    /// <summary>Skips a tagged-field section (flexible versions only).</summary>
    public void SkipTags(bool flexible)
    {
        if (!flexible)
        {
            return;
        }

        uint count = UVarInt();
        for (uint i = 0; i < count; i++)
        {
            _ = UVarInt();
            int size = (int)UVarInt();
            _ = Take(size);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _buffer.Length)
        {
            throw new KafkaProtocolException($"Frame truncated: needed {count} bytes at offset {_position} of {_buffer.Length}.");
        }

        ReadOnlySpan<byte> s = _buffer.AsSpan(_position, count);
        _position += count;
        return s;
    }
}
