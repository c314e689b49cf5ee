using Serilog.Core;
using UsocHil.Expectations;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// The furnace's acceptance run, as an integration team runs it: one unit is calibrated and tuned (both stored in its
/// EEPROM), then certified as it boots. The same unit with a stuck thermocouple or a slow heater fails, naming the
/// expectation it broke; a factory-fresh unit fails on sensor agreement and overshoot.
/// </summary>
public sealed partial class CertifyRunTests
{
    private const int Seed = 5;
    private string _preparedEeprom = "";
    private string _preparedArchive = "";

    [OneTimeSetUp]
    public async Task CalibrateAndTuneOneUnit()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var station = TemporaryStation.EmulatedFurnace(Seed);
        foreach (string sequence in new[] { "calibrate-thermocouples", "tune-heater-pid" })
        {
            using RunningCli run = station.Run(sequence);
            int exit = (await run.WaitForExitAsync(cancellation.Token)).ExitCode;
            Assert.That(exit, Is.EqualTo(0), $"{sequence}:\n{run.Output}\n{run.Error}");
        }

        _preparedEeprom = Path.Combine(Path.GetTempPath(), $"usochil-certify-{Guid.NewGuid():N}.eeprom.json");
        File.Copy(station.EepromFile, _preparedEeprom);
        _preparedArchive = Path.ChangeExtension(_preparedEeprom, ".results.db");
        foreach (string suffix in new[] { "", "-wal" })
        {
            string file = Path.Combine(station.Directory, "results.db" + suffix);
            if (File.Exists(file))
            {
                File.Copy(file, _preparedArchive + suffix);
            }
        }
    }

    [OneTimeTearDown]
    public void RemovePreparedEeprom()
    {
        File.Delete(_preparedEeprom);
        File.Delete(_preparedArchive);
        File.Delete(_preparedArchive + "-wal");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task RunCertify_CalibratedAndTunedUnit_PassesEveryExpectationAndLeavesTheRigSafe(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed);
        station.InstallEeprom(_preparedEeprom);
        using RunningCli run = station.Run("certify");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(0), run.Output + "\n" + run.Error);
        Assert.That(run.Output, Does.Contain("Run ended Completed (Passed)"));
        IReadOnlyList<MeasurementRow> verdicts = await VerdictsAsync(station, cancellationToken);
        foreach (MeasurementRow verdict in verdicts)
        {
            TestContext.Out.WriteLine($"{verdict.Name} = {verdict.Value:G6}: {verdict.Judged!.Verdict}, margin {verdict.Judged.Margin:G3}");
        }

        Assert.That(verdicts.Select(v => v.Name), Is.SupersetOf(new[]
        {
            "boot time", "ARE_YOU_ALIVE acceptance", "housekeeping rate", "CONTROL_TEMP ramp rate", "CONTROL_TEMP overshoot",
            "CONTROL_TEMP settling", "thermocouples-agree", "over-temperature trip time",
            "TC1 over-temperature trip", "TC2 over-temperature trip", "TC3 over-temperature trip",
        }));
        Assert.That(verdicts.Where(v => v.Judged!.Verdict == Verdict.Fail).Select(v => v.Name), Is.Empty);
        TruthRecord truth = station.FinalTruth();
        Assert.That(truth.HeaterOn, Is.False);
        Assert.That(truth.SupplyOutputOn, Is.False);

        // Each thermocouple's offset is raised until the payload's over-temperature protection trips: the reading at
        // the trip is the threshold, found to 1 K (the finest increment) near the emulator's 1050 degC.
        double trueThreshold = new UsocHil.FirmwareSim.Furnace.FurnaceDefaults().OverTemperatureCelsius;
        foreach (string tc in new[] { "TC1", "TC2", "TC3" })
        {
            MeasurementRow trip = verdicts.Single(v => v.Name == $"{tc} over-temperature trip");
            Assert.That(trip.Value, Is.EqualTo(trueThreshold).Within(1.5), trip.Judged!.Message);
            Assert.That(trip.Judged.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(trip.Judged.Parameters, Is.EqualTo(new[] { $"{tc}_TEMP" }));
        }

        Assert.That((await RequirementsAsync(station, cancellationToken)).Where(q => q.Requirement == "FUR-SAF-005").Select(q => (q.Measurement, q.Verdict)),
            Is.EquivalentTo(new[] { ("TC1 over-temperature trip", "pass"), ("TC2 over-temperature trip", "pass"), ("TC3 over-temperature trip", "pass") }),
            "the verification matrix traces the requirement to the three thresholds");

        // The search shifts every offset; the unit must end with the calibration it loaded, read back.
        IReadOnlyList<MeasurementRow> rows = await MeasurementsAsync(station, cancellationToken);
        foreach (string coefficient in new[] { "TC1_C0", "TC1_C1", "TC1_C2", "TC2_C0", "TC2_C1", "TC2_C2", "TC3_C0", "TC3_C1", "TC3_C2" })
        {
            double loaded = rows.Single(m => m.Name == "configuration: " + coefficient).Value;
            Assert.That(rows.Single(m => m.Name == "restored: " + coefficient).Value, Is.EqualTo(loaded), coefficient + " read back after certify as loaded");
        }

        foreach (string offset in new[] { "TC1_C0", "TC2_C0", "TC3_C0" })
        {
            Assert.That(rows.Single(m => m.Name == "configuration: " + offset).Value, Is.Not.EqualTo(0), $"the unit loaded a calibrated {offset}, not the factory 0");
        }
    }

    [TestCase("stuck-tc=2", "thermocouples-agree", "TC2_TEMP")]
    [TestCase("slow-heater=0.5", "CONTROL_TEMP settling", "CONTROL_TEMP")]
    [CancelAfter(90_000)]
    public async Task RunCertify_FaultyUnit_FailsNamingTheExpectation(string fault, string expectation, string parameter, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed, faults: [fault]);
        station.InstallEeprom(_preparedEeprom);
        using RunningCli run = station.Run("certify");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(1), run.Output + "\n" + run.Error);
        Assert.That(run.Output, Does.Contain("Run ended Completed (VerdictFailed)"));
        MeasurementRow failed = (await VerdictsAsync(station, cancellationToken)).Single(v => v.Name == expectation);
        TestContext.Out.WriteLine($"{failed.Name} = {failed.Value:G6}: {failed.Judged!.Message}");
        Assert.That(failed.Judged!.Verdict, Is.EqualTo(Verdict.Fail), failed.Judged.Message);
        Assert.That(failed.Judged.Culprit ?? failed.Judged.Parameters.Single(), Is.EqualTo(parameter));
        Assert.That(station.FinalTruth().HeaterOn, Is.False);
        ReliabilityRecord.Write("fault injection", $"`{fault}` on a calibrated, tuned unit during certify", 1,
            $"exit 1, verdict failed naming `{failed.Name}` ({failed.Judged.Culprit ?? parameter}); heater off in the truth file");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task RunCertify_FactoryFreshUnit_FailsOnSensorAgreementAndOvershoot(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed);
        using RunningCli run = station.Run("certify");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(1), run.Output + "\n" + run.Error);
        IEnumerable<string> failed = (await VerdictsAsync(station, cancellationToken)).Where(v => v.Judged!.Verdict == Verdict.Fail).Select(v => v.Name);
        Assert.That(failed, Is.SupersetOf(new[] { "thermocouples-agree", "CONTROL_TEMP overshoot" }));
    }

    private static async Task<IReadOnlyList<MeasurementRow>> VerdictsAsync(TemporaryStation station, CancellationToken cancellationToken) =>
        [.. (await MeasurementsAsync(station, cancellationToken)).Where(m => m.Judged is not null)];

    private static async Task<IReadOnlyList<RequirementRow>> RequirementsAsync(TemporaryStation station, CancellationToken cancellationToken)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(
            Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunSummary certify = (await archive.ListRunsAsync(cancellationToken)).Single(r => r.Header.Sequence == "certify");
        return (await archive.ReadRunAsync(certify.Id, cancellationToken)).Requirements;
    }

    private static async Task<IReadOnlyList<MeasurementRow>> MeasurementsAsync(TemporaryStation station, CancellationToken cancellationToken)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(
            Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunSummary certify = (await archive.ListRunsAsync(cancellationToken)).Single(r => r.Header.Sequence == "certify");
        return (await archive.ReadRunAsync(certify.Id, cancellationToken)).Measurements;
    }
}
