using UsocHil.FirmwareSim.Faults;
using UsocHil.Links;
using UsocHil.Protocols.Pus;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Link faults against the emulated furnace over a real pty, through the harness' real serial stack. The sequence
/// engine's PusClient-backed payload channel is not on main yet, so these hold the layer below the engine to the
/// issue's outcome: every bad frame counted, no corrupt value delivered, silence and disconnects as typed errors.
/// </summary>
[NonParallelizable]
public sealed class LinkFaultTests
{
    /// <summary>Housekeeping fields whose value the test knows: a damaged value here would be a corrupt value delivered.</summary>
    private const double DefaultSetpoint = 20;

    [Test]
    [CancelAfter(90_000)]
    public async Task SerialLink_OnePercentCorruptionAndDrops_BadFramesCountedNoCorruptValueDelivered(CancellationToken cancellationToken)
    {
        var log = new TestLog(Serilog.Events.LogEventLevel.Information);
        await using EmulatedPayload payload = EmulatedPayload.Start(new FaultPlan { CorruptRate = 0.01, DropRate = 0.01 }, log.Logger);

        int attempts = await payload.CommandAsync("ENABLE_HOUSEKEEPING", new Dictionary<string, double> { ["structureId"] = 1 }, 20, cancellationToken);
        const int commands = 10;
        int commandAttempts = 0;
        for (int i = 0; i < commands; i++)
        {
            // Each attempt that loses a frame ends in a typed CommandTimeoutException; the command is sent again.
            commandAttempts += await payload.CommandAsync("ARE_YOU_ALIVE", null, 60, cancellationToken);
        }

        int reports = 0;
        while (reports < 150)
        {
            Telemetry tm = await payload.Client.Telemetry.ReadAsync(cancellationToken);
            if (tm.Service != 3 || tm.Subtype != 25)
            {
                continue;
            }

            var values = payload.Dictionary.DecodeHousekeeping(tm);
            Assert.That(values["SETPOINT"].Value, Is.EqualTo(DefaultSetpoint), "a corrupt SETPOINT was delivered");
            Assert.That(values["MODE"].Value, Is.InRange(0, 4));
            Assert.That(values["HEATER_ON"].Value, Is.Zero);
            Assert.That(values["TC1_TEMP"].Value, Is.InRange(0, 60), "ambient furnace, heater off");
            reports++;
        }

        LinkStatistics stats = payload.Link.Statistics;
        long missing = payload.Client.Gaps.MissingPackets;
        Assert.That(stats.FramingErrors, Is.GreaterThan(0), "damaged frames are counted");
        Assert.That(payload.Client.DecodeErrors, Is.Zero, "every frame the framer delivered decodes: no damaged frame got through");
        ReliabilityRecord.Write("fault injection", "1% byte corruption + 1% byte drops on the serial payload link (pty), housekeeping and commands",
            reports + commandAttempts,
            $"{reports} housekeeping reports delivered, every value intact (SETPOINT, MODE, HEATER_ON, TC1_TEMP checked); {stats.FramingErrors} bad frames counted (LinkStatistics.FramingErrors), " +
            $"{missing} lost reports detected by sequence-count gaps; {commands}/{commands} commands verified in {commandAttempts} attempts (each lost one a typed CommandTimeoutException); ENABLE_HOUSEKEEPING took {attempts} attempt(s); 0 decode errors",
            dataLost: payload.Client.DecodeErrors);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task SilentPayload_Command_ThrowsCommandTimeoutException(CancellationToken cancellationToken)
    {
        await using EmulatedPayload payload = EmulatedPayload.Start(new FaultPlan { NoResponseRate = 1 }, TestLog.Silent);

        var e = await Assert.ThrowsAsync<CommandTimeoutException>(async () =>
            await payload.Client.SendAsync(payload.Dictionary.EncodeCommand("ARE_YOU_ALIVE"), new Description.CommandVerificationTiming(2, 4), cancellationToken, "ARE_YOU_ALIVE"));

        Assert.That(e!.Message, Does.Contain("ARE_YOU_ALIVE"));
        ReliabilityRecord.Write("fault injection", "payload answers no telecommand (no-response rate 1)", 1, $"typed CommandTimeoutException: {e.Message}");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task PtyClosedMidSession_Command_ThrowsLinkExceptionAndReaderEnds(CancellationToken cancellationToken)
    {
        EmulatedPayload payload = EmulatedPayload.Start(FaultPlan.None, TestLog.Silent);
        try
        {
            await payload.CommandAsync("ARE_YOU_ALIVE", null, 3, cancellationToken);
            await payload.Rig.DisposeAsync(); // the serial device goes away: the pty's controller side closes

            Exception? error = null;
            try
            {
                await payload.Client.SendAsync(payload.Dictionary.EncodeCommand("ARE_YOU_ALIVE"), new Description.CommandVerificationTiming(2, 4), cancellationToken, "ARE_YOU_ALIVE");
            }
            catch (Exception e)
            {
                error = e;
            }

            Assert.That(error, Is.InstanceOf<LinkException>().Or.InstanceOf<CommandTimeoutException>(), error?.ToString());
            await payload.Client.Completion.WaitAsync(cancellationToken);
            ReliabilityRecord.Write("fault injection", "serial device gone mid-session (pty closed)", 1,
                $"typed {error!.GetType().Name}: {error.Message}; the reader loop ended (no hang)");
        }
        finally
        {
            await payload.Client.DisposeAsync();
            await payload.Link.DisposeAsync();
        }
    }
}
