using Serilog.Core;
using UsocHil.Expectations;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// Robust tuning (issue 24): <c>usoc-hil run furnace-em tune-heater-pid</c> on an emulated unit identifies the furnace
/// from an open-loop heater step, records the model and the tuned loop's margins as judged rows, and confirms the gains
/// through a 28 V → 24 V supply sag at 320 °C and with a step at 500 °C. The emulator's physics (C = 800 J/K,
/// G = 0.5 W/K, a 5 s element and 1-3 s sensors) and its truth file judge the identification and show the sag really
/// starved the heater.
/// </summary>
public sealed class RobustTuningRunTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task RunTuneHeaterPid_EmulatedUnit_RecordsModelAndMarginsAndConfirmsAt500AndThroughASupplySag(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 1);
        using RunningCli run = station.Run("tune-heater-pid");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(0), run.Output + "\n" + run.Error);
        Assert.That(run.Output, Does.Contain("Run ended Completed (Passed)"));
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(
            Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunRecord record = await archive.ReadRunAsync((await archive.ListRunsAsync(cancellationToken)).Single().Id, cancellationToken);
        var rows = record.Measurements.Where(m => m.Judged is not null).GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (string line in rows.Keys.Order())
        {
            TestContext.Out.WriteLine($"{line}: {string.Join(", ", rows[line].Select(r => $"{r.Value:G5} {r.Unit} {r.Judged!.Verdict}"))}");
        }

        JudgedResult Judged(string name)
        {
            Assert.That(rows, Does.ContainKey(name));
            JudgedResult judged = rows[name].Single().Judged!;
            Assert.That(judged.IsJudged && (judged.Low is not null || judged.High is not null) && judged.Evidence.Count > 0 && judged.Parameters.Count > 0,
                Is.True, $"{name}: judged, with bounds, parameters and evidence");
            return judged;
        }

        Assert.Multiple(() =>
        {
            // Gain 1/G and time constant C/G (+ the element's 5 s) of the emulated furnace.
            Assert.That(Judged("heater gain K").Measured, Is.EqualTo(2).Within(10).Percent);
            Assert.That(Judged("heater gain K").Unit, Is.EqualTo("degC/W"));
            Assert.That(Judged("heater time constant T").Measured, Is.EqualTo(1605).Within(15).Percent);
            double smallLags = Judged("heater second lag T2").Measured + Judged("heater dead time L").Measured;
            Assert.That(smallLags, Is.InRange(3.0, 12.0), "the element's 5 s and the sensors' 1-3 s");
            Assert.That(Judged("heater-fopdt dead time L").Measured, Is.GreaterThan(Judged("heater dead time L").Measured),
                "first order plus dead time lumps the element's lag into dead time");
            Assert.That(Judged("heater fit residual (rms)").Verdict, Is.EqualTo(Verdict.Pass));

            JudgedResult ms = Judged("heater sensitivity peak Ms"), pm = Judged("heater phase margin"), gm = Judged("heater gain margin");
            Assert.That(ms.High, Is.EqualTo(2));
            Assert.That(pm.Low, Is.EqualTo(30));
            Assert.That(gm.Low, Is.EqualTo(2));
            Assert.That(new[] { ms, pm, gm }.Select(r => r.Parameters), Has.All.EqualTo(new[] { "PID_KP", "PID_KI", "PID_KD" }));
            Assert.That(ms.Measured, Is.GreaterThan(1).And.LessThan(10));
            Assert.That(ms.Measured, Is.GreaterThanOrEqualTo((gm.Measured / (gm.Measured - 1)) - 1e-6), "Ms bounds the gain margin");
            Assert.That(ms.Measured, Is.GreaterThanOrEqualTo(1 / (2 * Math.Sin(pm.Measured * Math.PI / 360)) - 1e-6), "Ms bounds the phase margin");

            // Confirmed at 320 and at 500 degC; 320 degC held through the sag and the return.
            Assert.That(rows["CONTROL_TEMP settling"].Select(r => r.Judged!.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Pass }));
            Assert.That(rows["CONTROL_TEMP deviation"].Select(r => r.Judged!.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Pass }));
            Assert.That(rows["CONTROL_TEMP recovery"].Select(r => r.Judged!.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Pass }));
        });

        IReadOnlyList<TruthRecord> truth = TruthWriter.ReadAll(station.TruthFile);
        TruthRecord[] sag = [.. truth.Where(t => t.Powered && Math.Abs(t.SupplyVolts - 24) < 0.01)];
        Assert.That(sag.Length, Is.InRange(230, 250), "about 240 rig seconds at 24 V");
        Assert.That(sag.Where(t => t.HeaterDemandWatts > 0).Select(t => t.HeaterPowerWatts / t.HeaterDemandWatts), Has.All.EqualTo(24.0 * 24 / (28 * 28)).Within(1e-6),
            "at 24 V the element delivers (24/28)² of the demand");
        Assert.That(sag.Select(t => t.CoreCelsius).Average(), Is.EqualTo(320).Within(3));
        TruthRecord last = station.FinalTruth();
        Assert.That(last.HeaterOn, Is.False);
        Assert.That(last.SupplyOutputOn, Is.False);
    }
}
