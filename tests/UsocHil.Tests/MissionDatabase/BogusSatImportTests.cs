using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// BogusSAT-1, a whole satellite from the XTCE revision task force with deliberate errors (not schema-valid): what
/// can be imported is, and every element dropped or approximated is in the report with its line.
/// </summary>
public sealed class BogusSatImportTests
{
    private const string File = "BogusSAT-1.xml";

    private static DatabaseImport Import() =>
        XtceImporter.Import([Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", "bogussat", File)], "bogussat");

    private static ImportReportEntry At(DatabaseImport imported, int line, string element) =>
        imported.Report.Entries.Single(e => e.Location.EndsWith($"{File}:{line}", StringComparison.Ordinal) && e.Element == element);

    [Test]
    public void Import_ImportsWhatItCanAndTheRigLoads()
    {
        DatabaseImport imported = Import();
        string rigFile = Path.Combine(Path.GetTempPath(), $"usochil-bogussat-{Guid.NewGuid():N}.json");
        try
        {
            System.IO.File.WriteAllText(rigFile, RigJson.Write(imported.Rig));
            RigDefinition loaded = RigLoader.Load(rigFile);

            Assert.That(loaded.Dictionary.Parameters, Has.Count.GreaterThan(40));
            Assert.That(loaded.Dictionary.Packets, Is.Not.Empty);
            Assert.That(loaded.Dictionary.Parameters.Select(p => p.Name), Has.All.Match("^[A-Z][A-Z0-9_]*$"));
            LimitDefinition battery = loaded.Limits.Single(l => l.Parameter == "BATTERY_VOLTAGE" && l.When is null);
            Assert.That((battery.Yellow, battery.Red), Is.EqualTo(((IReadOnlyList<double>)[12.35, 13.80], (IReadOnlyList<double>)[12.10, 14.34])));
            LimitDefinition charging = loaded.Limits.Single(l => l.Parameter == "BATTERY_VOLTAGE" && l.When?.Value == 1);
            Assert.That((charging.When!.Parameter, charging.Yellow, charging.Red), Is.EqualTo(("BATTERY_CHARGE_MODE", (IReadOnlyList<double>)[12.60, 14.00], (IReadOnlyList<double>)[12.35, 14.34])),
                "the context alarm while CHARGE, its label resolved to the boolean's code");
            Assert.That(loaded.Limits.Single(l => l.Parameter == "BATTERY_VOLTAGE" && l.When?.Value == 0).Yellow, Is.EqualTo((IReadOnlyList<double>)[12.35, 12.60]));
        }
        finally
        {
            System.IO.File.Delete(rigFile);
        }
    }

    [Test]
    public void Report_NamesEachLossWithItsLine()
    {
        DatabaseImport imported = Import();

        Assert.That(At(imported, 31, "AbsoluteTimeParameterType").Outcome, Is.EqualTo(ImportOutcome.Imported));
        Assert.That(imported.Rig.Dictionary.Parameters.Single(p => p.Name == "SENSORTIME"),
            Has.Property("Type").EqualTo("uint64").And.Property("Time").EqualTo(new TimeDefinition { Epoch = "1970-01-01" }));
        Assert.That(At(imported, 227, "StringParameterType").Outcome, Is.EqualTo(ImportOutcome.Dropped));
        Assert.That(At(imported, 452, "MathOperationCalibrator"), Has.Property("Outcome").EqualTo(ImportOutcome.Dropped).And.Property("SafetyRelevant").True);
        Assert.That(At(imported, 376, "SplineCalibrator").How, Does.Contain("order 2"));
        Assert.That(At(imported, 361, "SplineCalibrator").Outcome, Is.EqualTo(ImportOutcome.Approximated));
        Assert.That(At(imported, 248, "DefaultAlarm").Outcome, Is.EqualTo(ImportOutcome.Imported));
        Assert.That(At(imported, 250, "WarningRange").How, Does.Contain("exclusive bound"));
        Assert.That(At(imported, 254, "ContextAlarmList").How, Does.Contain("the default alarm also while a context alarm applies"));
        Assert.That(At(imported, 255, "ContextAlarm").Outcome, Is.EqualTo(ImportOutcome.Imported));
        Assert.That(At(imported, 1282, "FloatParameterType").How, Does.Contain("MILSTD_1750A"));
        Assert.That(At(imported, 1206, "BinaryParameterType").How, Does.Contain("128 bits are skipped"));
        Assert.That(imported.Report.Entries.Where(e => e.Location.EndsWith($"{File}:950", StringComparison.Ordinal)), Is.Empty, "SensorTime, a time now, is decoded where the container has it");
        Assert.That(imported.Rig.Dictionary.Packets.Single(p => p.Name == "SensorHistoryRecord").Entries[0].Parameter, Is.EqualTo("SENSORTIME"));
        Assert.That(imported.Report.Entries.Where(e => e.Outcome != ImportOutcome.Imported), Has.All.Property("Location").Match($@"{File}:\d+$"));
    }

    [Test]
    public void Report_Json_CountsEveryOutcome()
    {
        DatabaseImport imported = Import();
        using var json = System.Text.Json.JsonDocument.Parse(imported.Report.ToJson());

        Assert.That(json.RootElement.GetProperty("dropped").GetInt32(), Is.EqualTo(imported.Report.Count(ImportOutcome.Dropped)).And.GreaterThan(0));
        Assert.That(json.RootElement.GetProperty("safetyRelevantLosses").GetInt32(), Is.GreaterThan(0));
        Assert.That(json.RootElement.GetProperty("entries").GetArrayLength(), Is.EqualTo(imported.Report.Entries.Count));
    }
}
