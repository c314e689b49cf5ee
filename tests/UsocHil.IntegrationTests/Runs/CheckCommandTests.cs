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
