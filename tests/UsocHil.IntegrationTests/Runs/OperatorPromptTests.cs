using System.Diagnostics;
using System.Text.Json;
using Serilog.Core;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// An operator at a bench runs <c>usoc-hil run furnace-em certify</c> without --yes in a real pseudo-terminal: the
/// prompt asks, the operator answers by typing, holds and resumes the run; the record names who did what and when.
/// A refusal ends the run through safing. With nobody at a terminal and no --yes, the run is refused before anything
/// starts. The unit is calibrated and tuned first (as CertifyRunTests does), so a confirmed certification passes.
/// </summary>
[NonParallelizable]
public sealed class OperatorPromptTests
{
    private const int Seed = 5;
    private const double TimeScale = 400;
    private string _preparedEeprom = "";

    [OneTimeSetUp]
    public async Task CalibrateAndTuneOneUnit()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        // Only the unit's EEPROM is kept from this: the paced clock gives the same calibration at 2,000x as at 400x.
        using var station = TemporaryStation.EmulatedFurnace(Seed, timeScale: 2000);
        foreach (string sequence in new[] { "calibrate-thermocouples", "tune-heater-pid" })
        {
            using RunningCli run = station.Run(sequence);
            int exit = (await run.WaitForExitAsync(cancellation.Token)).ExitCode;
            Assert.That(exit, Is.EqualTo(0), $"{sequence}:\n{run.Output}\n{run.Error}");
        }

