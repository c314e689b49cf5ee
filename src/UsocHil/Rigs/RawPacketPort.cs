using UsocHil.Framing;
using UsocHil.Links;

namespace UsocHil.Rigs;

/// <summary>
/// The payload link's framer, shared by the PUS client and raw packets (<c>usoc-hil run --raw</c>): writes from both
/// go through one gate, so a raw packet never lands in the middle of a telecommand on the wire. Reads pass through
/// untouched (the client's one reader loop). Given a <see cref="PacketCapture"/>, every packet read or written (idle
/// fill excepted) is also handed to <see cref="Captured"/>, above the link, for the run's raw packet archive.
/// </summary>
internal sealed class RawPacketPort(ILink link, IPacketFramer framer, PacketCapture? capture = null) : IPacketFramer
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Raised on the reader loop (in) or the writer (out) for every packet; handlers must be quick and not throw.</summary>
    public event Action<CapturedPacket>? Captured;

    public string Endpoint => link.Info.Endpoint;

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(ILink from, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> packet = await framer.ReadPacketAsync(from, cancellationToken).ConfigureAwait(false);
        Capture(PacketDirection.In, packet);
        return packet;
    }

    public async ValueTask WritePacketAsync(ILink to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await framer.WritePacketAsync(to, packet, cancellationToken).ConfigureAwait(false);
            Capture(PacketDirection.Out, packet);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Sends one whole packet, as given, in the link's framing.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) => WritePacketAsync(link, packet, cancellationToken);

    private void Capture(PacketDirection direction, ReadOnlyMemory<byte> packet)
    {
        if (capture is null || Captured is not { } captured || Protocols.Pus.PusCodec.IsIdle(packet.Span))
        {
            return;
        }

        captured(capture.Describe(direction, packet));
    }
}
