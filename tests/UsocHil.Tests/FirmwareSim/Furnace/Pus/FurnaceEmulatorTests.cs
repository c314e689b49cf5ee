using UsocHil.Dictionary;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;

namespace UsocHil.Tests.FirmwareSim.Furnace.Pus;

public sealed class FurnaceEmulatorTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task Serve_AreYouAlive_AcceptanceReportCompletionToTheSender(CancellationToken cancellationToken)
    {
        await using EmulatorHarness harness = new EmulatorHarness().PowerUp();

        Telecommand tc = await harness.SendAsync("ARE_YOU_ALIVE", cancellationToken);

        Telemetry accepted = await harness.NextReplyAsync(cancellationToken);
        Telemetry alive = await harness.NextReplyAsync(cancellationToken);
        Telemetry completed = await harness.NextReplyAsync(cancellationToken);
        Assert.That(VerificationReport.From(accepted), Is.EqualTo(VerificationReport.Succeeded(VerificationStage.Acceptance, tc.RequestId)));
        Assert.That(ConnectionTest.IsReport(alive), Is.True);
        Assert.That(VerificationReport.From(completed), Is.EqualTo(VerificationReport.Succeeded(VerificationStage.Completion, tc.RequestId)));
        Assert.That(alive.DestinationId, Is.EqualTo(7));
        Assert.That(alive.Apid, Is.EqualTo(100));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Serve_SetThenReportParameters_EngineeringValuesRoundTripThroughTheDictionary(CancellationToken cancellationToken)
    {
        await using EmulatorHarness harness = new EmulatorHarness().PowerUp();
        var values = new Dictionary<string, double> { ["PID_KP"] = 55.5, ["TC1_C1"] = 1.0125, ["WATCHDOG_TIMEOUT"] = 90 };
        await harness.SendAsync(harness.Codec.EncodeSetParameters(values), cancellationToken);
        Assert.That(VerificationReport.From(await harness.NextReplyAsync(cancellationToken)).Success, Is.True);
        Assert.That(VerificationReport.From(await harness.NextReplyAsync(cancellationToken)).Stage, Is.EqualTo(VerificationStage.Completion));

        await harness.SendAsync(harness.Codec.EncodeReportParameters(["PID_KP", "TC1_C1", "WATCHDOG_TIMEOUT", "TC1_RAW", "SERIAL_NUMBER"]), cancellationToken);
        await harness.NextReplyAsync(cancellationToken);
        IReadOnlyDictionary<string, EngineeringValue> report = harness.Codec.DecodeParameterReport(await harness.NextReplyAsync(cancellationToken));

        Assert.That(report["PID_KP"].Value, Is.EqualTo(55.5));
        Assert.That(report["TC1_C1"].Value, Is.EqualTo(1.0125).Within(1e-6));
        Assert.That(report["WATCHDOG_TIMEOUT"].Value, Is.EqualTo(90));
        Assert.That(report["SERIAL_NUMBER"].Value, Is.EqualTo(1));
        Assert.That(report["TC1_RAW"].Value, Is.EqualTo(harness.Bench.Run(b => b.Controller.Read("TC1_RAW"))).Within(0.0005));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Serve_HeaterOnNotArmed_AcceptedThenCompletionFailureAndEvent(CancellationToken cancellationToken)
    {
        await using EmulatorHarness harness = new EmulatorHarness().PowerUp(armed: false);

        Telecommand tc = await harness.SendAsync("HEATER_ON", cancellationToken);

        Assert.That(VerificationReport.From(await harness.NextReplyAsync(cancellationToken)).Stage, Is.EqualTo(VerificationStage.Acceptance));
        VerificationReport completion = VerificationReport.From(await harness.NextReplyAsync(cancellationToken));
        Assert.That(completion, Is.EqualTo(VerificationReport.Failed(VerificationStage.Completion, tc.RequestId, FurnaceFailureCode.HeaterNotArmed, new byte[] { 0, 1 })));
        EventReport notArmed = EventReport.From(await harness.NextAsync(tm => tm.Service == 5, cancellationToken));
        Assert.That((notArmed.Severity, notArmed.EventId), Is.EqualTo((EventSeverity.Low, (ushort)FurnaceEventId.HeaterNotArmed)));
    }

    [TestCase(99, 1, FurnaceFailureCode.UnknownService)]
    [TestCase(8, 2, FurnaceFailureCode.UnknownService)]
    public async Task Serve_UnknownServiceOrSubtype_AcceptanceFailure(int service, int subtype, int code)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using EmulatorHarness harness = new EmulatorHarness().PowerUp();

        Telecommand tc = await harness.SendAsync(new Telecommand { Apid = 100, Service = (byte)service, Subtype = (byte)subtype }, cancellation.Token);

        VerificationReport report = VerificationReport.From(await harness.NextReplyAsync(cancellation.Token));
        Assert.That((report.Stage, report.Success, report.FailureCode, report.RequestId), Is.EqualTo((VerificationStage.Acceptance, false, (ushort)code, tc.RequestId)));
    }

    [TestCase(9, 2000.0, FurnaceFailureCode.InvalidArgument)]
    [TestCase(1, 5.0, FurnaceFailureCode.ReadOnlyParameter)]
    public async Task Serve_SetParameterOutOfRangeOrReadOnly_AcceptanceFailureNamingTheParameter(int id, double raw, int code)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using EmulatorHarness harness = new EmulatorHarness().PowerUp();
        Telecommand set = new SetParameterValuesRequest([new ParameterValue((ushort)id, raw)]).ToTelecommand(100, harness.Codec.ParameterTypes);

        await harness.SendAsync(set, cancellation.Token);

        VerificationReport report = VerificationReport.From(await harness.NextReplyAsync(cancellation.Token));
        Assert.That((report.Success, report.FailureCode), Is.EqualTo((false, (ushort)code)));
        Assert.That(report.FailureData.ToArray(), Is.EqualTo(new byte[] { 0, (byte)id }));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Serve_WhileBooting_NotReady(CancellationToken cancellationToken)
    {
        await using var harness = new EmulatorHarness();
        harness.Bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.OutputOn = true;
        });
        harness.Bench.PowerEnable = true;
        harness.Advance(TimeSpan.FromSeconds(1));

        await harness.SendAsync("ARE_YOU_ALIVE", cancellationToken);

        Assert.That(VerificationReport.From(await harness.NextReplyAsync(cancellationToken)).FailureCode, Is.EqualTo(FurnaceFailureCode.NotReady));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Serve_Unpowered_Silent(CancellationToken cancellationToken)
    {
        await using var harness = new EmulatorHarness();
        await harness.SendAsync("ARE_YOU_ALIVE", cancellationToken);
        await harness.ReceivedAsync(1, cancellationToken);
        harness.PowerUp();

        Telecommand second = await harness.SendAsync("ARE_YOU_ALIVE", cancellationToken);

        Assert.That(VerificationReport.From(await harness.NextReplyAsync(cancellationToken)).RequestId, Is.EqualTo(second.RequestId));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Serve_Housekeeping_OnePerSecondDecodedByTheHarnessDictionary(CancellationToken cancellationToken)
    {
        await using EmulatorHarness harness = new EmulatorHarness().PowerUp();
        harness.Advance(TimeSpan.FromSeconds(3));

        Telemetry first = await harness.NextAsync(tm => tm.Service == 3, cancellationToken);
        Telemetry second = await harness.NextAsync(tm => tm.Service == 3, cancellationToken);
        IReadOnlyDictionary<string, EngineeringValue> values = harness.Codec.DecodeHousekeeping(second);

        Assert.That(second.Time.SecondsSinceEpoch - first.Time.SecondsSinceEpoch, Is.EqualTo(1).Within(0.001));
        Assert.That(values["MODE"].Label, Is.EqualTo("IDLE"));
        Assert.That(values["TC2_RAW"].Value, Is.EqualTo(20).Within(6));
        Assert.That(values["HEATER_ON"].Label, Is.EqualTo("OFF"));
        Assert.That(values, Has.Count.EqualTo(12));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Serve_DelayFault_RepliesOnlyAfterTheDelayOfRigTime(CancellationToken cancellationToken)
    {
        await using EmulatorHarness harness = new EmulatorHarness(new FurnaceBenchOptions { Faults = FaultPlan.Parse(["delay=2s"]) }).PowerUp();
        harness.Bench.Run(b => b.Controller.EnableHousekeeping(1, false));

        await harness.SendAsync("ARE_YOU_ALIVE", cancellationToken);
        await harness.ReceivedAsync(1, cancellationToken);
        Task<Telemetry> reply = harness.NextReplyAsync(cancellationToken);
        harness.Time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Yield();
        Assert.That(reply.IsCompleted, Is.False);
        harness.Time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.That(VerificationReport.From(await reply).Success, Is.True);
    }
}
