using UsocHil.Links;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Framing;

/// <summary>
/// Packets back to back, each delimited by its own data length field: the framing of a TCP stream, which neither
/// loses nor corrupts bytes. A length the profile cannot have means the stream is out of step for good.
/// </summary>
public sealed class LengthDelimitedFramer(int maxPacketLength = SpacePacketHeader.MaxPacketLength) : IPacketFramer
{
    private readonly FrameBuffer _buffer = new(maxPacketLength);

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(ILink link, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_buffer.Count >= SpacePacketHeader.Size)
            {
                SpacePacketHeader header = SpacePacketHeader.Read(_buffer.Span);
                if (header.Version != 0 || header.PacketLength > maxPacketLength)
                {
                    link.Statistics.AddFramingError();
                    string error = $"impossible packet header {Convert.ToHexString(_buffer.Span[..SpacePacketHeader.Size])} (version {header.Version}, {header.PacketLength} octets, at most {maxPacketLength})";
                    link.Statistics.SetLastError(error);
                    throw new FramingException(link.Info.Endpoint, error);
                }

                if (_buffer.Count >= header.PacketLength)
                {
                    link.Statistics.AddFrame();
                    return _buffer.Take(header.PacketLength);
                }
            }

            if (!await _buffer.FillAsync(link, cancellationToken).ConfigureAwait(false))
            {
                throw new LinkClosedException(
                    link.Info.Endpoint,
                    _buffer.Count == 0 ? "the peer closed the link" : $"the peer closed the link {_buffer.Count} octets into a packet");
            }
        }
    }

    public ValueTask WritePacketAsync(ILink link, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) =>
        link.WriteAsync(packet, cancellationToken);
}
