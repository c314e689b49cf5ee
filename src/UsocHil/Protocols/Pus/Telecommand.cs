using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus;

/// <summary>A PUS-C telecommand: TC[service, subtype] with its acknowledgement flags and source ID.</summary>
public sealed record Telecommand : PusPacket
{
    public AckFlags AckFlags { get; init; } = AckFlags.Acceptance | AckFlags.Completion;

    /// <summary>The sender's ID; on the wire only when the profile has <c>tcSourceId</c>.</summary>
    public ushort SourceId { get; init; }

    public override PacketType Type => PacketType.Telecommand;

    public bool Equals(Telecommand? other) =>
        base.Equals(other) && AckFlags == other.AckFlags && SourceId == other.SourceId;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), AckFlags, SourceId);

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        base.PrintMembers(builder);
        builder.Append($", AckFlags = {AckFlags}, SourceId = {SourceId}");
        return true;
    }
}
