namespace UsocHil.Description;

/// <summary>Which optional PUS-C fields a mission's packets carry: mission data, not code.</summary>
public sealed record MissionProfile
{
    /// <summary>Telecommand secondary header carries a 16-bit source ID.</summary>
    public bool TcSourceId { get; init; } = true;

    /// <summary>Telemetry secondary header carries a 16-bit message type counter.</summary>
    public bool TmMessageTypeCounter { get; init; } = true;

    /// <summary>Telemetry secondary header carries a 16-bit destination ID.</summary>
    public bool TmDestinationId { get; init; } = true;

    /// <summary>Telemetry time format: <c>cuc-C-F</c> (C coarse, F fractional octets) or <c>none</c>.</summary>
    public string Time { get; init; } = "cuc-4-2";

    /// <summary>The CUC time is preceded by its P-field octet.</summary>
    public bool TimeExplicitPField { get; init; } = true;

    /// <summary>Packet error control: crc (CRC-16/CCITT-FALSE), iso (ISO 16-bit checksum) or none.</summary>
    public string ErrorControl { get; init; } = "crc";

    /// <summary>The longest packet this mission sends, in octets; decoders and framers refuse longer ones. The standard's maximum is 65542.</summary>
    public int MaxPacketLength { get; init; } = 65542;

    /// <summary>UsocHil's own profile (shared/vectors/README.md): source ID, counter, destination, CUC 4+2 with P-field 0x1E, CRC.</summary>
    public static MissionProfile UsocHilDefault { get; } = new();
}
