namespace UsocHil.IntegrationTests.Runs;

/// <summary><c>usoc-hil check</c> on the emulated furnace: every link opened, instruments identified, nothing powered.</summary>
public sealed class CheckCommandTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Check_EmulatedFurnace_IdentifiesInstrumentsAndReportsTheUnpoweredPayload(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 7);
        using RunningCli check = UsocHilProcess.Start(station.Directory, ["check", "furnace-em"]);

        int exit = (await check.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.Zero, check.Output + "\n" + check.Error);
        Assert.That(check.Output, Does.Contain("instrument supply USOCHIL,PSU-28V"));
        Assert.That(check.Output, Does.Contain("instrument dmm    USOCHIL,DMM-REF"));
        Assert.That(check.Output, Does.Contain("gpio POWER_EN     output released"));
        Assert.That(check.Output, Does.Contain("payload did not answer ARE_YOU_ALIVE"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Check_UnpoweredPayload_SaysSoOnceInOneClock(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 7);
        using RunningCli check = UsocHilProcess.Start(station.Directory, ["check", "furnace-em"]);

        await check.WaitForExitAsync(cancellationToken);

        string[] payload = (check.Output + check.Error).Split('\n').Where(l => l.Contains("ARE_YOU_ALIVE", StringComparison.Ordinal)).ToArray();
        Assert.That(payload, Has.Length.EqualTo(1), check.Output + check.Error);
        // The emulated rig runs at 400x: the 2-second wait for the acceptance report is 800 s of rig time, said once, as wall time.
        Assert.That(payload[0], Does.Contain("no acceptance report within 2.0 s of wall time").And.Not.Contain("800"));
        Assert.That(check.Error, Is.Empty, "no warnings about re-sent requests");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Check_UnknownRig_OneLineExitTwo(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 7);
        using RunningCli check = UsocHilProcess.Start(station.Directory, ["check", "oven-qm"]);

        int exit = (await check.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(check.Error, Does.Contain("unknown rig 'oven-qm'"));
        Assert.That(check.Error, Does.Not.Contain("   at "));
    }
}
