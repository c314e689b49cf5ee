namespace UsocHil.Protocols.Ccsds;

/// <summary>The type bit of the space packet primary header.</summary>
public enum PacketType
{
    Telemetry = 0,
    Telecommand = 1,
}
