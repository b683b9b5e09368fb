using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Brokersets.Admin;
using Confluent.Kafka;

namespace Brokersets.Cli;

/// <summary>
/// The connection of the live-cluster commands: <c>--bootstrap-servers</c> plus a Kafka-style <c>--command-config</c>
/// properties file mapped onto librdkafka's <see cref="AdminClientConfig"/>. Java-only keys are translated
/// (<c>sasl.jaas.config</c> → <c>sasl.username</c>/<c>sasl.password</c>, a PEM <c>ssl.truststore.location</c> →
/// <c>ssl.ca.location</c>, <c>default.api.timeout.ms</c>/<c>request.timeout.ms</c> → the operation timeout); keystores
/// in JKS/PKCS12 are refused with advice. Values never appear in messages: credentials cannot leak.
/// </summary>
internal static partial class AdminConnection
{
    /// <summary>Exit code when the cluster cannot be reached or refuses a request.</summary>
    public const int ClusterErrorExitCode = ExitCodes.ClusterError;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT).</summary>
    public const int CancelledExitCode = ExitCodes.Cancelled;

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.type", "ssl.protocol", "ssl.enabled.protocols",
    };

    /// <summary>The default of <c>--timeout</c>: 30 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest <c>--timeout</c>: 3,600 s (1 hour). A request the cluster has not answered in an hour will not be
    /// answered; a larger value (up to 2147483647 parsed) would only hang the tool.
    /// </summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>The <c>--timeout SECONDS</c> option of the live-cluster commands.</summary>
    public static Option<int?> CreateTimeoutOption() => new("--timeout")
    {
        Description = "Seconds to wait for the cluster: connection set-up and each request (default 30, at most 3600; default.api.timeout.ms in --command-config also sets it, --timeout wins)",
        HelpName = "SECONDS",
    };

    /// <summary>The timeout an <c>--timeout</c> value names, or <see langword="null"/> when not given.</summary>
    /// <exception cref="UsageException">A value that is not positive, or above <see cref="MaxTimeoutSeconds"/>.</exception>
    public static TimeSpan? TimeoutOf(int? seconds) =>
        seconds switch
        {
            null => null,
            <= 0 => throw new UsageException($"--timeout {seconds.Value.ToString(CultureInfo.InvariantCulture)} is not a positive number of seconds."),
            > MaxTimeoutSeconds => throw new UsageException(
                $"--timeout {seconds.Value.ToString(CultureInfo.InvariantCulture)} is out of range; the value must lie between 1 and {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds (1 hour)."),
            _ => TimeSpan.FromSeconds(seconds.Value),
        };

    /// <summary>Builds the client configuration and the per-call timeout.</summary>
    /// <param name="bootstrapServers">The bootstrap servers.</param>
    /// <param name="commandConfig">The properties file, or <see langword="null"/>.</param>
    /// <param name="timeout">The <c>--timeout</c>, which wins over the file's; <see cref="DefaultTimeout"/> when neither says.</param>
    /// <exception cref="InputException">The properties file is missing, malformed, or asks for something librdkafka cannot do.</exception>
    public static (AdminClientConfig Config, TimeSpan OperationTimeout) ReadConfig(string bootstrapServers, string? commandConfig, TimeSpan? timeout = null)
    {
        (AdminClientConfig config, TimeSpan fromFile) = ReadConfig(bootstrapServers, commandConfig);
        if (timeout is { } t)
        {
            config.SocketConnectionSetupTimeoutMs = (int)Math.Min(int.MaxValue, t.TotalMilliseconds);
            return (config, t);
        }

        return (config, fromFile);
    }

    private static (AdminClientConfig Config, TimeSpan OperationTimeout) ReadConfig(string bootstrapServers, string? commandConfig)
    {
        var config = new AdminClientConfig { BootstrapServers = bootstrapServers };
        TimeSpan timeout = DefaultTimeout;
        if (commandConfig is null)
        {
            return (config, timeout);
        }

        Dictionary<string, string> properties = InputFiles.Read(commandConfig, (text, path) => Parse(text, path));
        if (properties.TryGetValue("ssl.keystore.location", out _))
        {
            throw new InputException($"{commandConfig}: ssl.keystore.location (JKS/PKCS12) is not supported; export the client certificate and key as PEM and set ssl.certificate.location and ssl.key.location.");
        }

        if (properties.TryGetValue("ssl.truststore.location", out string? truststore))
        {
            if (!string.Equals(properties.GetValueOrDefault("ssl.truststore.type"), "PEM", StringComparison.OrdinalIgnoreCase))
            {
                throw new InputException($"{commandConfig}: ssl.truststore.location is only supported with ssl.truststore.type=PEM; export the CA certificates as PEM (or set ssl.ca.location).");
            }

            config.SslCaLocation = truststore;
        }

        foreach ((string key, string value) in properties)
        {
            switch (key)
            {
                case "ssl.truststore.location":
                    break;
                case "sasl.jaas.config":
                    Match m = JaasCredentials().Match(value);
                    if (!m.Success)
                    {
                        throw new InputException($"{commandConfig}: sasl.jaas.config has no username=\"…\" password=\"…\" (PLAIN and SCRAM login modules only).");
                    }

                    config.SaslUsername ??= m.Groups["user"].Value;
                    config.SaslPassword ??= m.Groups["password"].Value;
                    break;
                case "default.api.timeout.ms" or "request.timeout.ms":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) || ms <= 0)
                    {
                        throw new InputException($"{commandConfig}: {key} must be a positive number of milliseconds.");
                    }

                    timeout = TimeSpan.FromMilliseconds(ms);
                    break;
                case "ssl.endpoint.identification.algorithm" when value.Length == 0:
                    config.SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.None; // Java's "" = off
                    break;
                case "bootstrap.servers":
                    break; // --bootstrap-servers wins
                case "security.protocol":
                    config.SecurityProtocol = ParseEnum<SecurityProtocol>(key, value, commandConfig);
                    break;
                case "sasl.mechanism" or "sasl.mechanisms":
                    config.SaslMechanism = ParseEnum<SaslMechanism>(key, value, commandConfig);
                    break;
                default:
                    if (!Ignored.Contains(key))
                    {
                        config.Set(key, value);
                    }

                    break;
            }
        }

        return (config, timeout);
    }

    /// <summary>Connects (no I/O yet: librdkafka connects lazily); librdkafka's own log lines are dropped.</summary>
    /// <exception cref="InputException">librdkafka or the KIP-455 client rejects a setting; the message names the property, never its value.</exception>
    public static ConfluentKafkaAdmin Connect(AdminClientConfig config, TimeSpan operationTimeout, string? commandConfig)
    {
        try
        {
            return ConfluentKafkaAdmin.Create(config, operationTimeout, _ => { });
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or KafkaException)
        {
            throw new InputException($"{commandConfig ?? "--bootstrap-servers"}: {ErrorMessages.OneLine(e)}", e);
        }
    }

    /// <summary>Kafka's spelling (<c>SASL_SSL</c>, <c>SCRAM-SHA-256</c>) of one of Confluent's enum values (<c>SaslSsl</c>, <c>ScramSha256</c>).</summary>
    private static T ParseEnum<T>(string key, string value, string path)
        where T : struct, Enum
    {
        string normalized = value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse(normalized, ignoreCase: true, out T result) && Enum.IsDefined(result)
            ? result
            : throw new InputException($"{path}: {key} must be one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    /// <summary>Reads <c>key=value</c> (or <c>key: value</c>) lines; <c>#</c> and <c>!</c> start comments.</summary>
    private static Dictionary<string, string> Parse(string text, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            int eq = line.AsSpan().IndexOfAny('=', ':');
            if (eq <= 0)
            {
                throw new InputException($"{path}:{i + 1}: expected key=value");
            }

            result[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }

        return result;
    }

    [GeneratedRegex("username\\s*=\\s*\"(?<user>[^\"]*)\"\\s+password\\s*=\\s*\"(?<password>[^\"]*)\"")]
    private static partial Regex JaasCredentials();
}
