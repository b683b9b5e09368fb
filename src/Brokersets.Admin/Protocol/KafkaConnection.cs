using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace Brokersets.Admin.Protocol;

/// <summary>
/// One TCP (optionally TLS) connection to one broker, after ApiVersions negotiation and SASL authentication.
/// One request at a time; any transport failure or timeout breaks the connection for good.
/// </summary>
internal sealed class KafkaConnection : IAsyncDisposable
{
    private const int MaxFrame = 64 * 1024 * 1024;
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly KafkaConnectionSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<short, (short Min, short Max)> _versions = new();
    private int _correlation;

    private KafkaConnection(TcpClient tcp, Stream stream, KafkaConnectionSettings settings, string endpoint)
    {
        _tcp = tcp;
        _stream = stream;
        _settings = settings;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public bool IsBroken { get; private set; }

    /// <summary>Connects, negotiates TLS, ApiVersions and SASL.</summary>
    public static async Task<KafkaConnection> OpenAsync(string host, int port, KafkaConnectionSettings settings, CancellationToken cancellationToken)
    {
        string endpoint = $"{host}:{port}";
        var tcp = new TcpClient { NoDelay = true };
        KafkaConnection? connection = null;
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(settings.ConnectTimeout);
                try
                {
                    await tcp.ConnectAsync(host, port, connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new KafkaAdminException(ErrorCode.Local_TimedOut, $"Connecting to {endpoint} timed out after {settings.ConnectTimeout.TotalMilliseconds:0} ms.");
                }
                catch (SocketException e)
                {
                    throw new KafkaAdminException(ErrorCode.Local_Transport, $"Cannot connect to {endpoint}: {e.SocketErrorCode}.", innerException: e);
                }
            }

            Stream stream = tcp.GetStream();
            if (settings.UseTls)
            {
                stream = await AuthenticateTlsAsync(stream, host, settings, cancellationToken).ConfigureAwait(false);
            }

            connection = new KafkaConnection(tcp, stream, settings, endpoint);
            await connection.NegotiateVersionsAsync(cancellationToken).ConfigureAwait(false);
            if (settings.Sasl != SaslMechanismKind.None)
            {
                await connection.AuthenticateSaslAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                tcp.Dispose();
            }

            throw;
        }
    }

    /// <summary>The version range the broker advertises for <paramref name="apiKey"/>, or <see langword="null"/>.</summary>
    public (short Min, short Max)? Versions(short apiKey) => _versions.TryGetValue(apiKey, out (short, short) v) ? v : null;

    /// <summary>The highest version both sides speak, or -1.</summary>
    public short Negotiate(short apiKey, short clientMin, short clientMax)
    {
        if (Versions(apiKey) is not (short min, short max))
        {
            return -1;
        }

        short v = Math.Min(max, clientMax);
        return v >= Math.Max(min, clientMin) ? v : (short)-1;
    }

