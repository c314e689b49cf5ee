using UsocHil.Framing;
using UsocHil.IntegrationTests.Support;
using UsocHil.Links.Serial;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;

namespace UsocHil.IntegrationTests.Protocols;

/// <summary>
/// Telemetry framed and checksummed by an independent implementation (Python's binascii.crc_hqx, which is
/// CRC-16/CCITT-FALSE with init 0xFFFF) and written by pyserial to a real pty, with noise and a corrupted frame.
/// </summary>
public sealed class SyncMarkerOverPtyTests
{
    private const string Script = """
        import sys, struct, binascii, serial
        port = serial.Serial(sys.argv[1], 115200, timeout=10)
        def tm(count, data):
            body = bytes([0x20, 3, 25]) + struct.pack('>HH', count, 1) + b'\x1e' + struct.pack('>IH', 2000000000 + count, 0x8000) + data
            packet = struct.pack('>HHH', 0x0800 | 100, 0xC000 | count, len(body) + 2 - 1) + body
            return packet + struct.pack('>H', binascii.crc_hqx(packet, 0xFFFF))
        asm = bytes.fromhex('1ACFFC1D')
        out, good = b'\x00\x55noise\x1a', []
        for i in range(6):
            p = tm(i, bytes([1, i, 0xAA]))
            if i == 2:
                bad = bytearray(p); bad[12] ^= 0x10
                out += asm + bytes(bad) + b'\x1a\xcf'
            else:
                good.append(p); out += asm + p + b'\xff'
        port.write(out); port.flush()
        port.read(1)
        print(','.join(g.hex().upper() for g in good))
        port.close()
        """;

    [Test]
    [CancelAfter(20_000)]
    public async Task ReadPacketAsync_PyserialFramesWithNoiseAndABadCrc_DeliversExactlyTheGoodOnes(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("payload", TestLog.Silent);
        var framer = new SyncMarkerFramer(PacketErrorControl.Crc, TimeProvider.System, TestLog.Silent);
        Task<(int ExitCode, string Output, string Error)> writer = PythonProcess.PythonAsync(Script, cancellationToken, pty.SubordinatePath);

        var received = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ReadOnlyMemory<byte> packet = await framer.ReadPacketAsync(pty.Controller, cancellationToken);
            received.Add(Convert.ToHexString(packet.Span));
            Telemetry tm = PusCodec.UsocHilDefault.DecodeTelemetry(packet.Span);
            Assert.That(HousekeepingReport.From(tm).StructureId, Is.EqualTo(1));
            Assert.That(tm.Time.SecondsSinceEpoch, Is.EqualTo(2_000_000_000 + tm.SequenceCount + 0.5));
        }

        await pty.Controller.WriteAsync(new byte[] { 0x06 }, cancellationToken);
        (int exitCode, string output, string error) = await writer;

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(received, Is.EqualTo(output.Trim().Split(',')));
        Assert.That(pty.Controller.Statistics.FramingErrors, Is.GreaterThanOrEqualTo(1));
        Assert.That(pty.Controller.Statistics.Frames, Is.EqualTo(5));
    }
}
