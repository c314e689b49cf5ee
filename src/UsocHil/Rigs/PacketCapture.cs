using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;

namespace UsocHil.Rigs;

/// <summary>
/// Reads what the archive keeps of a packet from its own octets: APID and sequence count from the primary header,
/// whether its error control holds, and the on-board time of telemetry. Never throws: a packet too short to have a
/// header is still kept, with APID and count -1 and its error control bad.
/// </summary>
internal sealed class PacketCapture(PusCodec codec, TimeProvider time)
{
    public CapturedPacket Describe(PacketDirection direction, ReadOnlyMemory<byte> packet)
    {
        DateTimeOffset at = time.GetUtcNow();
        byte[] octets = packet.ToArray();
        if (octets.Length < SpacePacketHeader.Size)
        {
            return new CapturedPacket(direction, at, null, -1, -1, false, octets);
        }

        SpacePacketHeader header = SpacePacketHeader.Read(octets);
        bool good = codec.CheckPec(octets) ?? true;
        DateTimeOffset? onboard = null;
        if (header.Type == PacketType.Telemetry && good && codec.Layout.HasTime)
        {
            try
            {
                CucTime stamp = codec.DecodeTelemetry(octets).Time;
                onboard = stamp.IsZero ? null : stamp.ToUtc();
            }
            catch (Exception e) when (e is PacketDecodeException or ArgumentException or OverflowException)
            {
                // Kept all the same: the archive holds what came, decodable or not.
            }
        }

        return new CapturedPacket(direction, at, onboard, header.Apid, header.SequenceCount, good, octets);
    }
}
