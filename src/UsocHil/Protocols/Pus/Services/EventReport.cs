namespace UsocHil.Protocols.Pus.Services;

/// <summary>TM[5,1..4], an event report at its severity: the event ID (2 octets), then auxiliary data.</summary>
public sealed record EventReport(EventSeverity Severity, ushort EventId)
{
    public const byte Service = 5;

    public ReadOnlyMemory<byte> Data { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>The severity named in rig.json: info, low, medium or high.</summary>
    public static EventSeverity ParseSeverity(string severity) =>
        Enum.TryParse(severity, ignoreCase: true, out EventSeverity parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"'{severity}' is not an event severity (info, low, medium, high)", nameof(severity));

    public Telemetry ToTelemetry(ushort apid) =>
        ServiceCheck.Telemetry(apid, Service, (byte)Severity, new AppDataWriter().UInt16(EventId).Bytes(Data.Span).ToArray());

    public static EventReport From(Telemetry telemetry)
    {
        ServiceCheck.Expect(telemetry, Service, 1, 2, 3, 4);
        var reader = new AppDataReader(telemetry.ApplicationData.Span);
        return new EventReport((EventSeverity)telemetry.Subtype, reader.ReadUInt16("event_id")) { Data = reader.ReadRest() };
    }

    public bool Equals(EventReport? other) =>
        other is not null && Severity == other.Severity && EventId == other.EventId && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(Severity, EventId);
}
