namespace UsocHil.Results;

internal enum WriteKind : byte
{
    Telemetry,
    Transition,
    StepStarted,
    StepEnded,
    Measurement,
    Event,
    Command,
    Calibration,
    Budget,
    Requirement,
    UnitSerial,
    Packet,
    Flush,
}

/// <summary>
/// One row for the background writer. A struct, so a telemetry sample (the high-volume case) costs no allocation:
/// its fields travel inline, everything else rides in <see cref="Payload"/>.
/// </summary>
internal readonly record struct WriteItem(WriteKind Kind, long RunId, long TimeMicroseconds, string? Parameter, double Value, object? Payload)
{
    public static WriteItem Telemetry(long runId, DateTimeOffset time, string parameter, double value) =>
        new(WriteKind.Telemetry, runId, ArchiveTime.ToMicroseconds(time), parameter, value, null);

    public static WriteItem Of(WriteKind kind, long runId, object payload) => new(kind, runId, 0, null, 0, payload);
}

/// <summary>The payload of a <see cref="WriteKind.StepEnded"/> item.</summary>
internal sealed record StepEnd(int Index, DateTimeOffset Ended, string Outcome, string? Message);
