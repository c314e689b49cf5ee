using UsocHil.Links;

namespace UsocHil.Framing;

/// <summary>
/// Cuts a link's byte stream into whole packets and puts packets on it. A framer keeps the bytes it has read ahead,
/// so one framer serves one link for its whole life; reads are not concurrent (one reader loop), nor are writes.
/// </summary>
public interface IPacketFramer
{
    /// <summary>The next whole packet, owned by the caller. Throws <see cref="LinkClosedException"/> when the link ends.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(ILink link, CancellationToken cancellationToken);

    ValueTask WritePacketAsync(ILink link, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken);
}
