using UsocHil.Tests.Support;

namespace UsocHil.Tests.Architecture;

/// <summary>The architecture test's own test: a copy of the library with one import added is caught.</summary>
public sealed class FolderGraphTests
{
    private string _copy = "";

    [SetUp]
    public void CopyLibrary()
    {
        _copy = Path.Combine(Path.GetTempPath(), "usochil-arch-" + Guid.NewGuid().ToString("N"));
        string library = Path.Combine(RepositoryPaths.Root, "src", "UsocHil");
        foreach (string file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(library, file);
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(_copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [TearDown]
    public void DeleteCopy() => Directory.Delete(_copy, recursive: true);

    [Test]
    public void Cycles_LinksImportsSequencing_ReportsTheCycle()
    {
        Plant("Links", "using UsocHil.Sequencing;\n");

        IReadOnlyList<IReadOnlyList<string>> cycles = FolderGraph.Read(_copy, "UsocHil").Cycles();

        Assert.That(cycles.Select(c => string.Join(" -> ", c)), Has.Some.Contains("Links -> Sequencing"));
    }

    [Test]
    public void Cycles_RelativeQualifiedName_ReportsTheCycle()
    {
        Plant("Description", "namespace UsocHil.Description;\ninternal static class Planted { internal static object? Of(Rigs.RigSession s) => s; }\n");

        Assert.That(FolderGraph.Read(_copy, "UsocHil").Cycles(), Is.Not.Empty);
    }

    [Test]
    public void Violations_DescriptionImportsLinks_ReportsTheUpwardUse()
    {
        Plant("Description", "using UsocHil.Links;\n");
        var table = LayerTable.ReadFromReadme(Path.Combine(RepositoryPaths.Root, "README.md"));

        IReadOnlyList<string> violations = table.Violations(FolderGraph.Read(_copy, "UsocHil"));

        Assert.That(violations, Has.Some.StartsWith("Description (layer 0) uses Links"));
    }

    [Test]
    public void Violations_NewFolderMissingFromTheTable_IsReported()
    {
        Directory.CreateDirectory(Path.Combine(_copy, "Planted"));
        File.WriteAllText(Path.Combine(_copy, "Planted", "Planted.cs"), "namespace UsocHil.Planted;\ninternal static class Planted;\n");
        var table = LayerTable.ReadFromReadme(Path.Combine(RepositoryPaths.Root, "README.md"));

        Assert.That(table.Violations(FolderGraph.Read(_copy, "UsocHil")), Has.Member("Planted is in no layer of the README's table"));
    }

    [Test]
    public void Cycles_UnchangedLibrary_FindsNone()
    {
        Assert.That(FolderGraph.Read(_copy, "UsocHil").Cycles(), Is.Empty);
    }

    private void Plant(string folder, string text) =>
        File.WriteAllText(Path.Combine(_copy, folder, "Planted.cs"), text);
}
