using System.Buffers.Binary;
using System.Net.Sockets;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Gpio.Drivers.Pigpio;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Hostile requests at a real <see cref="PigpiodServer"/> on 127.0.0.1:0. Every well-formed 16-octet request must get
/// exactly one 16-octet answer echoing cmd, p1 and p2 (a crash in a handler would close the socket instead); random
/// byte streams and huge extension lengths may close a connection but never the server, which answers afterwards.
/// </summary>
public sealed class PigpiodServerFuzzTests
{
    private static readonly uint[] Interesting = [0, 1, 2, 7, 8, 31, 32, 53, 54, 63, 64, 255, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    private static readonly uint[] NotificationCommands =
        [(uint)PigpioCommand.Noib, (uint)PigpioCommand.Nb, (uint)PigpioCommand.Np, (uint)PigpioCommand.Nc];

    [Test]
    [CancelAfter(60_000)]
    public async Task Requests_RandomCommandsAndParameters_EachAnsweredWithItsEcho(CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);
        var random = new Random(Seed(5001));
        int requests = Budget(20_000);
        const int batch = 200;
        using var socket = await ConnectAsync(server, cancellationToken);
        var request = new byte[16 * batch];
        var answer = new byte[16 * batch];
        int errors = 0;
        for (int done = 0; done < requests; done += batch)
        {
            for (int i = 0; i < batch; i++)
            {
                Span<byte> r = request.AsSpan(16 * i, 16);
                uint command;
                do
                {
                    command = random.Next(3) == 0 ? Pick(random) : (uint)random.Next(130);
                }
                while (Array.IndexOf(NotificationCommands, command) >= 0);

                BinaryPrimitives.WriteUInt32LittleEndian(r, command);
                BinaryPrimitives.WriteUInt32LittleEndian(r[4..], random.Next(2) == 0 ? Pick(random) : (uint)random.Next());
                BinaryPrimitives.WriteUInt32LittleEndian(r[8..], random.Next(2) == 0 ? Pick(random) : (uint)random.Next());
                BinaryPrimitives.WriteUInt32LittleEndian(r[12..], 0);
            }

            await socket.SendAsync(request, SocketFlags.None, cancellationToken);
            await ReceiveExactlyAsync(socket, answer, cancellationToken);
            for (int i = 0; i < batch; i++)
            {
                Assert.That(answer.AsSpan(16 * i, 12).SequenceEqual(request.AsSpan(16 * i, 12)), Is.True, $"answer {done + i} echoes its request");
                errors += BinaryPrimitives.ReadInt32LittleEndian(answer.AsSpan((16 * i) + 12)) < 0 ? 1 : 0;
            }
        }

        ReliabilityRecord.Write("fuzz", "pigpiod emulator: random commands and parameters (16-octet requests, one socket)", requests,
            $"every request answered with its echo; {errors:N0} refused with a pigpio error code; no connection dropped");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Streams_RandomBytesAndHugeExtensions_ServerSurvivesAndStillAnswers(CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);
        var random = new Random(Seed(5002));
        int streams = Budget(400);
        int closedByServer = 0;
        long bytes = 0;
        for (int s = 0; s < streams; s++)
        {
            using Socket socket = await ConnectAsync(server, cancellationToken);
            byte[] garbage = new byte[random.Next(s % 4 == 0 ? 16 : 1, 600)];
            random.NextBytes(garbage);
            if (s % 4 == 0)
            {
                // A request announcing an extension far beyond pigpio's limits, or just beyond the emulator's.
                BinaryPrimitives.WriteUInt32LittleEndian(garbage.AsSpan(0), (uint)random.Next(130));
                BinaryPrimitives.WriteUInt32LittleEndian(garbage.AsSpan(12), s % 8 == 0 ? 0xFFFF_FFFF : 64 * 1024 + 1);
            }

            bytes += garbage.Length;
            await socket.SendAsync(garbage, SocketFlags.None, cancellationToken);
            socket.Shutdown(SocketShutdown.Send);
            var sink = new byte[4096];
            int total = 0;
            while (true)
            {
                int n;
                try
                {
                    n = await socket.ReceiveAsync(sink, SocketFlags.None, cancellationToken);
                }
                catch (SocketException)
                {
                    closedByServer++;
                    break;
                }

                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            Assert.That(total % 16, Is.Zero, "answers are whole 16-octet responses");
        }

        using Socket check = await ConnectAsync(server, cancellationToken);
        var read = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(read, (uint)PigpioCommand.Read);
        BinaryPrimitives.WriteUInt32LittleEndian(read.AsSpan(4), 4);
        await check.SendAsync(read, SocketFlags.None, cancellationToken);
        var response = new byte[16];
        await ReceiveExactlyAsync(check, response, cancellationToken);
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(response.AsSpan(12)), Is.InRange(0, 1), "the server still answers READ after the hostile streams");
        ReliabilityRecord.Write("fuzz", "pigpiod emulator: random byte streams, extensions of 64 KiB+1 and 4 GiB, half requests", streams,
            $"{bytes:N0} octets sent; answers only whole; {closedByServer} connections reset; the server answered a READ afterwards");
    }

    private static uint Pick(Random random) => Interesting[random.Next(Interesting.Length)];

    private static int Seed(int baseSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("USOCHIL_FUZZ_SEED"), out int shift) ? unchecked(baseSeed + shift) : baseSeed;

    /// <summary>USOCHIL_FUZZ_ITERATIONS scales the smoke counts as in the unit tests (N/100000).</summary>
    private static int Budget(int smoke) =>
        double.TryParse(Environment.GetEnvironmentVariable("USOCHIL_FUZZ_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture, out double n) && n > 0
            ? (int)Math.Max(1, smoke * n / 100_000)
            : smoke;

    private static async Task<Socket> ConnectAsync(PigpiodServer server, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.LocalEndpoint, cancellationToken);
        return socket;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                Assert.Fail("the server closed a connection that sent only well-formed requests");
            }

            buffer = buffer[n..];
        }
    }
}
