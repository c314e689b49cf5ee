using Serilog;
using UsocHil.FirmwareSim.Truth;
using UsocHil.IntegrationTests.Sequencing.Bench;
using UsocHil.Sequencing;
using UsocHil.Testing.Fakes;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Sequencing;

/// <summary>The shipped calibration against the real furnace physics and controller in-process (no protocol stack).</summary>
public sealed class CalibrationOnBenchTests
{
    [TestCase(7)]
    [CancelAfter(60_000)]
    public async Task CalibrateThermocouples_OnBench_EveryThermocoupleWithinPoint3KelvinOfTruth(int seed, CancellationToken cancellationToken)
    {
        RigDefinition rig = TestRigs.Furnace();
        var time = new VirtualTimeProvider(TimeProvider.System, 400);
        using var bench = new BenchRig(rig, time, seed);
        var observed = new CollectingObserver();
        ILogger log = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Console().CreateLogger();

        RunResult result = await BenchRunner.NewRun(bench, TestRigs.Sequence(rig, "calibrate-thermocouples"), observed, log).RunAsync(cancellationToken);

        TruthRecord truth = bench.Truth();
        TestContext.Out.WriteLine($"outcome {result.Outcome} after {result.RigDuration.TotalHours:F2} h rig: {result.Reason}");
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed), result.Reason);
        Assert.That(truth.HeaterOn, Is.False);
        Assert.That(truth.SupplyOutputOn, Is.False);
        for (int tc = 0; tc < 3; tc++)
        {
            CalibrationProduct fit = observed.Calibrations.Single(c => c.Name == $"TC{tc + 1}");
            ThermocoupleTruth errors = truth.Thermocouples[tc];
            for (double t = 200; t <= 800; t += 10)
            {
                double raw = errors.OffsetKelvin + ((1 + errors.GainError) * t) + (errors.QuadraticPerKelvin * t * t);
                double calibrated = (float)fit.Coefficients[0] + ((float)fit.Coefficients[1] * raw) + ((float)fit.Coefficients[2] * raw * raw);
                Assert.That(calibrated - t, Is.InRange(-0.3, 0.3), $"TC{tc + 1} at {t} degC");
            }
        }
    }
}
