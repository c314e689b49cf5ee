using UsocHil.Rigs;

namespace UsocHil.Results;

/// <summary>
/// One space packet of a run as archived: its octets exactly as they crossed the payload link, when the harness read
/// or wrote it (rig time), the packet's own on-board time if it has one, and what its headers said.
/// </summary>
public sealed record PacketRow(
    DateTimeOffset Received,
    DateTimeOffset? Onboard,
    PacketDirection Direction,
    int Apid,
    int SequenceCount,
    bool ErrorControlGood,
    byte[] Octets)
{
    public static PacketRow From(CapturedPacket packet) =>
        new(packet.Received, packet.Onboard, packet.Direction, packet.Apid, packet.SequenceCount, packet.ErrorControlGood, packet.Octets.ToArray());

    /// <summary>The direction as the archive spells it.</summary>
    public string DirectionText => Direction == PacketDirection.In ? "in" : "out";

    public static PacketDirection ParseDirection(string text) => text switch
    {
        "in" => PacketDirection.In,
        "out" => PacketDirection.Out,
        _ => throw new FormatException($"packet direction '{text}' is neither in nor out"),
    };
}
