using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Serilog.Core;
using UsocHil.Cli;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// A run on the emulated furnace says what it verifies (an emulator run verifies the procedure and the harness, not the
/// unit) on the console, in its HTML report and in its JUnit export, and keeps its sequence's status and the kind of
/// item in the sealed record; a sequence not validated on an emulator gets a warning; a formal run of a draft sequence
/// is refused unless a waiver allows it.
/// </summary>
public sealed class SequenceScopeRunTests
{
    private const string EmulatorRun = "Emulator run: verifies the procedure and the harness, not the unit";

    /// <summary>Power up, are-you-alive, a few seconds of housekeeping: a real run in seconds of wall time.</summary>
    private static string AliveCheck(string name, string status, string validatedOn) => $$"""
        {
          "sequence": "{{name}}", "version": "1.0.0",
          "status": "{{status}}", "validatedOn": [ {{validatedOn}} ],
          "powerUp": [
            { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 }
          ],
          "steps": [
            { "kind": "command", "command": "ARE_YOU_ALIVE" },
            { "kind": "wait", "label": "some housekeeping", "seconds": 5 }
          ]
        }
        """;

    private static TemporaryStation Station(int seed) => TemporaryStation.EmulatedFurnace(seed, extraSequences: new Dictionary<string, string>
    {
        ["alive-draft"] = AliveCheck("alive-draft", "draft", "\"emulator\""),
        ["alive-approved-em"] = AliveCheck("alive-approved-em", "approved", "\"EM\""),
    });

