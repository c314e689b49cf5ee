using UsocHil.Expectations;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.IntegrationTests.Results;

/// <summary>
/// What the engine reported during a run on the emulated furnace is what the archive gives back: every measurement
/// in order, every calibration with its points, every step, the seal; and a fault on the unit is archived as the
/// failure it caused, naming the sensor.
/// </summary>
public sealed class EngineRecordTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("engine-record");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    [CancelAfter(180_000)]
    public async Task Calibration_ReadBack_HoldsEveryMeasurementCalibrationAndStepTheEngineReported(CancellationToken ct)
    {
        EngineArchive.Recorded recorded = await EngineArchive.RunAsync("calibrate-thermocouples", 1, []).WaitAsync(ct);
        RunRecord run = await ReadAsync(recorded, ct);
        RunResult result = recorded.Result;

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed));
        Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Passed));
        Assert.That(run.Measurements.Select(m => (m.Name, m.Value)), Is.EqualTo(result.Measurements.Select(m => (m.Name, m.Value))));
        Assert.That(run.Verdicts.Select(v => v.Judged!.Verdict), Is.EqualTo(result.Measurements.Where(m => m.Result.IsJudged).Select(m => m.Verdict)));
        Assert.That(run.Verdicts.Where(v => v.Judged!.Verdict.IsFailing()), Is.Empty);
        Assert.That(run.Calibrations.Select(c => c.Sensor), Is.EquivalentTo(new[] { "TC1_RAW", "TC2_RAW", "TC3_RAW" }));
        Assert.That(run.Calibrations.All(c => c.Points.Count > c.Coefficients.Count && c.Coefficients.Count == 3 && c.Uncertainties.Count == 3), Is.True,
            string.Join("; ", run.Calibrations.Select(c => $"{c.Sensor}: {c.Points.Count} points, {c.Coefficients.Count} coefficients, {c.Uncertainties.Count} uncertainties")));
        Assert.That(run.Steps, Is.Not.Empty);
        Assert.That(run.Steps.All(s => s.Outcome == "passed" && s.Ended is not null), Is.True, string.Join("; ", run.Steps.Select(s => $"{s.Name} {s.Outcome}")));
        Assert.That(run.Summary.RecordHash, Has.Length.EqualTo(64));
        Assert.That(RunHash.Compute(run), Is.EqualTo(run.Summary.RecordHash));

        JudgedResult fit = run.Verdicts.Select(v => v.Judged!).First(j => j.Expectation.EndsWith("max |residual|", StringComparison.Ordinal));
        Assert.That(fit.Margin, Is.EqualTo(fit.High!.Value - fit.Measured).Within(1e-12));
        Assert.That(fit.Evidence.Count, Is.EqualTo(run.Calibrations[0].Points.Count));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Certify_StuckThermocouple_ArchivedAsFailedNamingTheSensor(CancellationToken ct)
    {
        EngineArchive.Recorded recorded = await EngineArchive.RunAsync("certify", 1, ["stuck-tc=2"]).WaitAsync(ct);
        RunRecord run = await ReadAsync(recorded, ct);

        Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Failed));
        JudgedResult[] failed = [.. run.Verdicts.Select(v => v.Judged!).Where(j => j.Verdict.IsFailing())];
        Assert.That(failed, Is.Not.Empty);
        JudgedResult named = failed.First(j => j.Culprit is not null);
        Assert.That(named.Culprit, Is.EqualTo("TC2_TEMP"));
        Assert.That(named.Margin, Is.LessThan(0));
        Assert.That(named.Evidence.Count, Is.GreaterThan(0));
    }

    private async Task<RunRecord> ReadAsync(EngineArchive.Recorded recorded, CancellationToken ct)
    {
        string copy = Path.Combine(_dir, "copy.db");
        File.Copy(recorded.Archive, copy);
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(copy, TimeProvider.System, Serilog.Core.Logger.None, ct);
        return await archive.ReadRunAsync(recorded.RunId, ct);
    }
}
