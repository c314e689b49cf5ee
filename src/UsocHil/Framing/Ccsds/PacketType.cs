namespace UsocHil.Framing.Ccsds;

/// <summary>The type bit of the space packet primary header.</summary>
public enum PacketType
{
    Telemetry = 0,
    Telecommand = 1,
}