    private static async Task<RunRecord> OnlyRunAsync(TemporaryStation station, CancellationToken ct)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, ct);
        return await archive.ReadRunAsync((await archive.ListRunsAsync(ct)).Single().Id, ct);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Run_DraftSequenceOnTheEmulator_ConsoleReportAndJUnitSayWhatItVerifiesAndTheRecordKeepsTheStatus(CancellationToken ct)
    {
        using TemporaryStation station = Station(seed: 31);

        CliProcessResult run = await station.Run("alive-draft", "--report", "reports").WaitForExitAsync(ct);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Passed), run.Describe());
        Assert.That(run.Stdout, Does.Contain(EmulatorRun).And.Contain("Sequence draft, not approved").And.Not.Contain("WARNING: sequence not validated"));
        RunRecord record = await OnlyRunAsync(station, ct);
        RunHeader header = record.Summary.Header;
        Assert.That((header.SequenceStatus, header.ItemKind), Is.EqualTo(("draft", "emulator")));
        Assert.That(header.SequenceValidatedOn, Is.EqualTo(new[] { "emulator" }));

        string html = await File.ReadAllTextAsync(Path.Combine(station.Directory, "reports", $"run-{record.Id}.html"), ct);
        Assert.That(html, Does.Contain("<h2>What this run verifies</h2>").And.Contain($"<li>{EmulatorRun}</li>").And.Contain("Sequence draft, not approved"));

        CliProcessResult export = await UsocHilProcess.RunAsync(station.Directory, ["results", "export", $"{record.Id}", "--junit", "junit.xml"], ct);
        Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Passed), export.Describe());
        XElement suite = XDocument.Load(Path.Combine(station.Directory, "junit.xml")).Root!;
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.That((properties["itemKind"], properties["sequenceStatus"]), Is.EqualTo(("emulator", "draft")));
        Assert.That(properties["scope"], Does.Contain(EmulatorRun).And.Contain("Sequence draft, not approved"));
        Assert.That(suite.Element("system-out")!.Value, Does.StartWith(EmulatorRun));

        CliProcessResult verify = await UsocHilProcess.RunAsync(station.Directory, ["results", "verify"], ct);
        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.Passed), "the scope is sealed with the run: " + verify.Describe());
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Run_SequenceValidatedOnlyOnTheEngineeringModel_WarnsOnTheEmulatorAndRecordsTheWarning(CancellationToken ct)
    {
        using TemporaryStation station = Station(seed: 32);

        CliProcessResult run = await station.Run("alive-approved-em").WaitForExitAsync(ct);

        const string warning = "sequence not validated on an emulator (validated on: EM)";
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Passed), run.Describe());
        Assert.That(run.Stdout, Does.Contain("WARNING: " + warning).And.Contain(EmulatorRun).And.Contain("Sequence approved"));
        RunRecord record = await OnlyRunAsync(station, ct);
        Assert.That(record.Events.Where(e => e.Severity == "warning").Select(e => e.Data), Has.Some.EqualTo(warning));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunFormal_DraftSequence_RefusedWithExitTwoUnlessAWaiverAllowsIt(CancellationToken ct)
    {
        using TemporaryStation station = Station(seed: 33);
        string[] formal = ["run", "furnace-em", "alive-draft", "--formal", "--truth", station.TruthFile];

        CliProcessResult refused = await UsocHilProcess.RunAsync(station.Directory, formal, ct);
        CliProcessResult approved = await UsocHilProcess.RunAsync(station.Directory, ["run", "furnace-em", "alive-approved-em", "--formal"], ct);

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration), refused.Describe());
        Assert.That(refused.Stderr, Does.Contain("usoc-hil run: a formal run refuses a draft sequence (alive-draft is not approved) without --waiver ID\n").And.Not.Contain("   at "));
        Assert.That(approved.ExitCode, Is.EqualTo(ExitCodes.Passed), "an approved sequence runs formally: " + approved.Describe());

        CliProcessResult waived = await UsocHilProcess.RunAsync(station.Directory, [.. formal, "--waiver", "WVR-0012"], ct);

        Assert.That(waived.ExitCode, Is.EqualTo(ExitCodes.Passed), waived.Describe());
        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, ct);
        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(ct);
        Assert.That(runs.Select(r => r.Header.Sequence), Is.EqualTo(new[] { "alive-approved-em", "alive-draft" }), "the refused run recorded nothing");
        RunRecord draft = await archive.ReadRunAsync(runs[1].Id, ct);
        Assert.That(draft.Events.Where(e => e.Name == "deviation").Select(e => e.Data),
            Has.Some.EqualTo("draft procedure: formal run of alive-draft, a draft sequence not approved, under waiver WVR-0012"));
    }

    /// <summary>
    /// The furnace emulator in its own process, bound as hardware (rig.json's model, EM, is then the kind of item): the
    /// run says it is no flight-model acceptance and warns that the sequence was validated on the emulator only.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task Run_BoundAsTheEngineeringModel_NotFlightModelAcceptanceAndNotValidatedOnIt(CancellationToken ct)
    {
        const int seed = 34;
        using TemporaryStation station = Station(seed);
        ProcessStartInfo start = UsocHilProcess.StartInfo(["--station", RepositoryPaths.StationFile, "emulate", "furnace-em", "--time-scale", "400", "--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        using Process emulator = Process.Start(start)!;
        CliProcessResult run;
        try
        {
            string bindings = await UsocHilProcess.ReadBindingAsync(emulator, ct);
            var config = new JsonObject
            {
                ["station"] = "bench",
                ["results"] = "results.db",
                ["register"] = new JsonArray(new JsonObject
                {
                    ["rig"] = "furnace-em", ["instrument"] = "dmm", ["serial"] = "DMM-0042", ["certificate"] = "CAL-2026-001",
                    ["calibrated"] = "2026-01-10", ["due"] = "2099-01-10", ["uncertainty"] = 0.05,
                }),
                ["rigs"] = JsonNode.Parse(bindings[bindings.IndexOf('{', StringComparison.Ordinal)..]),
            };
            await File.WriteAllTextAsync(station.StationFile, config.ToJsonString(), ct);

            run = await UsocHilProcess.RunAsync(station.Directory, ["--station", station.StationFile, "run", "furnace-em", "alive-draft"], ct);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync(CancellationToken.None);
        }

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Passed), run.Describe());
        Assert.That(run.Stdout, Does.Contain("Engineering-model run: verifies the procedure and the design on an engineering model, not flight-model acceptance")
            .And.Contain("WARNING: sequence not validated on an engineering model (EM) (validated on: emulator)")
            .And.Not.Contain(EmulatorRun));
        Assert.That((await OnlyRunAsync(station, ct)).Summary.Header.ItemKind, Is.EqualTo("EM"));
    }
}
