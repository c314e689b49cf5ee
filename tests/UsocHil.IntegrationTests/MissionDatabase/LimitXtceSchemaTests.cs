using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.IntegrationTests.Support;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.IntegrationTests.MissionDatabase;

/// <summary>The furnace with a delta limit and a conditional one, exported as XTCE: change ranges and context alarms validate offline against the OMG schema.</summary>
public sealed class LimitXtceSchemaTests
{
    private static string Schema => Path.Combine(RepositoryPaths.MissionDatabases, "xtce", "schema");

    [Test]
    [CancelAfter(60_000)]
    public async Task Export_DeltaAndContextAlarms_ValidateAgainstTheOmgSchema(CancellationToken cancellationToken)
    {
        RigDefinition furnace = RigLoader.Load(TestRigs.FurnaceFile);
        RigDefinition rig = furnace with
        {
            Limits =
            [
                .. furnace.Limits.Select(l => l.Parameter == "TC1_TEMP" ? l with { Delta = new DeltaLimitDefinition { Yellow = 2, Red = 5 } } : l),
                new LimitDefinition { Parameter = "TC1_TEMP", Yellow = [0, 450], Red = [-20, 500], When = new LimitCondition { Parameter = "MODE", Value = 3 } },
                new LimitDefinition { Parameter = "CONTROL_TEMP", Delta = new DeltaLimitDefinition { Yellow = 0.1, Red = 0.25, Per = DeltaBasis.Sample }, When = new LimitCondition { Parameter = "MODE", Value = 2 } },
            ],
        };
        string file = Path.Combine(TestDirectories.Create("xtce-limits"), "furnace-limits.xtce.xml");
        string xtce = XtceExporter.Write(rig);
        await File.WriteAllTextAsync(file, xtce, cancellationToken);

        var (exit, output, error) = await PythonProcess.RunAsync("xmllint", ["--nonet", "--noout", "--schema", Path.Combine(Schema, "SpaceSystem.xsd"), file],
            new Dictionary<string, string> { ["XML_CATALOG_FILES"] = Path.Combine(Schema, "catalog.xml") }, cancellationToken);

        Assert.That(xtce, Does.Contain("<ChangeAlarmRanges").And.Contain("<ContextAlarmList>"), "the export carries what is validated");
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(error, Does.Contain("furnace-limits.xtce.xml validates"));
    }
}
