using CsCheck;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Protocols.Pus.Services;

public sealed class ServiceMessageTests
{
    private static readonly PusCodec Codec = PusCodec.UsocHilDefault;

    private static readonly Func<ushort, WireType?> Types = id => id switch
    {
        1 => WireType.Int32,
        8 => WireType.UInt8,
        9 => WireType.Float32,
        40 => WireType.UInt16,
        _ => null,
    };

    [Test]
    public void VerificationReport_CompletionFailure_EncodesRequestIdCodeAndData()
    {
        var report = VerificationReport.Failed(VerificationStage.Completion, 0x1864C005, 6, new byte[] { 0xAB });

        Telemetry tm = report.ToTelemetry(100);

        Assert.That((tm.Service, tm.Subtype), Is.EqualTo(((byte)1, (byte)8)));
        Assert.That(Convert.ToHexString(tm.ApplicationData.Span), Is.EqualTo("1864C0050006AB"));
        Assert.That(VerificationReport.From(Through(tm)), Is.EqualTo(report));
    }

    [TestCase(VerificationStage.Acceptance, true, (byte)1)]
    [TestCase(VerificationStage.Start, false, (byte)4)]
    [TestCase(VerificationStage.Progress, true, (byte)5)]
    [TestCase(VerificationStage.Completion, true, (byte)7)]
    public void VerificationReport_EachStage_RoundTripsWithItsSubtype(VerificationStage stage, bool success, byte subtype)
    {
        var report = new VerificationReport(stage, success, 0xDEADBEEF) { StepId = stage == VerificationStage.Progress ? (byte)3 : (byte)0, FailureCode = success ? (ushort)0 : (ushort)4 };

        Telemetry tm = Through(report.ToTelemetry(100));

        Assert.That(tm.Subtype, Is.EqualTo(subtype));
        Assert.That(VerificationReport.From(tm), Is.EqualTo(report));
    }

    [Test]
    public void HousekeepingRequest_SetInterval_IsStructureThenUInt32()
    {
        Telecommand tc = HousekeepingRequest.SetInterval(1, 500).ToTelecommand(100);

        Assert.That(Convert.ToHexString(tc.ApplicationData.Span), Is.EqualTo("01000001F4"));
        Assert.That(HousekeepingRequest.From(Through(tc)), Is.EqualTo(HousekeepingRequest.SetInterval(1, 500)));
        Assert.That(HousekeepingRequest.From(Through(HousekeepingRequest.Enable(1).ToTelecommand(100))).Subtype, Is.EqualTo(5));
    }

    [Test]
    public void EventReport_High_IsSubtype4WithId()
    {
        var report = new EventReport(EventSeverity.High, 2) { Data = new byte[] { 1, 2 } };

        Telemetry tm = Through(report.ToTelemetry(100));

        Assert.That(tm.Subtype, Is.EqualTo(4));
        Assert.That(EventReport.From(tm), Is.EqualTo(report));
        Assert.That(EventReport.ParseSeverity("medium"), Is.EqualTo(EventSeverity.Medium));
    }

    [Test]
    public void PerformFunction_WithArguments_RoundTrips()
    {
        var function = new PerformFunction(3) { Arguments = new byte[] { 9, 8 } };

        Assert.That(PerformFunction.From(Through(function.ToTelecommand(100))), Is.EqualTo(function));
        Assert.That(Convert.ToHexString(function.ToTelecommand(100).ApplicationData.Span), Is.EqualTo("00030908"));
    }

    [Test]
    public void ConnectionTest_RequestAndReport_AreSt17()
    {
        Assert.That(ConnectionTest.IsRequest(Through(ConnectionTest.Request(100))), Is.True);
        Assert.That(ConnectionTest.IsReport(Through(ConnectionTest.Report(100))), Is.True);
    }

    [Test]
    public void ParameterMessages_TypedByDictionary_RoundTrip()
    {
        var set = new SetParameterValuesRequest([new ParameterValue(9, 850.5), new ParameterValue(40, 30)]);
        var report = new ParameterValueReport([new ParameterValue(1, -123456), new ParameterValue(8, 1)]);
        var ask = new ParameterReportRequest([1, 8, 9]);

        Assert.That(Convert.ToHexString(set.ToTelecommand(100, Types).ApplicationData.Span), Is.EqualTo("02" + "0009" + "4454A000" + "0028" + "001E"));
        Assert.That(SetParameterValuesRequest.From(Through(set.ToTelecommand(100, Types)), Types), Is.EqualTo(set));
        Assert.That(ParameterValueReport.From(Through(report.ToTelemetry(100, Types)), Types), Is.EqualTo(report));
        Assert.That(ParameterReportRequest.From(Through(ask.ToTelecommand(100))), Is.EqualTo(ask));
    }

    [Test]
    public void SetParameterValuesRequestFrom_UnknownId_ThrowsNamingParameterId()
    {
        var tc = new Telecommand { Apid = 100, Service = 20, Subtype = 3, ApplicationData = Convert.FromHexString("01004D00") };

        Assert.That(() => SetParameterValuesRequest.From(tc, Types), Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("app_data.parameter_id").And.Property("Offset").EqualTo(3));
    }

    [Test]
    public void From_WrongService_ThrowsNamingService() =>
        Assert.That(() => EventReport.From(ConnectionTest.Report(1)), Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("service"));

    [Test]
    public void From_RandomApplicationData_ThrowsOnlyPacketDecodeException() =>
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Int[0, 5]).Sample((data, kind) =>
        {
            var tm = new Telemetry { Apid = 1, Service = 1, Subtype = 8, ApplicationData = data };
            var tc = new Telecommand { Apid = 1, Service = 20, Subtype = 3, ApplicationData = data };
            try
            {
                _ = kind switch
                {
                    0 => (object)VerificationReport.From(tm with { Subtype = (byte)(data.Length % 8 + 1) }),
                    1 => SetParameterValuesRequest.From(tc, Types),
                    2 => ParameterReportRequest.From(tc with { Subtype = 1 }),
                    3 => HousekeepingRequest.From(tc with { Service = 3, Subtype = 31 }),
                    4 => ParameterValueReport.From(tm with { Service = 20, Subtype = 2 }, Types),
                    _ => EventReport.From(tm with { Service = 5, Subtype = 1 }),
                };
            }
            catch (PacketDecodeException)
            {
            }
        }, iter: 3000);

    private static T Through<T>(T packet)
        where T : PusPacket => (T)Codec.Decode(Codec.Encode(packet));
}
