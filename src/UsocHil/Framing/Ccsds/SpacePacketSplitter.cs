namespace UsocHil.Framing.Ccsds;

/// <summary>
/// Cuts a recorded stream of concatenated space packets (a level-zero file, a capture) into packets by each primary
/// header's data length. Octets after the last whole packet are an error naming their offset, never skipped.
/// </summary>
public static class SpacePacketSplitter
{
    /// <summary>The packets of a stream, each with the stream offset of its first octet.</summary>
    public static IEnumerable<(long Offset, byte[] Packet)> Split(Stream stream)
    {
        var header = new byte[SpacePacketHeader.Size];
        long offset = 0;
        while (true)
        {
            int got = Fill(stream, header);
            if (got == 0)
            {
                yield break;
            }

            if (got < header.Length)
            {
                throw new PacketDecodeException("primary_header", 0, $"{got} octets left over at stream offset {offset}, less than a primary header");
            }

            SpacePacketHeader parsed = SpacePacketHeader.Read(header);
            var packet = new byte[parsed.PacketLength];
            header.CopyTo(packet, 0);
            int body = Fill(stream, packet.AsSpan(SpacePacketHeader.Size));
            if (body < packet.Length - SpacePacketHeader.Size)
            {
                throw new PacketDecodeException("data_length", 4, $"the packet at stream offset {offset} announces {packet.Length} octets, the stream ends after {SpacePacketHeader.Size + body}");
            }

            yield return (offset, packet);
            offset += packet.Length;
        }
    }

    private static int Fill(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
