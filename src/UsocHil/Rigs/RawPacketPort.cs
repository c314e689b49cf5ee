using UsocHil.Framing;
using UsocHil.Links;

namespace UsocHil.Rigs;

/// <summary>
/// The payload link's framer, shared by the PUS client and raw packets (<c>usoc-hil run --raw</c>): writes from both
/// go through one gate, so a raw packet never lands in the middle of a telecommand on the wire. Reads pass through
/// untouched (the client's one reader loop).
/// </summary>
internal sealed class RawPacketPort(ILink link, IPacketFramer framer) : IPacketFramer
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public string Endpoint => link.Info.Endpoint;

    public ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(ILink from, CancellationToken cancellationToken) => framer.ReadPacketAsync(from, cancellationToken);

    public async ValueTask WritePacketAsync(ILink to, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await framer.WritePacketAsync(to, packet, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Sends one whole packet, as given, in the link's framing.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) => WritePacketAsync(link, packet, cancellationToken);
}
