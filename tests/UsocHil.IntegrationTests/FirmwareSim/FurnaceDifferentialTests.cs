using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>
/// The furnace on the generic emulator (rigs/furnace-em/model.json, station binding <c>"emulator": "model"</c>) against
/// the hand-written reference emulator (<c>"emulator": "furnace"</c>, what rig.json names): the same unit, calibrated,
/// tuned and certified through the built CLI on each, must get the same verdicts, step by step and measurement by
/// measurement. One seed by default; <c>USOCHIL_DIFFERENTIAL_SEEDS=1,2,3</c> runs the full form, and
/// <c>USOCHIL_DIFFERENTIAL_TIME_SCALE</c> changes the rig time scale (default 400, the station's for the furnace: at
/// 1000x on a loaded two-core machine the reference itself fails a calibration fit now and then).
/// </summary>
public sealed class FurnaceDifferentialTests
{
    private const string Rig = "furnace-em";
    private const string Reference = "furnace";
    private const string Model = "model";

    private static readonly string[] s_sequences = ["calibrate-thermocouples", "tune-heater-pid", "certify"];

    private static double TimeScale =>
        double.TryParse(Environment.GetEnvironmentVariable("USOCHIL_DIFFERENTIAL_TIME_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out double scale) ? scale : 400;

    private static IEnumerable<int> Seeds() =>
        Environment.GetEnvironmentVariable("USOCHIL_DIFFERENTIAL_SEEDS") is { Length: > 0 } seeds
            ? seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [1];

    [TestCaseSource(nameof(Seeds))]
    [CancelAfter(900_000)]
    public async Task ThreeSequences_SameUnitOnBothEmulators_SameVerdicts(int seed, CancellationToken cancellationToken)
    {
        var verdicts = new ConcurrentDictionary<string, List<Verdict>>();
        var outputs = new ConcurrentDictionary<string, string>();
        // The two emulators are two stations of their own: they run side by side, each its three sequences in order.
        await Task.WhenAll(((string[])[Reference, Model]).Select(async emulator =>
        {
            using var station = TemporaryStation.EmulatedFurnace(seed, TimeScale, emulator: emulator);
            foreach (string sequence in s_sequences)
            {
                using RunningCli run = UsocHilProcess.Start(station.Directory, ["run", Rig, sequence, "--yes"]);
                await run.WaitForExitAsync(cancellationToken);
                string output = run.Output + run.Error;
                List<Verdict> table = VerdictTable(output);
                Assert.That(table, Is.Not.Empty, $"{emulator} {sequence}: no verdict table\n{output}");
                outputs[$"{sequence} on {emulator}"] = output;
                verdicts[$"{sequence} on {emulator}"] = [.. table.Select(Acceptable), new Verdict("run", "outcome", output.Contains("Run ended Completed (Passed)", StringComparison.Ordinal) ? "pass" : "FAIL")];
            }
        }));

        Assert.Multiple(() =>
        {
            foreach (string sequence in s_sequences)
            {
                // The comparison means something only if the sequences really ran: the reference passes them for a healthy unit.
                Assert.That(verdicts[$"{sequence} on {Reference}"].Where(v => v.Result != "pass"), Is.Empty,
                    $"{sequence}, seed {seed}: the reference emulator did not pass a healthy unit\n{Tail(outputs[$"{sequence} on {Reference}"])}");
                Assert.That(verdicts[$"{sequence} on {Model}"], Is.EqualTo(verdicts[$"{sequence} on {Reference}"]),
                    $"{sequence}, seed {seed}: verdicts on the model emulator differ from the reference\n--- model:\n{Tail(outputs[$"{sequence} on {Model}"])}\n--- reference:\n{Tail(outputs[$"{sequence} on {Reference}"])}");
            }
        });
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    /// <summary>The run's verdict table as printed at its end (step │ measurement │ value │ expectation │ verdict │ margin): step, measurement, verdict, in order.</summary>
    private static List<Verdict> VerdictTable(string output) =>
        [.. output.Split('\n')
            .Select(line => line.Split('│'))
            .Where(cells => cells.Length == 8 && cells[1].Trim() is { Length: > 0 } step && step != "step" && cells[5].Trim().Length > 0)
            .Select(cells => new Verdict(cells[1].Trim(), cells[2].Trim(), cells[5].Trim()))];

    /// <summary>
    /// Marginal counts as pass: a value just past a nominal bound may fall either side of it on two emulators, as the
    /// robustness margins of tune-heater-pid do (the optimiser picks slightly different gains on each, and those gains
    /// put Ms, the phase margin and the gain margin right at their textbook bounds); pass against fail must agree.
    /// </summary>
    private static Verdict Acceptable(Verdict verdict) => verdict.Result == "marginal" ? verdict with { Result = "pass" } : verdict;

    private sealed record Verdict(string Step, string Measurement, string Result);
}
