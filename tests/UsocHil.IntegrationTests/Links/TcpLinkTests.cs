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

    [Test]
    [CancelAfter(10_000)]
    public async Task DisposeAsync_FromItsOwnReadContinuation_Completes(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("emulator", TestLog.Silent);
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        TcpLink client = await TcpClientLink.ConnectAsync("payload", "127.0.0.1", listener.Port, ConnectTimeout, TimeProvider.System, TestLog.Silent, cancellationToken);
        await using TcpLink server = await accepting;
        Task<int> readThenClose = ReadThenCloseAsync(client, cancellationToken);

        await server.WriteAsync("bye"u8.ToArray(), cancellationToken);

        Assert.That(await readThenClose.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken), Is.EqualTo(3));
        Assert.That(await server.ReadAsync(new byte[16], cancellationToken), Is.Zero, "the server sees the close");

        static async Task<int> ReadThenCloseAsync(TcpLink link, CancellationToken cancellationToken)
        {
            int count = await link.ReadAsync(new byte[16], cancellationToken);
            await link.DisposeAsync();
            return count;
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ConnectAsync_ListenerNotAccepting_ThrowsLinkTimeoutExceptionWithinTheTimeout(CancellationToken cancellationToken)
    {
        // A listener whose accept queue is full drops further SYNs: the connect hangs until the link gives up.
        await using var listener = new TcpLinkListener("stuck", TestLog.Silent, backlog: 1);
        var fillers = new List<System.Net.Sockets.Socket>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var filler = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(IPAddress.Loopback, listener.Port, cancellationToken).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await Task.Delay(200, cancellationToken);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<LinkTimeoutException>(async () =>
                await TcpClientLink.ConnectAsync("payload", "127.0.0.1", listener.Port, TimeSpan.FromMilliseconds(500), TimeProvider.System, TestLog.Silent, cancellationToken));

            Assert.That(error!.Endpoint, Is.EqualTo("127.0.0.1:" + listener.Port));
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "bounded by the connect timeout, not the kernel's SYN retries");
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }
}
