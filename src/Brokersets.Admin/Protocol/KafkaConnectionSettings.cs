using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Confluent.Kafka;

namespace Brokersets.Admin.Protocol;

/// <summary>
/// The connection settings of the built-in KIP-455 client, read from the user's Confluent <see cref="ClientConfig"/>
/// (the same keys librdkafka reads). Never renders the password.
/// </summary>
internal sealed class KafkaConnectionSettings
{
    public ImmutableArray<(string Host, int Port)> BootstrapServers { get; init; } = ImmutableArray<(string, int)>.Empty;

    public bool UseTls { get; init; }

    public SaslMechanismKind Sasl { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? SslCaLocation { get; init; }

    public string? SslCaPem { get; init; }

    public string? SslCertificateLocation { get; init; }

    public string? SslKeyLocation { get; init; }

    public string? SslKeyPassword { get; init; }

    public bool VerifyCertificate { get; init; } = true;

    public bool VerifyHostname { get; init; } = true;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string ClientId { get; init; } = "brokersets-admin";

    /// <summary>Reads the settings; throws for mechanisms the built-in client cannot speak.</summary>
    /// <exception cref="NotSupportedException">GSSAPI or OAUTHBEARER, with the advice to export Kafka's reassignment JSON instead.</exception>
    /// <exception cref="ArgumentException">No bootstrap servers, or a malformed <c>host:port</c>.</exception>
    public static KafkaConnectionSettings FromConfig(ClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SecurityProtocol protocol = config.SecurityProtocol ?? SecurityProtocol.Plaintext;
        bool sasl = protocol is SecurityProtocol.SaslPlaintext or SecurityProtocol.SaslSsl;
        SaslMechanismKind mechanism = SaslMechanismKind.None;
        if (sasl)
        {
            mechanism = (config.SaslMechanism ?? Confluent.Kafka.SaslMechanism.Gssapi) switch
            {
                Confluent.Kafka.SaslMechanism.Plain => SaslMechanismKind.Plain,
                Confluent.Kafka.SaslMechanism.ScramSha256 => SaslMechanismKind.ScramSha256,
                Confluent.Kafka.SaslMechanism.ScramSha512 => SaslMechanismKind.ScramSha512,
                Confluent.Kafka.SaslMechanism other => throw new NotSupportedException(
                    $"SASL mechanism {other.ToString().ToUpperInvariant()} is not supported by Brokersets' built-in reassignment client " +
                    "(it speaks PLAIN and SCRAM-SHA-256/512). Export the plan as Kafka's reassignment JSON and apply it with " +
                    "kafka-reassign-partitions.sh --execute instead."),
            };
        }

        int socketTimeout = config.SocketTimeoutMs ?? 30000;
        int connectTimeout = config.SocketConnectionSetupTimeoutMs ?? 10000;
        return new KafkaConnectionSettings
        {
            BootstrapServers = ParseServers(config.BootstrapServers),
            UseTls = protocol is SecurityProtocol.Ssl or SecurityProtocol.SaslSsl,
            Sasl = mechanism,
            Username = config.SaslUsername,
            Password = config.SaslPassword,
            SslCaLocation = config.SslCaLocation,
            SslCaPem = config.SslCaPem,
            SslCertificateLocation = config.SslCertificateLocation,
            SslKeyLocation = config.SslKeyLocation,
            SslKeyPassword = config.SslKeyPassword,
            VerifyCertificate = config.EnableSslCertificateVerification ?? true,
            VerifyHostname = (config.SslEndpointIdentificationAlgorithm ?? SslEndpointIdentificationAlgorithm.Https) == SslEndpointIdentificationAlgorithm.Https,
            RequestTimeout = TimeSpan.FromMilliseconds(Math.Max(1, socketTimeout)),
            ConnectTimeout = TimeSpan.FromMilliseconds(Math.Max(1, connectTimeout)),
            ClientId = string.IsNullOrEmpty(config.ClientId) ? "brokersets-admin" : config.ClientId,
        };
    }

    public static ImmutableArray<(string Host, int Port)> ParseServers(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers))
        {
            throw new ArgumentException("bootstrap.servers is empty.", nameof(servers));
        }

        var list = new List<(string, int)>();
        foreach (string raw in servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string s = raw.Contains("://", StringComparison.Ordinal) ? raw[(raw.IndexOf("://", StringComparison.Ordinal) + 3)..] : raw;
            int colon = s.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(s.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            {
                throw new ArgumentException($"bootstrap.servers entry '{raw}' is not host:port.", nameof(servers));
            }

            list.Add((s[..colon].Trim('[', ']'), port));
        }

        return list.ToImmutableArray();
    }

    /// <summary>Renders the non-secret settings only.</summary>
    public override string ToString() =>
        $"{string.Join(",", BootstrapServers.Select(b => $"{b.Host}:{b.Port}"))} tls={UseTls} sasl={ScramFormulas.MechanismName(Sasl)}";
}
