using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Brokersets.Serialization;

/// <summary>
/// The fast path of <see cref="ReassignmentJson"/>'s readers: one <see cref="Utf8JsonReader"/> pass that fills flat
/// replica arrays per topic (or the entry list) directly, without DTOs, boxed lists or LINQ.
/// </summary>
/// <remarks>
/// The pass accepts only input that the DTO path (<see cref="JsonInput"/> plus <c>ReassignmentJson.Map</c> and
/// <c>ToAssignment</c>) accepts, and then returns what it would return. At the first sign of anything else — malformed
/// JSON, a wrong type, a missing or duplicated field, an escaped or <c>$</c>-prefixed unknown field, a failed Kafka
/// check, an incomplete topic — it gives up and the caller runs the DTO path, which produces the exact error (file
/// name, JSON path, Kafka's wording) it always has. Errors are thus byte-identical by construction, and only the
/// successful read is fast.
/// </remarks>
internal sealed class ReassignmentJsonReader
{
    private const int MaxQuadraticReplicas = 64;

    private readonly Sink _sink;
    private int[] _replicas = new int[8];
    private byte[] _topicUtf8 = new byte[64];
    private int _topicLength;
    private string? _topic;
    private List<string>? _logDirs;

    private ReassignmentJsonReader(Sink sink)
    {
        _sink = sink;
        if (sink.WantsLogDirs)
        {
            _logDirs = new List<string>();
        }
    }

    /// <summary>Reads a complete assignment, or returns <see langword="null"/> to send the caller to the DTO path.</summary>
    public static ClusterAssignment? TryReadAssignment(ReadOnlySpan<byte> utf8Json)
    {
        var sink = new AssignmentSink();
        try
        {
            return TryParse(utf8Json, sink) ? sink.Build() : null;
        }
        finally
        {
            sink.Release();
        }
    }

    /// <inheritdoc cref="TryReadAssignment(ReadOnlySpan{byte})"/>
    public static ClusterAssignment? TryReadAssignment(string json)
    {
        byte[] buffer = Encode(json, out int length);
        try
        {
            return TryReadAssignment(buffer.AsSpan(0, length));
        }
        finally
        {
            ReturnEncoded(buffer);
        }
    }

    /// <summary>Reads the entries, or returns <see langword="false"/> to send the caller to the DTO path.</summary>
    public static bool TryReadPartitions(ReadOnlySpan<byte> utf8Json, out ImmutableArray<PartitionReassignment> entries)
    {
        var sink = new PartitionsSink();
        if (TryParse(utf8Json, sink))
        {
            entries = sink.Build();
            return true;
        }

        entries = default;
        return false;
    }

    /// <inheritdoc cref="TryReadPartitions(ReadOnlySpan{byte}, out ImmutableArray{PartitionReassignment})"/>
    public static bool TryReadPartitions(string json, out ImmutableArray<PartitionReassignment> entries)
    {
        byte[] buffer = Encode(json, out int length);
        try
        {
            return TryReadPartitions(buffer.AsSpan(0, length), out entries);
        }
        finally
        {
            ReturnEncoded(buffer);
        }
    }

    // Above this many bytes the UTF-8 copy is allocated at its exact size: the pool rounds a rent up to the next power
    // of two, which for a 200 MB document is a 268 MB buffer (1.4× the document on top of the result).
    private const int PooledEncodeLimit = 1 << 26;

    // The same bytes as Encoding.UTF8.GetBytes (the DTO path's input), in a pooled buffer (or, when large, an exact one).
    private static byte[] Encode(string json, out int length)
    {
        int count = Encoding.UTF8.GetByteCount(json);
        byte[] buffer = count > PooledEncodeLimit ? GC.AllocateUninitializedArray<byte>(count) : ArrayPool<byte>.Shared.Rent(count);
        length = Encoding.UTF8.GetBytes(json, buffer);
        return buffer;
    }

