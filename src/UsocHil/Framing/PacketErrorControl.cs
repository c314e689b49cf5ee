namespace UsocHil.Framing;

/// <summary>What ends a packet, per mission profile.</summary>
public enum PacketErrorControl
{
    None = 0,

    /// <summary>CRC-16/CCITT-FALSE over the whole packet before it; the residue over the packet with it is 0.</summary>
    Crc = 1,

    /// <summary>ISO 16-bit checksum (Fletcher modulo 255).</summary>
    Iso = 2,
}
