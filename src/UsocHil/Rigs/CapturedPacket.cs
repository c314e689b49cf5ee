namespace UsocHil.Rigs;

/// <summary>Which way a space packet crossed the payload link: telemetry in, telecommands (and raw packets) out.</summary>
public enum PacketDirection
{
    In,
    Out,
}

/// <summary>
/// One space packet as it crossed the payload link, octet for octet, with what its headers say: the raw evidence a
/// run keeps so it can be decoded again with a later dictionary, exported, or replayed as a flight timeline.
/// </summary>
/// <param name="Received">When the harness read it (in) or wrote it (out), on the rig's clock.</param>
/// <param name="Onboard">The packet's own time stamp (telemetry with a time field); null when it carries none.</param>
/// <param name="ErrorControlGood">The packet error control matched its octets (true when the profile has none).</param>
public sealed record CapturedPacket(
    PacketDirection Direction,
    DateTimeOffset Received,
    DateTimeOffset? Onboard,
    int Apid,
    int SequenceCount,
    bool ErrorControlGood,
    ReadOnlyMemory<byte> Octets);
