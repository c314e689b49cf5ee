namespace UsocHil.Protocols.Pus.Services;

/// <summary>
/// TM[1,1..8], a request verification report: the request ID (the first 4 octets of the telecommand), for progress a
/// step ID (1 octet), and for failures a failure code (2 octets) followed by failure data.
/// </summary>
public sealed record VerificationReport(VerificationStage Stage, bool Success, uint RequestId)
{
    public const byte Service = 1;

    public byte StepId { get; init; }
    public ushort FailureCode { get; init; }
    public ReadOnlyMemory<byte> FailureData { get; init; } = ReadOnlyMemory<byte>.Empty;

    public byte Subtype => (byte)((byte)Stage + (Success ? 0 : 1));

    public static VerificationReport Succeeded(VerificationStage stage, uint requestId) => new(stage, true, requestId);

    public static VerificationReport Failed(VerificationStage stage, uint requestId, ushort failureCode, ReadOnlyMemory<byte> failureData = default) =>
        new(stage, false, requestId) { FailureCode = failureCode, FailureData = failureData };

    public Telemetry ToTelemetry(ushort apid)
    {
        var writer = new AppDataWriter().UInt32(RequestId);
        if (Stage == VerificationStage.Progress)
        {
            writer.UInt8(StepId);
        }

        if (!Success)
        {
            writer.UInt16(FailureCode).Bytes(FailureData.Span);
        }

        return ServiceCheck.Telemetry(apid, Service, Subtype, writer.ToArray());
    }

    public static VerificationReport From(Telemetry telemetry)
    {
        ServiceCheck.Expect(telemetry, Service, 1, 2, 3, 4, 5, 6, 7, 8);
        var stage = (VerificationStage)((telemetry.Subtype - 1) / 2 * 2 + 1);
        bool success = telemetry.Subtype % 2 == 1;
        var reader = new AppDataReader(telemetry.ApplicationData.Span);
        var report = new VerificationReport(stage, success, reader.ReadUInt32("request_id"));
        if (stage == VerificationStage.Progress)
        {
            report = report with { StepId = reader.ReadUInt8("step_id") };
        }

        if (!success)
        {
            report = report with { FailureCode = reader.ReadUInt16("failure_code"), FailureData = reader.ReadRest() };
        }

        reader.ExpectEnd("the verification report");
        return report;
    }

    public bool Equals(VerificationReport? other) =>
        other is not null && Stage == other.Stage && Success == other.Success && RequestId == other.RequestId
        && StepId == other.StepId && FailureCode == other.FailureCode && FailureData.Span.SequenceEqual(other.FailureData.Span);

    public override int GetHashCode() => HashCode.Combine(Stage, Success, RequestId, StepId, FailureCode);
}
