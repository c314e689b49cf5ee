using System.Net;
using Serilog.Events;
using UsocHil.Links;
using UsocHil.Links.Tcp;

namespace UsocHil.IntegrationTests.Links;

public sealed class TcpLinkTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [CancelAfter(10_000)]
    public async Task ConnectAsync_LoopbackListener_ExchangesBytesBothWays(string host, CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("emulator", TestLog.Silent, IPAddress.Parse(host));
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        await using TcpLink client = await TcpClientLink.ConnectAsync("payload", host, listener.Port, ConnectTimeout, TimeProvider.System, TestLog.Silent, cancellationToken);
        await using TcpLink server = await accepting;

        await client.WriteAsync("ping"u8.ToArray(), cancellationToken);
        byte[] atServer = await PtyPairTests.ReadExactlyAsync(server, 4, cancellationToken);
        await server.WriteAsync("pong"u8.ToArray(), cancellationToken);
        byte[] atClient = await PtyPairTests.ReadExactlyAsync(client, 4, cancellationToken);

        Assert.That(atServer, Is.EqualTo("ping"u8.ToArray()));
        Assert.That(atClient, Is.EqualTo("pong"u8.ToArray()));
        Assert.That(client.Info.Endpoint, Does.EndWith(":" + listener.Port));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ConnectAsync_NobodyListening_ThrowsLinkClosedExceptionWithEndpoint(CancellationToken cancellationToken)
    {
        int port;
        await using (var listener = new TcpLinkListener("gone", TestLog.Silent))
        {
            port = listener.Port;
        }

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () =>
            await TcpClientLink.ConnectAsync("payload", "127.0.0.1", port, ConnectTimeout, TimeProvider.System, TestLog.Silent, cancellationToken));
        Assert.That(error!.Endpoint, Is.EqualTo("127.0.0.1:" + port));
    }

    [Test]
    public async Task Constructor_NonLoopbackAddress_LogsWarning()
    {
        var log = new TestLog();
        await using var listener = new TcpLinkListener("exposed", log.Logger, IPAddress.Any);
        Assert.That(log.Events.Count(e => e.Level == LogEventLevel.Warning), Is.EqualTo(1));
    }

    [Test]
    public async Task Constructor_Default_BindsLoopbackEphemeralPort()
    {
        var log = new TestLog();
        await using var listener = new TcpLinkListener("emulator", log.Logger);
        Assert.That(listener.LocalEndpoint.Address, Is.EqualTo(IPAddress.Loopback));
        Assert.That(listener.Port, Is.GreaterThan(0));
        Assert.That(log.Events.Any(e => e.Level == LogEventLevel.Warning), Is.False);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PeerResets_ThrowsLinkClosedExceptionWithEndpoint(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("emulator", TestLog.Silent);
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        await using TcpLink client = await TcpClientLink.ConnectAsync("payload", "127.0.0.1", listener.Port, ConnectTimeout, TimeProvider.System, TestLog.Silent, cancellationToken);
        TcpLink server = await accepting;
        ValueTask<int> pending = client.ReadAsync(new byte[16], cancellationToken);

        server.Abort();

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () => await pending);
        Assert.That(error!.Endpoint, Is.EqualTo(client.Info.Endpoint));
        Assert.That(error.Message, Does.Contain("ConnectionReset"));
        Assert.That(client.Statistics.LastError, Is.EqualTo("ConnectionReset"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PeerClosesOrderly_ReturnsZero(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("emulator", TestLog.Silent);
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        await using TcpLink client = await TcpClientLink.ConnectAsync("payload", "127.0.0.1", listener.Port, ConnectTimeout, TimeProvider.System, TestLog.Silent, cancellationToken);
        TcpLink server = await accepting;

        await server.DisposeAsync();

        Assert.That(await client.ReadAsync(new byte[16], cancellationToken), Is.Zero);
    }
}
