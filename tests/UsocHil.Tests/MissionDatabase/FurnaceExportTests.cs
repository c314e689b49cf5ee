using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// The furnace's public XTCE and MIB kept in rigs/furnace-em/mdb are what <c>dictionary export</c> writes from its
/// rig.json today (regenerate them with the commands in that folder's README when the rig changes), and import back
/// to its dictionary.
/// </summary>
public sealed class FurnaceExportTests
{
    private static string Folder => Path.Combine(RepositoryPaths.RigDirectory("furnace-em"), "mdb");

    private static RigDefinition Furnace => RigLoader.Load(Path.Combine(RepositoryPaths.RigDirectory("furnace-em"), "rig.json"));

    [Test]
    public void KeptXtce_EqualsAFreshExport()
    {
        Assert.That(File.ReadAllText(Path.Combine(Folder, "furnace.xtce.xml")), Is.EqualTo(XtceExporter.Write(Furnace)));
    }

    [Test]
    public void KeptMib_EqualsAFreshExport_TableForTable()
    {
        IReadOnlyDictionary<string, string> fresh = MibExporter.Write(Furnace);
        string mib = Path.Combine(Folder, "mib");

        Assert.That(Directory.GetFiles(mib).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(fresh.Keys.Order(StringComparer.Ordinal)));
        foreach ((string table, string text) in fresh)
        {
            Assert.That(File.ReadAllText(Path.Combine(mib, table)), Is.EqualTo(text), table);
        }
    }

    [Test]
    public void KeptDatabases_ImportBackToTheFurnaceDictionary_WithNothingLost()
    {
        DatabaseImport xtce = XtceImporter.Import([Path.Combine(Folder, "furnace.xtce.xml")], "furnace-em");
        DatabaseImport mib = MibImporter.Import(Path.Combine(Folder, "mib"), "furnace-em");

        Assert.That(CanonicalDictionary.Of(xtce.Rig), Is.EqualTo(CanonicalDictionary.Of(Furnace)));
        Assert.That(CanonicalDictionary.Of(mib.Rig), Is.EqualTo(CanonicalDictionary.Of(Furnace)));
        Assert.That(xtce.Report.Entries.Concat(mib.Report.Entries).Where(e => e.Outcome != ImportOutcome.Imported), Is.Empty);
    }

    [Test]
    public void MibExport_AnArgumentNameTwoCommandsUseDifferently_IsRefusedNamingIt()
    {
        RigDefinition furnace = Furnace;
        var commands = furnace.Dictionary.Commands.Select(c => c.Name == "DISABLE_HOUSEKEEPING"
            ? c with { Arguments = [c.Arguments[0] with { Range = [1, 2] }] } : c).ToList();

        var error = Assert.Throws<MissionDatabaseException>(() => MibExporter.Write(furnace with { Dictionary = furnace.Dictionary with { Commands = commands } }))!;

        Assert.That(error.Message, Does.Contain("argument structureId differs"));
    }
}