    private static void ReturnEncoded(byte[] buffer)
    {
        if (buffer.Length <= PooledEncodeLimit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8Json, Sink sink)
    {
        try
        {
            return new ReassignmentJsonReader(sink).Parse(utf8Json);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // The serializer's reader options: no comments, no trailing commas, depth 64, one value.
    private bool Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, default(JsonReaderOptions));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool version = false, partitions = false;
        int entries = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("version"u8))
            {
                if (version)
                {
                    return false;
                }

                version = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null &&
                    (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int v) || v != KafkaJson.Version))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("partitions"u8))
            {
                if (partitions)
                {
                    return false;
                }

                partitions = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject || !ReadEntry(ref reader))
                    {
                        return false;
                    }

                    entries++;
                }
            }
            else if (!SkipUnknown(ref reader))
            {
                return false;
            }
        }

        // Anything but whitespace after the root makes the reader throw, as it makes the serializer throw.
        return entries > 0 && !reader.Read();
    }

    private bool ReadEntry(ref Utf8JsonReader reader)
    {
        string? topic = null;
        bool hasPartition = false;
        int partition = 0, replicas = -1, logDirs = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("topic"u8))
            {
                reader.Read();
                if (topic is not null || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                string? previous = _topic;
                topic = Topic(ref reader);
                if (!ReferenceEquals(topic, previous) && !Internals.TopicNames.IsLegal(topic)) // the previous one was checked
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("partition"u8))
            {
                reader.Read();
                if (hasPartition || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out partition))
                {
                    return false;
                }

                hasPartition = true;
            }
            else if (reader.ValueTextEquals("replicas"u8))
            {
                reader.Read();
                if (replicas >= 0 || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                replicas = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int id) || id < 0)
                    {
                        return false;
                    }

                    if (replicas == _replicas.Length)
                    {
                        Array.Resize(ref _replicas, replicas * 2);
                    }

                    _replicas[replicas++] = id;
                }
            }
            else if (reader.ValueTextEquals("log_dirs"u8))
            {
                reader.Read();
                if (logDirs != -1)
                {
                    return false;
                }

                logDirs = -2; // seen, null
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                logDirs = 0;
                _logDirs?.Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    if (_logDirs is not null)
                    {
                        _logDirs.Add(reader.GetString()!);
                    }
                    else if (reader.ValueIsEscaped || !Ascii.IsValid(reader.ValueSpan))
                    {
                        _ = reader.GetString(); // throws where the serializer would (invalid UTF-8, lone surrogates)
                    }

                    logDirs++;
                }
            }
            else if (!SkipUnknown(ref reader))
            {
                return false;
            }
        }

        if (topic is null || !hasPartition || replicas <= 0 || partition < 0 || (logDirs >= 0 && logDirs != replicas))
        {
            return false;
        }

        ReadOnlySpan<int> row = _replicas.AsSpan(0, replicas);
        if (row.Length > MaxQuadraticReplicas)
        {
            return false;
        }

        for (int j = 1; j < row.Length; j++)
        {
            if (row[..j].Contains(row[j]))
            {
                return false;
            }
        }

        return _sink.Entry(topic, partition, row, logDirs >= 0 ? _logDirs : null);
    }

    // Consecutive entries usually share their topic: compare the raw bytes with the last one before making a string.
    private string Topic(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            _topic = null;
            return reader.GetString()!;
        }

        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (_topic is not null && raw.SequenceEqual(_topicUtf8.AsSpan(0, _topicLength)))
        {
            return _topic;
        }

        string topic = reader.GetString()!;
        if (raw.Length > _topicUtf8.Length)
        {
            _topicUtf8 = new byte[Math.Max(raw.Length, _topicUtf8.Length * 2)];
        }

        raw.CopyTo(_topicUtf8);
        _topicLength = raw.Length;
        _topic = topic;
        return topic;
    }

    // The serializer ignores unknown properties; leave the rare spellings ($-metadata, escapes) to it.
    private static bool SkipUnknown(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || (reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'$'))
        {
            return false;
        }

        reader.Read();
        reader.Skip();
        return true;
    }

    private abstract class Sink
    {
        public virtual bool WantsLogDirs => false;

        public abstract bool Entry(string topic, int partition, ReadOnlySpan<int> replicas, List<string>? logDirs);
    }

    private sealed class PartitionsSink : Sink
    {
        private readonly ImmutableArray<PartitionReassignment>.Builder _entries = ImmutableArray.CreateBuilder<PartitionReassignment>();
        private readonly HashSet<(string, int)> _seen = new();

        public override bool WantsLogDirs => true;

        public override bool Entry(string topic, int partition, ReadOnlySpan<int> replicas, List<string>? logDirs)
        {
            if (!_seen.Add((topic, partition)))
            {
                return false;
            }

            _entries.Add(new PartitionReassignment(topic, partition, ImmutableArray.Create(replicas),
                logDirs is null ? ImmutableArray<string>.Empty : ImmutableArray.CreateRange(logDirs)));
            return true;
        }

        public ImmutableArray<PartitionReassignment> Build() => _entries.DrainToImmutable();
    }

    // Every row in file order in one pooled buffer; a topic whose rows are consecutive and in partition order
    // (what Kafka's tool and the writer produce) is a slice of it, any other topic lists where its rows are.
    private sealed class AssignmentSink : Sink
    {
        private readonly List<TopicBuilder> _topics = new();
        private readonly Dictionary<string, TopicBuilder> _byName = new(StringComparer.Ordinal);
        private int[] _rows = ArrayPool<int>.Shared.Rent(4096);
        private int _used;
        private TopicBuilder? _last;

        public override bool Entry(string topic, int partition, ReadOnlySpan<int> replicas, List<string>? logDirs)
        {
            TopicBuilder? b = _last;
            if (b is null || !string.Equals(b.Name, topic, StringComparison.Ordinal))
            {
                if (!_byName.TryGetValue(topic, out b))
                {
                    b = new TopicBuilder(topic, replicas.Length, _used);
                    _byName.Add(topic, b);
                    _topics.Add(b);
                }

                _last = b;
            }

            if (replicas.Length != b.ReplicationFactor)
            {
                return false;
            }

            if (_used + replicas.Length > _rows.Length)
            {
                int[] bigger = ArrayPool<int>.Shared.Rent(Math.Max(_rows.Length * 2, _used + replicas.Length));
                _rows.AsSpan(0, _used).CopyTo(bigger);
                ArrayPool<int>.Shared.Return(_rows);
                _rows = bigger;
            }

            replicas.CopyTo(_rows.AsSpan(_used));
            b.Add(partition, _used);
            _used += replicas.Length;
            return true;
        }

        public ClusterAssignment? Build()
        {
            var topics = new TopicAssignment[_topics.Count];
            for (int i = 0; i < topics.Length; i++)
            {
                if (_topics[i].Build(_rows) is not { } topic)
                {
                    return null;
                }

                topics[i] = topic;
            }

            return ClusterAssignment.Create(topics);
        }

        public void Release()
        {
            ArrayPool<int>.Shared.Return(_rows);
            _rows = Array.Empty<int>();
        }
    }

    private sealed class TopicBuilder(string name, int replicationFactor, int start)
    {
        private int _count;
        private List<(int Offset, int Partition)>? _scattered;

        public string Name { get; } = name;

        public int ReplicationFactor { get; } = replicationFactor;

        public void Add(int partition, int offset)
        {
            if (_scattered is null)
            {
                if (partition == _count && offset == start + (_count * ReplicationFactor))
                {
                    _count++;
                    return;
                }

                _scattered = new List<(int, int)>(Math.Max(4, _count * 2));
                for (int p = 0; p < _count; p++)
                {
                    _scattered.Add((start + (p * ReplicationFactor), p));
                }
            }

            _scattered.Add((offset, partition));
            _count++;
        }

        public TopicAssignment? Build(int[] rows)
        {
            if (string.IsNullOrWhiteSpace(Name))
            {
                return null;
            }

            int rf = ReplicationFactor;
            var flat = new int[_count * rf];
            if (_scattered is null)
            {
                rows.AsSpan(start, flat.Length).CopyTo(flat);
            }
            else
            {
                // Every partition 0..count−1 exactly once, else the DTO path reports the gap (or the duplicate).
                var seen = new bool[_count];
                foreach ((int offset, int p) in _scattered)
                {
                    if ((uint)p >= (uint)_count || seen[p])
                    {
                        return null;
                    }

                    seen[p] = true;
                    rows.AsSpan(offset, rf).CopyTo(flat.AsSpan(p * rf));
                }
            }

            return new TopicAssignment(Name, rf, flat, null, default);
        }
    }
}
