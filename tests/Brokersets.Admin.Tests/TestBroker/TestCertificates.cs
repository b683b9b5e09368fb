using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>
/// A throw-away PKI made at run time: a self-signed CA, a server certificate for 127.0.0.1/localhost and a client
/// certificate, both signed by the CA. The PEM files (for librdkafka's <c>ssl.ca.location</c>,
/// <c>ssl.certificate.location</c>, <c>ssl.key.location</c>) live in a temporary directory removed on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory, X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Directory = directory;
        Ca = ca;
        Server = server;
        Client = client;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate with its private key (for the test broker's <c>SslStream</c>).</summary>
    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaPemPath => Path.Combine(Directory, "ca.pem");

    public string ClientCertificatePemPath => Path.Combine(Directory, "client.pem");

    public string ClientKeyPemPath => Path.Combine(Directory, "client.key");

    public static TestCertificates Create(string caName = "Brokersets Test CA")
    {
        string dir = Path.Combine(Path.GetTempPath(), "brokersets-tls-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-1);
        DateTimeOffset to = DateTimeOffset.UtcNow.AddDays(2);

        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        X509Certificate2 ca = caRequest.CreateSelfSigned(from, to);

        X509Certificate2 server = Issue(ca, "CN=127.0.0.1", from, to, serverAuth: true);
        X509Certificate2 client = Issue(ca, "CN=brokersets-admin", from, to, serverAuth: false);

        File.WriteAllText(Path.Combine(dir, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "client.pem"), client.ExportCertificatePem());
        using (RSA clientKey = client.GetRSAPrivateKey()!)
        {
            File.WriteAllText(Path.Combine(dir, "client.key"), clientKey.ExportPkcs8PrivateKeyPem());
        }

        return new TestCertificates(dir, ca, server, client);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, DateTimeOffset from, DateTimeOffset to, bool serverAuth)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using X509Certificate2 signed = request.Create(ca, from, to, serial);
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a key SslStream can use as a server credential on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
