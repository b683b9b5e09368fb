using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Brokersets.Cli;

/// <summary>How the commands write <c>--format json</c>: indented, camelCase, enums as names.</summary>
internal static class CliJson
{
    /// <summary>The shared serializer options (cached, as System.Text.Json requires for speed).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises <paramref name="value"/> with <see cref="Options"/>.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
