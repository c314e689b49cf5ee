using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// rig.json → XTCE → rig.json and rig.json → MIB → rig.json give the same dictionary, limits and APID (canonical
/// comparison), for the furnace and for a rig that uses what the furnace does not (curves, bit fields, layouts).
/// </summary>
public sealed class RoundTripTests
{
    private static RigDefinition Furnace => RigLoader.Load(Path.Combine(RepositoryPaths.RigDirectory("furnace-em"), "rig.json"));

    [Test]
    public void Xtce_Furnace_ComesBackTheSame()
    {
        RigDefinition back = ThroughXtce(Furnace, out ImportReport report);

        AssertSameWithoutLoss(Furnace, back, report);
        Assert.That(back.Limits, Has.Count.EqualTo(4));
        Assert.That(back.Dictionary.Parameters.Single(p => p.Name == "PID_KP"), Has.Property("Settable").True.And.Property("Volatile").True);
    }

    [Test]
    public void Mib_Furnace_ComesBackTheSame()
    {
        RigDefinition back = ThroughMib(Furnace, out ImportReport report);

        AssertSameWithoutLoss(Furnace, back, report);
    }

    [Test]
    public void Xtce_WiderDictionary_ComesBackTheSame()
    {
        RigDefinition wide = Wide();

        RigDefinition back = ThroughXtce(wide, out _);

        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(wide)));
    }

    [Test]
    public void Mib_WiderParameters_ComeBackTheSame()
    {
        RigDefinition wide = Wide() with { Dictionary = Wide().Dictionary with { Packets = [] } };

        RigDefinition back = ThroughMib(wide, out _);

        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(wide)));
    }

    [Test]
    public void Xtce_DeltaAndConditionalLimits_ComeBackTheSame_AsChangeRangesAndContextAlarms()
    {
        RigDefinition wide = Wide();

        string xtce = XtceExporter.Write(wide);
        RigDefinition back = ThroughXtce(wide, out _);

        Assert.That(back.Limits, Has.Count.EqualTo(3));
        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(wide)));
        Assert.That(xtce, Does.Contain("<ChangeAlarmRanges changeType=\"changePerSample\">"));
        Assert.That(xtce, Does.Contain("<Comparison parameterRef=\"FLAG\" value=\"1\" useCalibratedValue=\"false\" />"));
    }

    [Test]
    public void Mib_DeltaAndConditionalLimits_ComeBackTheSame_AsDeltaChecksWithApplicability()
    {
        RigDefinition wide = Wide() with { Dictionary = Wide().Dictionary with { Packets = [] } };

        IReadOnlyDictionary<string, string> tables = MibExporter.Write(wide);
        RigDefinition back = ThroughMib(wide, out ImportReport report);

        Assert.That(back.Limits, Has.Count.EqualTo(3));
        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(wide)));
        Assert.That(tables["ocp.dat"], Does.Contain("VOLTAGE\t8\tD\t-0.375\t0.375\tFLAG\t1\n"));
        Assert.That(report.SafetyLosses, Is.Empty);
    }

    [Test]
    public void Mib_DifferentPersistenceOnOneParameter_IsRefusedByTheExport()
    {
        RigDefinition wide = Wide() with { Dictionary = Wide().Dictionary with { Packets = [] } };
        RigDefinition mixed = wide with { Limits = [wide.Limits[0], wide.Limits[1] with { Persistence = 3 }] };

        Assert.That(() => MibExporter.Write(mixed), Throws.TypeOf<MissionDatabaseException>().With.Message.Contains("OCF"));
    }

    [Test]
    public void Canonical_ADifferentLimit_IsNoLongerEqual()
    {
        RigDefinition changed = Furnace with { Limits = [.. Furnace.Limits.Skip(1), Furnace.Limits[0] with { Persistence = 4 }] };

        Assert.That(CanonicalDictionary.Of(changed), Is.Not.EqualTo(CanonicalDictionary.Of(Furnace)));
    }

    /// <summary>The same dictionary came back, and the import reported nothing dropped or approximated.</summary>
    internal static void AssertSameWithoutLoss(RigDefinition rig, RigDefinition back, ImportReport report)
    {
        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(rig)));
        Assert.That(report.Count(ImportOutcome.Dropped) + report.Count(ImportOutcome.Approximated), Is.Zero, string.Join("\n", report.Entries.Where(e => e.Outcome != ImportOutcome.Imported)));
    }

    internal static RigDefinition ThroughXtce(RigDefinition rig, out ImportReport report)
    {
        string file = Path.Combine(TestDirectories.Create("xtce-rt"), "rig.xtce.xml");
        File.WriteAllText(file, XtceExporter.Write(rig));
        DatabaseImport imported = XtceImporter.Import([file], rig.Name);
        report = imported.Report;
        return imported.Rig;
    }

    internal static RigDefinition ThroughMib(RigDefinition rig, out ImportReport report)
    {
        string folder = TestDirectories.Create("mib-rt");
        foreach ((string name, string text) in MibExporter.Write(rig))
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        DatabaseImport imported = MibImporter.Import(folder, rig.Name);
        report = imported.Report;
        return imported.Rig;
    }

    private static RigDefinition Wide() => new()
    {
        Name = "wide",
        Apid = 42,
        Dictionary = new RigDictionary
        {
            Parameters =
            [
                new ParameterDefinition { Id = 7, Name = "VERSION", Type = "uint3" },
                new ParameterDefinition { Id = 8, Name = "FLAG", Type = "uint1", Enum = new Dictionary<string, string> { ["0"] = "CLEAR", ["1"] = "SET" } },
                new ParameterDefinition { Id = 9, Name = "CURRENT", Type = "int12", Unit = "mA", Spline = [[-2048, -5.5], [0, 0.25], [2047, 4.75]] },
                new ParameterDefinition { Id = 10, Name = "VOLTAGE", Type = "uint16", Unit = "V", Calibration = [0.5, 0.01, 1e-7], Description = "Bus voltage" },
                new ParameterDefinition { Id = 11, Name = "GAIN", Type = "float64", Range = [0.25, 7.5], Settable = true },
            ],
            Housekeeping = [new HousekeepingStructureDefinition { StructureId = 3, Name = "POWER", IntervalMs = 250, Parameters = ["VOLTAGE", "GAIN"] }],
            Packets =
            [
                new PacketDefinition { Name = "ROOT", Abstract = true, Entries = [new PacketEntryDefinition { Parameter = "VERSION" }] },
                new PacketDefinition
                {
                    Name = "STATUS", Base = "ROOT", Description = "status word",
                    Restrictions = [new RestrictionDefinition { Parameter = "VERSION", Value = 2, Operator = ">=" }],
                    Entries = [new PacketEntryDefinition { Parameter = "FLAG", Offset = 4 }, new PacketEntryDefinition { Parameter = "CURRENT" }],
                },
            ],
            Commands = [new CommandDefinition { Name = "SET_GAIN", Service = 8, Subtype = 1, FunctionId = 9, Arguments = [new ArgumentDefinition { Name = "gain", Type = "float32", Unit = "dB", Range = [-1.5, 3] }] }],
            Events = [new EventDefinition(300, "BROWNOUT", "medium"), new EventDefinition(301, "RESET", "low")],
            FailureCodes = [new FailureCodeDefinition(12, "BUSY")],
        },
        Limits =
        [
            new LimitDefinition { Parameter = "VOLTAGE", Yellow = [26.5, 29.5], Red = [24, 32], Persistence = 2, Delta = new DeltaLimitDefinition { Yellow = 0.5, Red = 2.25 } },
            new LimitDefinition
            {
                Parameter = "VOLTAGE", Yellow = [27, 29], Red = [25, 31], Persistence = 2,
                Delta = new DeltaLimitDefinition { Yellow = 0.125, Red = 0.375, Per = DeltaBasis.Sample }, When = new LimitCondition { Parameter = "FLAG", Value = 1 },
            },
            new LimitDefinition { Parameter = "GAIN", Delta = new DeltaLimitDefinition { Yellow = 1, Red = 1.5 }, When = new LimitCondition { Parameter = "VERSION", Value = 2 } },
        ],
    };
}
