using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.IntegrationTests.Support;
using UsocHil.MissionDatabase;

namespace UsocHil.IntegrationTests.MissionDatabase;

/// <summary>
/// The furnace's public mission database (rigs/furnace-em/mdb): its XTCE validates offline against the OMG schema
/// with Debian's xmllint, and a rig re-imported from its XTCE or its MIB through the real CLI (bench parts kept with
/// <c>--onto</c>) calibrates, tunes and certifies an emulated unit as the hand-written rig does.
/// </summary>
public sealed class FurnaceDatabaseTests
{
    private static string Database => Path.Combine(RepositoryPaths.RigDirectory("furnace-em"), "mdb");

    private static string Schema => Path.Combine(RepositoryPaths.MissionDatabases, "xtce", "schema");

    [Test]
    [CancelAfter(60_000)]
    public async Task FurnaceXtce_XmllintOffline_ValidatesAgainstTheOmgSchema(CancellationToken cancellationToken)
    {
        var (exit, output, error) = await PythonProcess.RunAsync("xmllint",
            ["--nonet", "--noout", "--schema", Path.Combine(Schema, "SpaceSystem.xsd"), Path.Combine(Database, "furnace.xtce.xml")],
            new Dictionary<string, string> { ["XML_CATALOG_FILES"] = Path.Combine(Schema, "catalog.xml") }, cancellationToken);

        Assert.That(exit, Is.Zero, output + error);
        Assert.That(error, Does.Contain("furnace.xtce.xml validates"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Xmllint_AnExportMissingARequiredAttribute_DoesNotValidate(CancellationToken cancellationToken)
    {
        string broken = Path.Combine(TestDirectories.Create("xtce-broken"), "broken.xml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Path.Combine(Database, "furnace.xtce.xml"), cancellationToken))
            .Replace(" parameterTypeRef=\"TC1_RAW_Type\"", "", StringComparison.Ordinal), cancellationToken);

        var (exit, _, error) = await PythonProcess.RunAsync("xmllint",
            ["--nonet", "--noout", "--schema", Path.Combine(Schema, "SpaceSystem.xsd"), broken],
            new Dictionary<string, string> { ["XML_CATALOG_FILES"] = Path.Combine(Schema, "catalog.xml") }, cancellationToken);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("parameterTypeRef"));
    }

    /// <summary>The paced clock holds rig time while harness or emulator lag, so the verdicts do not depend on the scale.</summary>
    private const double PacedScale = 2000;

    [TestCase("--xtce", "furnace.xtce.xml")]
    [TestCase("--mib", "mib")]
    [CancelAfter(480_000)]
    public async Task ThreeSequences_RigReimportedFromItsOwnDatabase_AllPass(string format, string source, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 5, timeScale: PacedScale);
        File.Delete(station.RigFile(TestRigs.FurnaceName));

        CliProcessResult imported = await UsocHilProcess.RunAsync(station.Directory,
            ["dictionary", "import", format, Path.Combine(Database, source), "--rig", TestRigs.FurnaceName, "--onto", TestRigs.FurnaceFile, "--out", station.RigFile(TestRigs.FurnaceName)],
            cancellationToken);

        Assert.That(imported.ExitCode, Is.Zero, imported.All);
        RigDefinition rig = RigLoader.Load(station.RigFile(TestRigs.FurnaceName));
        RigDefinition original = RigLoader.Load(TestRigs.FurnaceFile);
        Assert.That(CanonicalDictionary.Of(rig), Is.EqualTo(CanonicalDictionary.Of(original)));
        Assert.That(rig.Emulator, Is.EqualTo(original.Emulator));
        foreach (string sequence in new[] { "calibrate-thermocouples", "tune-heater-pid", "certify" })
        {
            using RunningCli run = station.Run(sequence);
            int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;
            Assert.That(exit, Is.Zero, $"{sequence}:\n{run.Output}\n{run.Error}");
            Assert.That(run.Output, Does.Contain("Run ended Completed (Passed)"), sequence);
        }
    }
}
