namespace UsocHil.Description;

/// <summary>Which optional PUS-C fields a mission's packets carry: mission data, not code.</summary>
public sealed record MissionProfile
{
    /// <summary>Telecommand secondary header carries a 16-bit source ID.</summary>
    public bool TcSourceId { get; set; } = true;

    /// <summary>Telemetry secondary header carries a 16-bit message type counter.</summary>
    public bool TmMessageTypeCounter { get; set; } = true;

    /// <summary>Telemetry secondary header carries a 16-bit destination ID.</summary>
    public bool TmDestinationId { get; set; } = true;

    /// <summary>
    /// Telemetry time format: <c>cuc-C-F</c> (C coarse octets 1..7, F fine octets 0..10; beyond 4 and 3 the P-field
    /// takes its extension octet) or <c>none</c>.
    /// </summary>
    public string Time { get; set; } = "cuc-4-2";

    /// <summary>
    /// The CUC epoch: <c>tai</c> (1958-01-01 TAI, time code 001) or an agency-defined epoch given as its ISO 8601 date
    /// or UTC date and time, such as <c>2000-01-01T12:00:00Z</c> (time code 010).
    /// </summary>
    public string TimeEpoch { get; set; } = "tai";

    /// <summary>The CUC time is preceded by its P-field (one octet, two with the extension octet).</summary>
    public bool TimeExplicitPField { get; set; } = true;

    /// <summary>Packet error control: crc (CRC-16/CCITT-FALSE), iso (ISO 16-bit checksum) or none.</summary>
    public string ErrorControl { get; set; } = "crc";

    /// <summary>The longest packet this mission sends, in octets; decoders and framers refuse longer ones. The standard's maximum is 65542.</summary>
    public int MaxPacketLength { get; set; } = 65542;

    /// <summary>UsocHil's own profile (shared/vectors/README.md): source ID, counter, destination, CUC 4+2 with P-field 0x1E, CRC.</summary>
    public static MissionProfile UsocHilDefault { get; } = new();
}
