using UsocHil.FirmwareSim.Sessions;
using UsocHil.Framing;
using UsocHil.IntegrationTests.Links;
using UsocHil.Description;
using UsocHil.Links.Serial;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>An emulator's downlink over a real pseudo-terminal, read by the harness's tty link.</summary>
public sealed class DownlinkSessionTests
{
    private const int PacketSize = 64;

    [Test]
    [CancelAfter(10_000)]
    public async Task Queue_LineHasRoom_ReportLeavesWithoutTheWriteLoop(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("payload", TestLog.Silent);
        await using TtyLink harness = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent);
        var session = new DownlinkSession(pty.Controller, new LengthDelimitedFramer());

        session.Queue(Packet(1));
        session.Queue(Packet(2));

        // No write loop runs: only the queuing thread can have sent them.
        byte[] received = await PtyPairTests.ReadExactlyAsync(harness, 2 * PacketSize, cancellationToken);
        Assert.That(received, Is.EqualTo(Packet(1).Concat(Packet(2)).ToArray()));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Queue_HarnessStoppedReading_TicksNeverWaitAndTheOldestAreLost(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("payload", TestLog.Silent);
        await using (TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent))
        {
            // Opened once for its line settings (raw, as a harness sets them); then nobody reads the line.
        }

        var session = new DownlinkSession(pty.Controller, new LengthDelimitedFramer());
        const int queued = 20_000; // 1.3 MB: far beyond what a pty holds, and beyond the session's own queue

        // A tick that waited for room would never get past this loop.
        for (int i = 0; i < queued; i++)
        {
            session.Queue(Packet(i));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task writeLoop = Task.Run(() => session.WriteLoopAsync(stop.Token), cancellationToken); // its writes wait for the reader
        var numbers = new List<int>();
        await Task.Run(
            () =>
            {
                using var line = new FileStream(pty.SubordinatePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
                byte[] packet = new byte[PacketSize];
                while (numbers.Count == 0 || numbers[^1] != queued - 1)
                {
                    line.ReadExactly(packet);
                    numbers.Add(Number(packet));
                }
            },
            cancellationToken);

        await stop.CancelAsync();
        await writeLoop;
        Assert.That(numbers, Is.Ordered.Ascending, "what arrives keeps its order");
        Assert.That(numbers, Has.Count.LessThan(queued), "a harness that stopped reading loses reports");
        Assert.That(numbers[0], Is.Zero, "the line held the first reports");
        Assert.That(numbers.Skip(1).Zip(numbers).Count(pair => pair.First != pair.Second + 1), Is.EqualTo(1), "one gap: the oldest of the backlog went");
    }

    /// <summary>A space packet of <see cref="PacketSize"/> octets carrying <paramref name="number"/> in its data field.</summary>
    private static byte[] Packet(int number)
    {
        byte[] packet = new byte[PacketSize];
        packet[0] = 0x08; // version 0, telemetry, secondary header flag, APID high bits
        packet[1] = 0x01;
        packet[2] = 0xC0; // unsegmented
        packet[4] = 0;
        packet[5] = PacketSize - 7;
        BitConverter.TryWriteBytes(packet.AsSpan(6), number);
        return packet;
    }

    private static int Number(ReadOnlySpan<byte> packet) => BitConverter.ToInt32(packet[6..]);
}
