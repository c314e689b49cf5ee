using System.Buffers.Binary;

namespace UsocHil.Framing;

/// <summary>
/// A whole packet's error control octets (the last two) checked against the rest, as the mission profile says: the
/// framer needs it to tell a real frame from a sync marker that occurs inside data, the codec to refuse damaged packets.
/// </summary>
public static class FrameCheck
{
    /// <summary>True when the error control matches; false when it does not or the packet is too short to carry it.</summary>
    public static bool IsValid(PacketErrorControl errorControl, ReadOnlySpan<byte> packet) => errorControl switch
    {
        PacketErrorControl.None => true,
        _ when packet.Length < 2 => false,
        PacketErrorControl.Crc => Crc16CcittFalse.Compute(packet) == 0,
        PacketErrorControl.Iso => IsoChecksum.Compute(packet[..^2]) == BinaryPrimitives.ReadUInt16BigEndian(packet[^2..]),
        _ => false,
    };
}
