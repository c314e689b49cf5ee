using UsocHil.Cli.Results;
using UsocHil.Description;

namespace UsocHil.Tests.Results;

/// <summary>The furnace rig definition from the repository, and a temporary folder per test.</summary>
internal static class FurnaceRig
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static RigDefinition Definition { get; } = ConfigJson.Read<RigDefinition>(Path.Combine(RepositoryRoot, "rigs", "furnace-em", "rig.json"));

    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "usochil-results-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("UsocHil.sln not found above " + AppContext.BaseDirectory);
    }
}
