namespace UsocHil.Tests.Support;

/// <summary>A scratch copy of the shipped station and rigs, to break on purpose.</summary>
public sealed class TemporaryStation : IDisposable
{
    public TemporaryStation()
    {
        Directory = Path.Combine(Path.GetTempPath(), "usochil-station-" + Guid.NewGuid().ToString("N"));
        CopyTree(RepositoryPaths.Rigs, Path.Combine(Directory, "rigs"));
        File.Copy(RepositoryPaths.StationFile, StationFile);
    }

    public string Directory { get; }

    public string StationFile => Path.Combine(Directory, "rig-config.json");

    public string RigFile(string rig) => Path.Combine(Directory, "rigs", rig, "rig.json");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static void CopyTree(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (string file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in System.IO.Directory.GetDirectories(from))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