        _preparedEeprom = Path.Combine(Path.GetTempPath(), $"usochil-operator-{Guid.NewGuid():N}.eeprom.json");
        File.Copy(station.EepromFile, _preparedEeprom);
    }

    [OneTimeTearDown]
    public void RemovePreparedEeprom() => File.Delete(_preparedEeprom);

    private TemporaryStation PreparedStation()
    {
        var station = TemporaryStation.EmulatedFurnace(Seed, TimeScale);
        station.InstallEeprom(_preparedEeprom);
        return station;
    }

    private static OperatorTerminal Certify(TemporaryStation station) =>
        OperatorTerminal.Start(station.Directory, ["run", TestRigs.FurnaceName, "certify", "--truth", station.TruthFile, "--operator", "alice"]);

    [Test]
    [CancelAfter(120_000)]
    public async Task RunCertify_AtATerminal_OperatorConfirmsHoldsAndResumes_PassesAndTheRecordSaysWhoAndWhen(CancellationToken cancellationToken)
    {
        using TemporaryStation station = PreparedStation();
        await using OperatorTerminal terminal = Certify(station);

        await terminal.WaitForAsync("Operator prompt at step 1: Furnace empty, door closed", cancellationToken);
        await terminal.WaitForAsync("y confirm   n refuse", cancellationToken);
        Assert.That(terminal.Screen, Does.Contain("On confirm the run goes on with step 2 set: 15 K/min ramp"), "what happens next");
        await terminal.TypeAsync("h");
        await terminal.WaitForAsync("Hold requested", cancellationToken);
        await terminal.TypeAsync("y");
        await terminal.WaitForAsync("Run held", cancellationToken);
        await terminal.TypeAsync("r");
        await terminal.WaitForAsync("Run resumed", cancellationToken);
        int exit = await terminal.WaitForExitAsync(cancellationToken);

        Assert.That(exit, Is.EqualTo(0), terminal.Screen);
        RunRecord record = await CertifyRecordAsync(station, cancellationToken);
        Assert.That(record.Summary.Header.Operator, Is.EqualTo("alice"));
        string[] operatorEvents = [.. record.Events.Where(e => e.Name == "operator").Select(e => e.Data ?? "")];
        TestContext.Out.WriteLine(string.Join("\n", operatorEvents));
        Assert.That(operatorEvents, Has.Some.Match(@"^prompt at step 1 ""Furnace empty, door closed.*"": confirmed by alice at the terminal at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        Assert.That(operatorEvents, Has.Some.Match(@"^hold requested by alice at the terminal at \d{4}-.*Z"));
        Assert.That(operatorEvents, Has.Some.StartsWith("held (asked by alice at the terminal"));
        Assert.That(operatorEvents, Has.Some.Match(@"^resumed by alice at the terminal at \d{4}-.*Z"));
        Assert.That(record.Transitions.Select(t => (t.From, t.To)), Does.Contain(("Executing", "Held")).And.Contain(("Held", "Executing")));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunCertify_AtATerminal_OperatorRefuses_EndsThroughSafingWithHeaterAndSupplyOff(CancellationToken cancellationToken)
    {
        using TemporaryStation station = PreparedStation();
        await using OperatorTerminal terminal = Certify(station);

        await terminal.WaitForAsync("Operator prompt at step 1", cancellationToken);
        await terminal.TypeAsync("n");
        int exit = await terminal.WaitForExitAsync(cancellationToken);

        Assert.That(exit, Is.EqualTo(1), terminal.Screen);
        List<TruthRecord> truth = [.. File.ReadLines(station.TruthFile).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<TruthRecord>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)];
        Assert.That(truth.Any(t => t.SupplyOutputOn), Is.True, "the supply was never on, so the test proves nothing");
        Assert.That(truth[^1].HeaterOn, Is.False, "heater still on");
        Assert.That(truth[^1].SupplyOutputOn, Is.False, "supply still on");
        RunRecord record = await CertifyRecordAsync(station, cancellationToken);
        Assert.That(record.Transitions.Select(t => t.To), Does.Contain("Safing"));
        Assert.That(record.Events.Where(e => e.Name == "operator").Select(e => e.Data), Has.Some.Match("refused by alice at the terminal at "));
    }

    [TestCase("", 1, "no answer to \"Door closed?\" within 2 s")]
    [TestCase("a", 130, "aborted by alice at the terminal at ")]
    [CancelAfter(60_000)]
    public async Task RunPowered_PromptUnansweredOrAborted_EndsThroughSafing(string keys, int expectedExit, string recorded, CancellationToken cancellationToken)
    {
        const string Sequence = """
            { "sequence": "door-check", "version": "1",
              "powerUp": [ { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } } ],
              "steps": [ { "kind": "prompt", "message": "Door closed?", "timeoutSeconds": 2 }, { "kind": "command", "command": "HEATER_ON" } ] }
            """;
        using var station = TemporaryStation.EmulatedFurnace(Seed, TimeScale, extraSequences: new Dictionary<string, string> { ["door-check"] = Sequence });
        await using OperatorTerminal terminal = OperatorTerminal.Start(station.Directory, ["run", TestRigs.FurnaceName, "door-check", "--truth", station.TruthFile, "--operator", "alice"]);

        await terminal.WaitForAsync("No answer within 2 s (wall time) makes the rig safe", cancellationToken);
        await terminal.TypeAsync(keys);
        int exit = await terminal.WaitForExitAsync(cancellationToken);

        Assert.That(exit, Is.EqualTo(expectedExit), terminal.Screen);
        TruthRecord last = JsonSerializer.Deserialize<TruthRecord>(File.ReadLines(station.TruthFile).Last(l => l.Length > 0), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.That((last.HeaterOn, last.SupplyOutputOn, last.PowerEnable), Is.EqualTo((false, false, false)));
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunRecord record = await archive.ReadRunAsync((await archive.ListRunsAsync(cancellationToken)).Single().Id, cancellationToken);
        Assert.That(record.Transitions.Select(t => t.To), Does.Contain("Safing"));
        Assert.That(record.Events.Select(e => e.Data ?? "").Concat(record.Transitions.Select(t => t.Trigger)), Has.Some.Contains(recorded));
        Assert.That(record.Commands.Select(c => c.Name), Does.Not.Contain("HEATER_ON"), "the step after the prompt never ran");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunCertify_NoTerminalAndNoYes_RefusedBeforeTheEmulatorStarts(CancellationToken cancellationToken)
    {
        using TemporaryStation station = PreparedStation();
        ProcessStartInfo start = UsocHilProcess.StartInfo(["run", TestRigs.FurnaceName, "certify", "--truth", station.TruthFile], station.Directory);
        start.RedirectStandardInput = true;
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        Assert.That(process.ExitCode, Is.EqualTo(2), await output + await error);
        Assert.That((await error).TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(await error, Does.Contain("certify has 1 operator prompt and nobody can answer it").And.Contain("--yes"));
        Assert.That(File.Exists(station.TruthFile), Is.False, "the emulator started");
        Assert.That(File.Exists(Path.Combine(station.Directory, "results.db")), Is.False, "a run was recorded");
    }

    internal static async Task<RunRecord> CertifyRecordAsync(TemporaryStation station, CancellationToken cancellationToken)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(
            Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunSummary certify = (await archive.ListRunsAsync(cancellationToken)).Single(r => r.Header.Sequence == "certify");
        return await archive.ReadRunAsync(certify.Id, cancellationToken);
    }
}
