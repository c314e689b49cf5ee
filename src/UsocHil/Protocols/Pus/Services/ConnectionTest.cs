namespace UsocHil.Protocols.Pus.Services;

/// <summary>ST[17], the are-you-alive connection test: TC[17,1] asks, TM[17,2] answers; neither carries data.</summary>
public static class ConnectionTest
{
    public const byte Service = 17;
    public const byte RequestSubtype = 1;
    public const byte ReportSubtype = 2;

    public static Telecommand Request(ushort apid, AckFlags ack = AckFlags.Acceptance | AckFlags.Completion) =>
        ServiceCheck.Telecommand(apid, Service, RequestSubtype, [], ack);

    public static Telemetry Report(ushort apid) => ServiceCheck.Telemetry(apid, Service, ReportSubtype, []);

    public static bool IsRequest(Telecommand telecommand) => telecommand.Service == Service && telecommand.Subtype == RequestSubtype;

    public static bool IsReport(Telemetry telemetry) => telemetry.Service == Service && telemetry.Subtype == ReportSubtype;
}
