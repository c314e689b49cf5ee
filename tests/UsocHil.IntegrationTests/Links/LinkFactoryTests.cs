using Serilog.Events;
using UsocHil.Links;
using UsocHil.Links.Serial;
using UsocHil.Links.Tcp;
using UsocHil.Links.Udp;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Links;

public sealed class LinkFactoryTests
{
    private static readonly LinkDefinition Payload = new()
    {
        Name = "payload",
        Protocol = "pus",
        Transports = ["serial", "tcp"],
        Serial = new SerialSettings { Baud = 115200 },
    };

    [TestCase("auto", typeof(TtyLink), "Fast")]
    [TestCase("fast", typeof(TtyLink), "Fast")]
    [TestCase("portable", typeof(SerialPortLink), "Portable")]
    [CancelAfter(10_000)]
    public async Task OpenAsync_SerialPath_ChoosesAndLogsImplementation(string path, Type expected, string logged, CancellationToken cancellationToken)
    {
        var log = new TestLog();
        await using PtyPair pty = PtyPair.Open("emulator", TestLog.Silent);
        var factory = new LinkFactory(TimeProvider.System, log.Logger);
        var binding = new EndpointBinding { Serial = new SerialBinding { Device = pty.SubordinatePath, Path = path } };

        await using ILink link = await factory.OpenAsync(Payload, binding, cancellationToken);
        await link.WriteAsync("x"u8.ToArray(), cancellationToken);

        Assert.That(link, Is.InstanceOf(expected));
        Assert.That(await PtyPairTests.ReadExactlyAsync(pty.Controller, 1, cancellationToken), Is.EqualTo("x"u8.ToArray()));
        Assert.That(log.Events.Any(e => e.Properties.TryGetValue("SerialPath", out var p) && p.ToString() == logged), Is.True);
    }

    [Test]
    public void OpenAsync_UnknownSerialPath_ThrowsLinkException()
    {
        var factory = new LinkFactory(TimeProvider.System, TestLog.Silent);
        var binding = new EndpointBinding { Serial = new SerialBinding { Device = "/dev/ttyS0", Path = "quick" } };
        Assert.That(async () => await factory.OpenAsync(Payload, binding, CancellationToken.None), Throws.InstanceOf<LinkException>().With.Message.Contains("quick"));
    }

    [Test]
    public void OpenAsync_TwoTransportsInOneBinding_ThrowsLinkException()
    {
        var factory = new LinkFactory(TimeProvider.System, TestLog.Silent);
        var binding = new EndpointBinding
        {
            Serial = new SerialBinding { Device = "/dev/ttyS0" },
            Tcp = new NetworkBinding { Host = "127.0.0.1", Port = 1 },
        };
        Assert.That(async () => await factory.OpenAsync(Payload, binding, CancellationToken.None), Throws.InstanceOf<LinkException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenAsync_Udp_ExchangesDatagramsWithListener(CancellationToken cancellationToken)
    {
        await using UdpLink emulator = UdpLink.Listen("telemetry", TestLog.Silent);
        var factory = new LinkFactory(TimeProvider.System, TestLog.Silent);
        var binding = new EndpointBinding { Udp = new NetworkBinding { Host = "127.0.0.1", Port = emulator.LocalEndpoint.Port } };

        await using ILink link = await factory.OpenAsync(Payload, binding, cancellationToken);
        await link.WriteAsync("hello"u8.ToArray(), cancellationToken);
        byte[] buffer = new byte[64];
        int atEmulator = await emulator.ReadAsync(buffer, cancellationToken);
        await emulator.WriteAsync(new byte[] { 1, 2, 3 }, cancellationToken);
        int atHarness = await link.ReadAsync(buffer, cancellationToken);

        Assert.That(atEmulator, Is.EqualTo(5));
        Assert.That(atHarness, Is.EqualTo(3));
        Assert.That(buffer[..3], Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(link.Statistics.Frames, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenAsync_PortableWithModemLinesOnPty_WarnsAndOpens(CancellationToken cancellationToken)
    {
        var log = new TestLog();
        await using PtyPair pty = PtyPair.Open("emulator", TestLog.Silent);
        var factory = new LinkFactory(TimeProvider.System, log.Logger);
        var binding = new EndpointBinding
        {
            Serial = new SerialBinding { Device = pty.SubordinatePath, Path = "portable", Settings = new SerialSettings { ModemLines = true } },
        };

        await using ILink link = await factory.OpenAsync(Payload, binding, cancellationToken);

        Assert.That(log.Events.Count(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("modem lines")), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenAsync_Tcp_ReconnectsAfterResetAndCountsIt(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("emulator", TestLog.Silent);
        var options = new ReconnectOptions { FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
        var factory = new LinkFactory(TimeProvider.System, TestLog.Silent, options);
        var binding = new EndpointBinding { Tcp = new NetworkBinding { Host = "127.0.0.1", Port = listener.Port } };
        ValueTask<TcpLink> first = listener.AcceptAsync(cancellationToken);

        await using ILink link = await factory.OpenAsync(Payload, binding, cancellationToken);
        TcpLink firstServer = await first;
        ValueTask<TcpLink> second = listener.AcceptAsync(cancellationToken);
        ValueTask<int> pending = link.ReadAsync(new byte[16], cancellationToken);
        firstServer.Abort();
        await using TcpLink secondServer = await second;
        await secondServer.WriteAsync("back"u8.ToArray(), cancellationToken);

        Assert.That(await pending, Is.GreaterThan(0));
        Assert.That(link.Statistics.Reconnects, Is.EqualTo(1));
        Assert.That(link.Statistics.LastError, Is.Not.Null);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenAsync_TcpNobodyListening_GivesUpAfterAttemptsWithLinkClosedException(CancellationToken cancellationToken)
    {
        int port;
        await using (var gone = new TcpLinkListener("gone", TestLog.Silent))
        {
            port = gone.Port;
        }

        var options = new ReconnectOptions { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };
        var log = new TestLog();
        var factory = new LinkFactory(TimeProvider.System, log.Logger, options);
        var binding = new EndpointBinding { Tcp = new NetworkBinding { Host = "127.0.0.1", Port = port } };

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () => await factory.OpenAsync(Payload, binding, cancellationToken));

        Assert.That(error!.Endpoint, Is.EqualTo("127.0.0.1:" + port));
        Assert.That(log.Events.Count(e => e.MessageTemplate.Text.Contains("retrying")), Is.EqualTo(2));
    }
}
