using System.Text.Json;
using UsocHil.Expectations;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// The calibration as a lab would sign it, run by the engine on the emulated furnace: every calibration point carries
/// its uncertainty budget into the archive, the JSON export and the report, and the 500 degC check is decided
/// guard-banded, so a reference that drifts by 0.25 K after the fit fails the check although 0.25 K is inside 0.3 K.
/// </summary>
public sealed class UncertaintyRunTests
{
    private static string _dir = null!;

    [OneTimeSetUp]
    public static void CreateFolder() => _dir = TestDirectories.Create("uncertainty");

    [OneTimeTearDown]
    public static void CleanUp() => Directory.Delete(_dir, recursive: true);

    private static async Task<RunRecord> ReadAsync(string name, string[] faults, CancellationToken cancellationToken)
    {
        string copy = Path.Combine(_dir, $"{name}.db");
        long id = await EngineArchive.CopyAsync("calibrate-thermocouples", copy, cancellationToken, faults: faults);
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(copy, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken);
        return await archive.ReadRunAsync(id, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Calibrate_Nominal_EveryPointHasABudgetOfSixNamedComponentsInTheArchiveExportAndReport(CancellationToken cancellationToken)
    {
        RunRecord run = await ReadAsync("nominal", [], cancellationToken);

        BudgetRow[] points = run.Budgets.Where(b => b.Kind == "calibration-point").ToArray();
        Assert.That(points.Select(b => b.Subject[..3]).Distinct(), Is.EquivalentTo(new[] { "TC1", "TC2", "TC3" }));
        Assert.That(points, Has.Length.EqualTo(27), "200 to 800 up in six points and 680, 560, 320 down, for each of three thermocouples");
        Assert.That(points.Count(b => b.Subject.EndsWith("approached from above", StringComparison.Ordinal)), Is.EqualTo(9));
        double[] measured = [.. points.Where(b => b.Subject.EndsWith("approached from above", StringComparison.Ordinal))
            .Select(b => b.Components.Single(c => c.Name == "hysteresis (measured up/down)").StandardUncertainty)];
        // The emulated wire reads 0.1 K higher cooled to a point than warmed to it (less where a slow approach lets its
        // history catch up): half of it, rectangular, 0.029 K; each point's difference carries about 0.02 K of noise.
        Assert.That(measured, Has.Length.EqualTo(9), "every point reached from above is also reached from below");
        Assert.That(measured.Average(), Is.InRange(0.018, 0.04));
        Assert.That(measured, Has.All.GreaterThan(0));
        foreach (BudgetRow b in points)
        {
            Assert.That(b.Components.Select(c => c.Name).Distinct().Count(), Is.GreaterThanOrEqualTo(6), b.Subject);
            Assert.That(b.Combined, Is.EqualTo(Math.Sqrt(b.Components.Sum(c => c.Contribution * c.Contribution))).Within(1e-12), b.Subject);
            Assert.That(b.Expanded, Is.EqualTo(b.CoverageFactor * b.Combined).Within(1e-12), b.Subject);
            Assert.That(b.CoverageFactor, Is.GreaterThanOrEqualTo(2.0 - 1e-9), "k from Student t at 95.45 % is at least 2");
        }

        using var json = new MemoryStream();
        JsonExport.Write(run, json);
        JsonElement exported = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("budgets");
        JsonElement first = exported.EnumerateArray().First(b => b.GetProperty("kind").GetString() == "calibration-point");
        foreach (string figure in new[] { "u_c", "nu_eff", "k", "U" })
        {
            Assert.That(first.TryGetProperty(figure, out _), Is.True, figure);
        }

        Assert.That(first.GetProperty("components").GetArrayLength(), Is.GreaterThanOrEqualTo(6));

        string html = HtmlReport.Render(run, TestRigs.Furnace());
        Assert.That(html.Split("U (k=2) = ").Length - 1, Is.EqualTo(run.Calibrations.Count), "one U (k=2) per coefficient set");
        Assert.That(html, Does.Contain("u: reference certificate").And.Contain("u: fit and interpolation"));

        MeasurementRow check = run.Verdicts.First(v => v.Name == "TC1_TEMP - dmm");
        Assert.That(check.Judged!.Message, Does.Contain("guard-banded"));
        Assert.That(run.Budgets.Single(b => b.Kind == "judged" && b.Subject == "TC1_TEMP - dmm").Components, Has.Count.GreaterThanOrEqualTo(6));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Calibrate_ReferenceOffsetAfterTheFit_GuardBandedCheckIsNotAPassInsideTheLimit(CancellationToken cancellationToken)
    {
        // The reference reads 0.21 K high from 90 min after the unit's boot: after the last point (320 degC from above,
        // sampled about 84 min after boot) and the fits, before the check at 500 degC (sampled about 95 min after boot).
        // Counted from the emulator's start instead, the harness' start-up at 400x moved it by several minutes. The
        // thermocouples read about 0.04 K low at the check (reached from below, the fit's curve lies between up and
        // down), so |delta| is about 0.25 K.
        RunRecord run = await ReadAsync("reference-offset", ["ref-offset=0.21@UPTIME>90min"], cancellationToken);

        MeasurementRow check = run.Verdicts.First(v => v.Name == "TC1_TEMP - dmm");
        BudgetRow budget = run.Budgets.Single(b => b.Kind == "judged" && b.Subject == check.Name);
        TestContext.Out.WriteLine($"{check.Name} = {check.Value:F4}, U = {budget.Expanded:F4}: {check.Judged!.Verdict}");
        Assert.That(Math.Abs(check.Value), Is.InRange(0.2, 0.3), "inside the 0.3 K limit: simple acceptance would pass");
        Assert.That(budget.Expanded, Is.InRange(0.05, 0.12));
        Assert.That(check.Judged.Verdict, Is.Not.EqualTo(Verdict.Pass));
        Assert.That(DecisionRules.Decide(DecisionRule.SimpleAcceptance, check.Value, -0.3, 0.3, budget.Expanded).Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Failed));
    }
}
