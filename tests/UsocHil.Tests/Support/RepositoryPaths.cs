namespace UsocHil.Tests.Support;

/// <summary>Where the repository and its test data are, found by walking up from the test assembly.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("UsocHil.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string StationFile => Path.Combine(Root, "rig-config.json");

    public static string Rigs => Path.Combine(Root, "rigs");

    /// <summary>tests/data: the third-party vectors, schemas and mission databases, each folder with its PROVENANCE.md.</summary>
    public static string TestData => Path.Combine(Root, "tests", "data");

    public static string Vectors => Path.Combine(TestData, "vectors");
}
