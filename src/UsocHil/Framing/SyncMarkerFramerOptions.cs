using UsocHil.Framing.Ccsds;

namespace UsocHil.Framing;

/// <summary>How a serial link frames packets.</summary>
public sealed record SyncMarkerFramerOptions
{
    /// <summary>The CCSDS attached sync marker (CCSDS 131.0-B), 4 octets.</summary>
    public static readonly ReadOnlyMemory<byte> AttachedSyncMarker = new byte[] { 0x1A, 0xCF, 0xFC, 0x1D };

    public ReadOnlyMemory<byte> Marker { get; init; } = AttachedSyncMarker;

    public int MaxPacketLength { get; init; } = SpacePacketHeader.MaxPacketLength;

    /// <summary>Silence after which a packet begun is given up (115200 baud moves ~11 octets per millisecond).</summary>
    public TimeSpan MidPacketTimeout { get; init; } = TimeSpan.FromMilliseconds(500);
}
