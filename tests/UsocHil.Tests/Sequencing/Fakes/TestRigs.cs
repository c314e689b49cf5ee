using UsocHil.Description;

namespace UsocHil.Tests.Sequencing.Fakes;

/// <summary>The repository's own rig files, found by walking up from the test binaries.</summary>
public static class TestRigs
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("UsocHil.sln not found above the test directory");
        }
    }

    public static string FurnaceDirectory => Path.Combine(RepositoryRoot, "rigs", "furnace-em");

    public static RigDefinition Furnace() => UsocHil.Configuration.RigLoader.Load(Path.Combine(FurnaceDirectory, "rig.json"));
}
