using UsocHil.Tests.Support;

namespace UsocHil.Tests.Architecture;

/// <summary>The library's folders form layers with no cycles, in the order the README's architecture section gives.</summary>
public sealed class ArchitectureTests
{
    private static string Library => Path.Combine(RepositoryPaths.Root, "src", "UsocHil");

    private static string Readme => Path.Combine(RepositoryPaths.Root, "README.md");

    [Test]
    public void Library_Folders_HaveNoCycles()
    {
        FolderGraph graph = FolderGraph.Read(Library, "UsocHil");

        Assert.That(graph.Cycles().Select(c => string.Join(" -> ", c)), Is.Empty);
    }

    [Test]
    public void Library_Folders_UseOnlyLowerLayersOfTheReadme()
    {
        FolderGraph graph = FolderGraph.Read(Library, "UsocHil");

        Assert.That(LayerTable.ReadFromReadme(Readme).Violations(graph), Is.Empty);
    }

    [Test]
    public void Description_UsesNothingElseInTheLibrary()
    {
        FolderGraph graph = FolderGraph.Read(Library, "UsocHil");

        Assert.That(graph.UsesOf("Description").Keys, Is.Empty);
    }

    [Test]
    public void LayerTable_NamesOnlyFoldersThatExist()
    {
        FolderGraph graph = FolderGraph.Read(Library, "UsocHil");

        Assert.That(LayerTable.ReadFromReadme(Readme).Folders.Except(graph.Folders), Is.Empty);
    }
}
