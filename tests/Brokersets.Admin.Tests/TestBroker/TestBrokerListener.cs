using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Brokersets.Admin.Protocol;

namespace Brokersets.Admin.Tests.TestBroker;

/// <summary>One broker's listener on 127.0.0.1 and its connections.</summary>
internal sealed class TestBrokerListener : IAsyncDisposable
{
    private readonly TestKafkaCluster _cluster;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private volatile bool _reachable = true;
    private Task _acceptLoop = Task.CompletedTask;

    private TestBrokerListener(TestKafkaCluster cluster, int brokerId)
    {
        _cluster = cluster;
        BrokerId = brokerId;
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    public int BrokerId { get; }

    public int Port { get; private set; }

    public static TestBrokerListener Start(TestKafkaCluster cluster, int brokerId)
    {
        var l = new TestBrokerListener(cluster, brokerId);
        l._listener.Start();
        l.Port = ((IPEndPoint)l._listener.LocalEndpoint).Port;
        l._acceptLoop = Task.Run(l.AcceptLoopAsync);
        return l;
    }

    public void SetReachable(bool reachable)
    {
        _reachable = reachable;
        if (!reachable)
        {
            foreach (TcpClient c in _connections.Keys)
            {
                c.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (TcpClient c in _connections.Keys)
        {
            c.Dispose();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            if (!_reachable)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            _connections.TryAdd(client, 0);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private static bool IssuedBy(X509Certificate? certificate, X509Certificate2 ca) =>
        certificate is not null && KafkaConnection.ChainsTo(certificate, new X509Certificate2Collection(ca));

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            client.NoDelay = true;
            Stream stream = client.GetStream();
            if (_cluster.TlsCertificate is not null)
            {
                var ssl = new SslStream(stream, false);
                X509Certificate2? clientCa = _cluster.TlsClientCa;
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _cluster.TlsCertificate,
                    ClientCertificateRequired = clientCa is not null,
                    RemoteCertificateValidationCallback = clientCa is null ? null : (_, cert, _, _) => IssuedBy(cert, clientCa),
                }, _stop.Token);
                if (clientCa is not null)
                {
                    _cluster.TlsClientSubjects.Enqueue(ssl.RemoteCertificate!.Subject);
                }

                stream = ssl;
            }

            var session = new TestSession(_cluster, BrokerId, _cluster.SaslMechanism is null);
            byte[] size = new byte[4];
            while (!_stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(size, _stop.Token);
                byte[] frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
                await stream.ReadExactlyAsync(frame, _stop.Token);
                _cluster.RawRequests.Enqueue(frame);
                var r = new KafkaReader(frame);
                short apiKey = r.Int16();
                short version = r.Int16();
                int correlation = r.Int32();
                _ = r.String(false);
                bool flexible = TestKafkaCluster.IsFlexible(apiKey, version);
                r.SkipTags(flexible); // request header v2 whenever the body is flexible
                _cluster.Requests.Enqueue((BrokerId, apiKey, version));

                TestFault? fault = apiKey is ApiKeys.ApiVersions ? null : _cluster.TakeFault(apiKey, BrokerId);
                if (fault?.Kind == TestFaultKind.DropBeforeHandling)
                {
                    return;
                }

                var w = new KafkaWriter();
                w.Int32(0);
                w.Int32(correlation);
                w.NoTags(flexible && apiKey != ApiKeys.ApiVersions);
                short injected = fault?.Kind == TestFaultKind.Error ? fault.ErrorCode : (short)0;
                if (fault?.Kind == TestFaultKind.RawResponse)
                {
                    w.Raw(fault.Body);
                }
                else
                {
                    session.Handle(apiKey, version, flexible, r, w, injected);
                    if (session.CloseWithoutResponse)
                    {
                        return;
                    }
                }

                if (fault?.Kind == TestFaultKind.DropAfterHandling)
                {
                    return;
                }

                if (fault?.Kind == TestFaultKind.Delay)
                {
                    await Task.Delay(fault.Delay, _stop.Token);
                }

                w.PatchInt32(0, w.Length - 4);
                await stream.WriteAsync(w.ToArray(), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (session.CloseAfterResponse)
                {
                    return;
                }
            }
        }
        catch (Exception)
        {
            // the client went away, the test broker stopped, or a fault closed the connection
        }
        finally
        {
            _connections.TryRemove(client, out _);
            client.Dispose();
        }
    }
}
