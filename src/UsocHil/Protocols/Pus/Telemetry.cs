using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus;

/// <summary>A PUS-C telemetry packet: TM[service, subtype] with its counter, destination and time.</summary>
public sealed record Telemetry : PusPacket
{
    /// <summary>Spacecraft time reference status, 4 bits.</summary>
    public byte TimeReferenceStatus { get; init; }

    /// <summary>Per service type and subtype; on the wire only when the profile has <c>tmMessageTypeCounter</c>.</summary>
    public ushort MessageTypeCounter { get; init; }

    /// <summary>On the wire only when the profile has <c>tmDestinationId</c>.</summary>
    public ushort DestinationId { get; init; }

    /// <summary>The packet's time; on the wire unless the profile's time is <c>none</c>.</summary>
    public CucTime Time { get; init; }

    public override PacketType Type => PacketType.Telemetry;

    public bool Equals(Telemetry? other) =>
        base.Equals(other)
        && TimeReferenceStatus == other.TimeReferenceStatus
        && MessageTypeCounter == other.MessageTypeCounter
        && DestinationId == other.DestinationId
        && Time == other.Time;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), MessageTypeCounter, DestinationId, Time);

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        base.PrintMembers(builder);
        builder.Append($", TimeReferenceStatus = {TimeReferenceStatus}, MessageTypeCounter = {MessageTypeCounter}, DestinationId = {DestinationId}, Time = {Time}");
        return true;
    }
}