    /// <summary>Sends one request and returns a reader positioned at the response body.</summary>
    public async Task<KafkaReader> SendAsync(short apiKey, short version, bool flexible, Action<KafkaWriter> writeBody, CancellationToken cancellationToken)
    {
        if (IsBroken)
        {
            throw new KafkaAdminException(ErrorCode.Local_Transport, $"The connection to {Endpoint} is broken.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.RequestTimeout);
        try
        {
            int correlation = ++_correlation;
            var w = new KafkaWriter();
            w.Int32(0);
            w.Int16(apiKey);
            w.Int16(version);
            w.Int32(correlation);
            w.String(_settings.ClientId, flexible: false);
            w.NoTags(flexible);
            writeBody(w);
            w.PatchInt32(0, w.Length - 4);
            await _stream.WriteAsync(w.ToArray(), timeout.Token).ConfigureAwait(false);
            await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);

            byte[] frame = await ReadFrameAsync(timeout.Token).ConfigureAwait(false);
            var r = new KafkaReader(frame);
            int got = r.Int32();
            if (got != correlation)
            {
                throw new KafkaProtocolException($"Response correlation id {got} does not match request {correlation}.");
            }

            // ApiVersions always answers with response header v0, whatever the body version.
            r.SkipTags(flexible && apiKey != ApiKeys.ApiVersions);
            return r;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            IsBroken = true;
            throw new KafkaAdminException(ErrorCode.Local_TimedOut, $"Request (API key {apiKey} v{version}) to {Endpoint} timed out after {_settings.RequestTimeout.TotalMilliseconds:0} ms.");
        }
        catch (OperationCanceledException)
        {
            IsBroken = true;
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
            IsBroken = true;
            throw new KafkaAdminException(ErrorCode.Local_Transport, $"Connection to {Endpoint} lost during API key {apiKey} v{version}: {e.GetType().Name}.", innerException: e);
        }
        catch (KafkaProtocolException e)
        {
            IsBroken = true;
            throw new KafkaAdminException(ErrorCode.Local_BadMsg, $"Malformed response from {Endpoint} to API key {apiKey}: {e.Message}", innerException: e);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        IsBroken = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
        _gate.Dispose();
    }

    private async Task<byte[]> ReadFrameAsync(CancellationToken cancellationToken)
    {
        byte[] size = new byte[4];
        await _stream.ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false);
        int length = BinaryPrimitives.ReadInt32BigEndian(size);
        if (length is < 4 or > MaxFrame)
        {
            throw new KafkaProtocolException($"Frame length {length} is out of range.");
        }

        byte[] frame = new byte[length];
        await _stream.ReadExactlyAsync(frame, cancellationToken).ConfigureAwait(false);
        return frame;
    }

    private async Task NegotiateVersionsAsync(CancellationToken cancellationToken)
    {
        // v3 first (flexible); a broker that does not know v3 answers UNSUPPORTED_VERSION in a v0 body.
        KafkaReader r = await SendAsync(ApiKeys.ApiVersions, 3, flexible: true, w =>
        {
            w.String("brokersets-admin", flexible: true);
            w.String("1.0", flexible: true);
            w.NoTags(flexible: true);
        }, cancellationToken).ConfigureAwait(false);
        short error = r.Int16();
        bool flexible = true;
        if (error == ApiKeys.UnsupportedVersion)
        {
            r = await SendAsync(ApiKeys.ApiVersions, 0, flexible: false, _ => { }, cancellationToken).ConfigureAwait(false);
            error = r.Int16();
            flexible = false;
        }

        if (error != 0)
        {
            throw new KafkaAdminException((ErrorCode)error, $"ApiVersions to {Endpoint} failed with error {error}.");
        }

        var versions = new Dictionary<short, (short, short)>();
        int count = r.ArrayLength(flexible);
        for (int i = 0; i < count; i++)
        {
            short key = r.Int16();
            short min = r.Int16();
            short max = r.Int16();
            r.SkipTags(flexible);
            versions[key] = (min, max);
        }

        _versions = versions;
    }

    private async Task AuthenticateSaslAsync(CancellationToken cancellationToken)
    {
        string mechanism = ScramFormulas.MechanismName(_settings.Sasl);
        KafkaReader r = await SendAsync(ApiKeys.SaslHandshake, 1, flexible: false, w => w.String(mechanism, flexible: false), cancellationToken).ConfigureAwait(false);
        short error = r.Int16();
        List<string> offered = r.Array(false, x => x.RequiredString(false)) ?? new List<string>();
        if (error != 0)
        {
            throw new KafkaAdminException((ErrorCode)error, $"{Endpoint} does not accept SASL mechanism {mechanism} (it offers {string.Join(", ", offered)}).");
        }

        string user = _settings.Username ?? string.Empty;
        string password = _settings.Password ?? string.Empty;
        if (_settings.Sasl == SaslMechanismKind.Plain)
        {
            await AuthenticateStepAsync(Encoding.UTF8.GetBytes("\0" + user + "\0" + password), mechanism, cancellationToken).ConfigureAwait(false);
            return;
        }

        string clientNonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        string clientFirstBare = $"n={ScramFormulas.EscapeName(user)},r={clientNonce}";
        byte[] serverFirstBytes = await AuthenticateStepAsync(Encoding.UTF8.GetBytes("n,," + clientFirstBare), mechanism, cancellationToken).ConfigureAwait(false);
        string serverFirst = Encoding.UTF8.GetString(serverFirstBytes);
        string? nonce = ScramFormulas.Attribute(serverFirst, 'r');
        string? salt = ScramFormulas.Attribute(serverFirst, 's');
        string? iterations = ScramFormulas.Attribute(serverFirst, 'i');
        if (nonce is null || salt is null || iterations is null || !nonce.StartsWith(clientNonce, StringComparison.Ordinal) ||
            !int.TryParse(iterations, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int iter))
        {
            throw new KafkaAdminException(ErrorCode.SaslAuthenticationFailed, $"{mechanism} authentication to {Endpoint} failed: malformed server-first message.");
        }

        byte[] salted = ScramFormulas.SaltedPassword(_settings.Sasl, password, Convert.FromBase64String(salt), iter);
        string finalWithoutProof = "c=biws,r=" + nonce;
        string authMessage = clientFirstBare + "," + serverFirst + "," + finalWithoutProof;
        string proof = Convert.ToBase64String(ScramFormulas.ClientProof(_settings.Sasl, salted, authMessage));
        byte[] serverFinalBytes = await AuthenticateStepAsync(Encoding.UTF8.GetBytes(finalWithoutProof + ",p=" + proof), mechanism, cancellationToken).ConfigureAwait(false);
        string? verifier = ScramFormulas.Attribute(Encoding.UTF8.GetString(serverFinalBytes), 'v');
        string expected = Convert.ToBase64String(ScramFormulas.ServerSignature(_settings.Sasl, salted, authMessage));
        if (verifier != expected)
        {
            throw new KafkaAdminException(ErrorCode.SaslAuthenticationFailed, $"{mechanism} authentication to {Endpoint} failed: the server's signature does not verify.");
        }
    }

    private async Task<byte[]> AuthenticateStepAsync(byte[] payload, string mechanism, CancellationToken cancellationToken)
    {
        KafkaReader r = await SendAsync(ApiKeys.SaslAuthenticate, 1, flexible: false, w => w.Bytes(payload, flexible: false), cancellationToken).ConfigureAwait(false);
        short error = r.Int16();
        string? message = r.String(false);
        byte[] response = r.Bytes(false);
        if (error != 0)
        {
            throw new KafkaAdminException((ErrorCode)error, $"{mechanism} authentication to {Endpoint} failed ({error}): {message}");
        }

        return response;
    }

    private static async Task<Stream> AuthenticateTlsAsync(Stream inner, string host, KafkaConnectionSettings settings, CancellationToken cancellationToken)
    {
        X509Certificate2Collection? roots = null;
        if (settings.SslCaPem is not null || settings.SslCaLocation is not null)
        {
            roots = new X509Certificate2Collection();
            if (settings.SslCaPem is not null)
            {
                roots.ImportFromPem(settings.SslCaPem);
            }

            if (settings.SslCaLocation is not null)
            {
                roots.ImportFromPemFile(settings.SslCaLocation);
            }
        }

        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, errors, roots, settings),
        };
        if (settings.SslCertificateLocation is not null)
        {
            X509Certificate2 client = settings.SslKeyPassword is null
                ? X509Certificate2.CreateFromPemFile(settings.SslCertificateLocation, settings.SslKeyLocation)
                : X509Certificate2.CreateFromEncryptedPemFile(settings.SslCertificateLocation, settings.SslKeyPassword, settings.SslKeyLocation);
            options.ClientCertificates = new X509CertificateCollection { client };
        }

        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new KafkaAdminException(ErrorCode.Local_Ssl, $"TLS handshake with {host} failed: {e.Message}", innerException: e);
        }

        return ssl;
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, KafkaConnectionSettings settings)
    {
        if (!settings.VerifyCertificate)
        {
            return true;
        }

        if (certificate is null || (settings.VerifyHostname && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)))
        {
            return false;
        }

        if (roots is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        return ChainsTo(certificate, roots);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/> (and only those; no revocation check).</summary>
    internal static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
