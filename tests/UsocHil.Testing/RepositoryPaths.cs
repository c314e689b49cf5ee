namespace UsocHil.Testing;

/// <summary>
/// Where the repository, its rigs and its test data are: the one place the tests, the benchmarks and their tools find
/// the repository root (the folder holding UsocHil.sln, found by walking up from the running assembly).
/// </summary>
public static class RepositoryPaths
{
    private const string Solution = "UsocHil.sln";

    private static readonly Lazy<string> s_root = new(() =>
        TryFindRoot() ?? throw new DirectoryNotFoundException($"{Solution} not found above {AppContext.BaseDirectory}"));

    public static string Root => s_root.Value;

    /// <summary>The shipped station file, rig-config.json.</summary>
    public static string StationFile => Path.Combine(Root, "rig-config.json");

    public static string Rigs => Path.Combine(Root, "rigs");

    /// <summary>The repository's JSON schemas (rig, station, sequence).</summary>
    public static string Schemas => Path.Combine(Root, "schemas");

    /// <summary>bench/sequences: the sequences the performance figures run.</summary>
    public static string BenchSequences => Path.Combine(Root, "bench", "sequences");

    /// <summary>tests/data: third-party vectors, schemas and mission databases, each folder with its PROVENANCE.md.</summary>
    public static string TestData => Path.Combine(Root, "tests", "data");

    /// <summary>tests/data/vectors: CRC, checksum and whole-packet vectors from outside sources.</summary>
    public static string Vectors => Path.Combine(TestData, "vectors");

    /// <summary>The JUnit XML schema Jenkins and GitLab read, for xmllint.</summary>
    public static string JUnitSchema => Path.Combine(TestData, "schemas", "junit", "JUnit.xsd");

    /// <summary>tests/data/mdb: real mission databases (XTCE, SCOS-2000 MIB) and flight telemetry.</summary>
    public static string MissionDatabases => Path.Combine(TestData, "mdb");

    public static string RigDirectory(string rig) => Path.Combine(Rigs, rig);

    public static string RigFile(string rig) => Path.Combine(RigDirectory(rig), "rig.json");

    /// <summary>A folder under TestResults (created), where the suite leaves screenshots and records for people to read.</summary>
    public static string TestResults(string name) => Directory.CreateDirectory(Path.Combine(Root, "TestResults", name)).FullName;

    /// <summary>The repository root, or null when the assembly runs outside a checkout (a published benchmark).</summary>
    public static string? TryFindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Solution)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
