using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Unicode;

namespace Brokersets.Cli;

/// <summary>
/// Reads the files a command names (and the built-in example), turning I/O failures into one-line errors: regular
/// files only (a directory, a device such as <c>/dev/zero</c> or a pipe is refused), at most
/// <see cref="MaxBytes"/> bytes, strict UTF-8 (an invalid byte is refused with its offset).
/// </summary>
internal static class InputFiles
{
    /// <summary>The environment variable that raises (or lowers) the size cap, in bytes.</summary>
    public const string MaxBytesVariable = "BROKERSETS_MAX_INPUT_BYTES";

    /// <summary>The default size cap of an input file: 256 MiB (Kafka JSON of about 3.5 million partitions; the text is held in memory about three times, well under 2 GiB).</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>The largest cap <see cref="MaxBytesVariable"/> may set: 1 GiB (the text is held in memory twice).</summary>
    public const long LargestMaxBytes = 1024L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The size cap in force: <see cref="MaxBytesVariable"/> when set, else <see cref="DefaultMaxBytes"/>.</summary>
    /// <exception cref="UsageException">The variable is not an integer between 1 and <see cref="LargestMaxBytes"/>.</exception>
    public static long MaxBytes => ParseMaxBytes(Environment.GetEnvironmentVariable(MaxBytesVariable));

    /// <summary>Parses a value of <see cref="MaxBytesVariable"/> (null or empty: the default).</summary>
    /// <exception cref="UsageException">Not an integer between 1 and <see cref="LargestMaxBytes"/>.</exception>
    public static long ParseMaxBytes(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultMaxBytes;
        }

        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) || bytes < 1 || bytes > LargestMaxBytes)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{MaxBytesVariable}='{value}' is not a size in bytes between 1 and {LargestMaxBytes} (1 GiB)."));
        }

        return bytes;
    }

    /// <summary>Reads <paramref name="path"/> as text and parses it with <paramref name="read"/> (which gets the path as source name).</summary>
    /// <exception cref="InputException">The file is missing, unreadable, not a regular file, too large, or not UTF-8.</exception>
    public static T Read<T>(string path, Func<string, string, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read(ReadText(path, MaxBytes), path);
    }

    /// <summary>Reads <paramref name="path"/> as strict UTF-8 text (a leading byte order mark is dropped).</summary>
    /// <exception cref="InputException">The file is missing, unreadable, not a regular file, larger than <paramref name="maxBytes"/>, or not UTF-8.</exception>
    public static string ReadText(string? path, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputException($"'{path}': the file name is empty.");
        }

        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, not a file.");
        }

        RefuseUnixSpecialFile(path);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!stream.CanSeek)
            {
                throw NotRegular(path);
            }

            long length = stream.Length;
            if (length > maxBytes)
            {
                throw TooLarge(path, maxBytes, length);
            }

            bytes = new byte[length];
            stream.ReadExactly(bytes);

            // A regular file holds what its length says; a device (/dev/zero, /dev/urandom) reports 0 and never ends.
            if (stream.ReadByte() >= 0)
            {
                throw NotRegular(path);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InputException($"{path}: the file shrank while it was read; read it again once it is complete.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"{path}: cannot read the file: permission denied.", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"{path}: cannot read the file: {ErrorMessages.OneLine(e)}", e);
        }

        return Decode(bytes, path);
    }

    /// <summary>Decodes strict UTF-8, dropping a leading byte order mark.</summary>
    /// <exception cref="InputException">An invalid byte sequence; the message gives its byte offset.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string sourceName)
    {
        ReadOnlySpan<byte> text = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        if (!Utf8.IsValid(text))
        {
            int offset = InvalidOffset(text) + (bytes.Length - text.Length);
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"{sourceName}: not valid UTF-8: invalid byte 0x{bytes[offset]:X2} at byte offset {offset}."));
        }

        return StrictUtf8.GetString(text);
    }

    /// <summary>Reads an embedded file of the built-in example (<c>docs/examples/{name}</c>).</summary>
    public static T ReadExample<T>(string name, Func<string, string, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using Stream stream = typeof(InputFiles).Assembly.GetManifestResourceStream("example/" + name)
            ?? throw new InvalidOperationException($"The built-in example file '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return read(reader.ReadToEnd(), "(built-in example) " + name);
    }

    private static int InvalidOffset(ReadOnlySpan<byte> text)
    {
        int offset = 0;
        while (offset < text.Length)
        {
            if (System.Buffers.OperationStatus.Done != System.Text.Rune.DecodeFromUtf8(text[offset..], out _, out int consumed))
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    /// <summary>
    /// Refuses a named pipe (FIFO) or a character device before the real open: opening a FIFO for reading blocks until
    /// some process writes to it, so the regular-file check after the open would never be reached. .NET does not expose
    /// the file type on Unix, so the file is first opened with <c>O_NONBLOCK</c> (which returns at once for a FIFO and
    /// changes nothing for a regular file) and refused when it cannot seek. Any failure here is left to the real open,
    /// which reports it.
    /// </summary>
    private static void RefuseUnixSpecialFile(string path)
    {
        int nonBlock = OperatingSystem.IsLinux() ? 0x800 : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 0x4 : 0;
        if (nonBlock == 0)
        {
            return;
        }

        int fd;
        try
        {
            fd = NativeMethods.Open(path, nonBlock); // O_RDONLY (0) | O_NONBLOCK
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return;
        }

        if (fd < 0)
        {
            return;
        }

        bool regular;
        using (var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true))
        {
            try
            {
                using var probe = new FileStream(handle, FileAccess.Read, bufferSize: 1);
                regular = probe.CanSeek;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                return;
            }
        }

        if (!regular)
        {
            throw NotRegular(path);
        }
    }

    private static InputException NotRegular(string path) =>
        new($"{path}: is not a regular file (a device, a pipe or a socket); give a file, or copy the data to one first.");

    private static InputException TooLarge(string path, long maxBytes, long length) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{path}: the file has {length} bytes, more than the input cap of {maxBytes} bytes; set {MaxBytesVariable} (up to {LargestMaxBytes}) to raise it."));

    private static class NativeMethods
    {
#pragma warning disable CA2101 // the path is marshalled as UTF-8 explicitly (LPUTF8Str), which the rule does not recognise
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int Open([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101
    }
}
