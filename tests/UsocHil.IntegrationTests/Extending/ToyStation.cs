namespace UsocHil.IntegrationTests.Extending;

/// <summary>
/// A throw-away copy of the toy payload's station (tests/UsocHil.ToyPayload/toy-station, built beside the tests) with
/// the extension assembly one folder up, where its station file names it.
/// </summary>
internal sealed class ToyStation : IDisposable
{
    public const string AssemblyName = "UsocHil.ToyPayload.dll";

    public ToyStation()
    {
        Root = TestDirectories.Create("toy");
        string built = Path.Combine(AppContext.BaseDirectory, "toy-station");
        foreach (string file in System.IO.Directory.GetFiles(built, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(Directory, Path.GetRelativePath(built, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, AssemblyName), Path.Combine(Root, AssemblyName));
    }

    public string Root { get; }

    public string Directory => Path.Combine(Root, "toy-station");

    public string StationFile => Path.Combine(Directory, "toy-station.json");

    public string TruthFile => Path.Combine(Root, "truth.jsonl");

    /// <summary>Where the toy's results sink writes each sealed run.</summary>
    public string SinkFile => Path.Combine(Directory, "toy-results.jsonl");

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
}
