using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Serilog.Events;
using UsocHil.FirmwareSim.Pigpiod;

namespace UsocHil.IntegrationTests.Gpio;

/// <summary>The pigpiod emulator at the byte level: what a careless or hostile client gets.</summary>
public sealed class PigpiodServerTests
{
    [TestCase(200u, -88)]
    [TestCase(25u, -88)]
    [TestCase(38u, -57)]
    [TestCase(40u, -48)]
    [TestCase(104u, -137)]
    [TestCase(110u, -139)]
    [TestCase(18u, -41)]
    [CancelAfter(10_000)]
    public async Task Command_NotServed_AnsweredWithPigpioErrorAndConnectionKeepsWorking(uint command, int expected, CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);
        using Socket socket = await ConnectAsync(server, cancellationToken);

        int refused = await ExchangeAsync(socket, command, 1, 2, [0x2f, 0x62, 0x69, 0x6e], cancellationToken);
        int version = await ExchangeAsync(socket, 26, 0, 0, [], cancellationToken);

        Assert.That(refused, Is.EqualTo(expected));
        Assert.That(version, Is.EqualTo(79));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Command_OversizedExtension_ClosesThatConnectionOnly(CancellationToken cancellationToken)
    {
        var log = new TestLog();
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, log.Logger);
        using Socket hostile = await ConnectAsync(server, cancellationToken);
        using Socket polite = await ConnectAsync(server, cancellationToken);

        await hostile.SendAsync(Request(110, 0, 0, 100_000_000), cancellationToken);
        int read = await hostile.ReceiveAsync(new byte[16], cancellationToken);

        Assert.That(read, Is.Zero, "the server closed the hostile connection");
        Assert.That(await ExchangeAsync(polite, 3, 4, 0, [], cancellationToken), Is.Zero);
        Assert.That(log.Events.Any(e => e.Level == LogEventLevel.Warning), Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Accept_BeyondMaxConnections_RefusesExtraAndServesTheRest(CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < PigpiodServer.MaxConnections; i++)
            {
                Socket socket = await ConnectAsync(server, cancellationToken);
                sockets.Add(socket);
                Assert.That(await ExchangeAsync(socket, 17, 0, 0, [], cancellationToken), Is.Not.Negative);
            }

            // The kernel completes the handshake before the server sees the connection; the server then closes it.
            using Socket extra = await ConnectAsync(server, cancellationToken);
            Assert.That(await extra.ReceiveAsync(new byte[16], cancellationToken), Is.Zero);
            Assert.That(await ExchangeAsync(sockets[0], 26, 0, 0, [], cancellationToken), Is.EqualTo(79));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Write_FromClient_RaisesHarnessChangedForTheEmulator(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        var changes = new List<(int, bool)>();
        pins.HarnessChanged += (_, e) => changes.Add((e.Pin, e.High));
        await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        using Socket socket = await ConnectAsync(server, cancellationToken);

        await ExchangeAsync(socket, 4, 17, 1, [], cancellationToken);
        await ExchangeAsync(socket, 4, 17, 1, [], cancellationToken);
        await ExchangeAsync(socket, 12, 1u << 17, 0, [], cancellationToken);
        pins.Drive(22, false);

        Assert.That(changes, Is.EqualTo(new[] { (17, true), (17, false) }));
        Assert.That(await ExchangeAsync(socket, 1, 17, 0, [], cancellationToken), Is.EqualTo(1), "WRITE made GPIO 17 an output");
    }

    [Test]
    public async Task Constructor_NonLoopback_Warns()
    {
        var log = new TestLog();
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, log.Logger, IPAddress.Any);
        Assert.That(log.Events.Count(e => e.Level == LogEventLevel.Warning), Is.EqualTo(1));
    }

    private static async Task<Socket> ConnectAsync(PigpiodServer server, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.LocalEndpoint, cancellationToken);
        return socket;
    }

    private static byte[] Request(uint command, uint p1, uint p2, uint p3)
    {
        byte[] request = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(request, command);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), p1);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), p2);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(12), p3);
        return request;
    }

    private static async Task<int> ExchangeAsync(Socket socket, uint command, uint p1, uint p2, byte[] extension, CancellationToken cancellationToken)
    {
        await socket.SendAsync(Request(command, p1, p2, (uint)extension.Length).Concat(extension).ToArray(), cancellationToken);
        byte[] response = new byte[16];
        int filled = 0;
        while (filled < 16)
        {
            int n = await socket.ReceiveAsync(response.AsMemory(filled), cancellationToken);
            Assert.That(n, Is.Positive, "the server closed the connection");
            filled += n;
        }

        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(response), Is.EqualTo(command));
        return BinaryPrimitives.ReadInt32LittleEndian(response.AsSpan(12));
    }
}
