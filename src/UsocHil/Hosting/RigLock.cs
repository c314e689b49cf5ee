using System.Globalization;
using UsocHil.Configuration;
using UsocHil.Interop;

namespace UsocHil.Hosting;

/// <summary>
/// One rig, one run: a run holds its rig's lock file (<c>&lt;rig&gt;.lock</c> in the station's log folder, which a run
/// must be able to write anyway, while the station file may sit in a read-only folder) from before anything is opened
/// until its record is sealed, so a second run on the same rig is refused before it sends
/// anything (its safing would otherwise cut the power under the first). The lock dies with the process that holds
/// it, however it ends.
/// </summary>
public sealed class RigLock : IDisposable
{
    private readonly FileLock _lock;

    private RigLock(FileLock fileLock) => _lock = fileLock;

    /// <summary>Where the lock of <paramref name="rig"/> is kept.</summary>
    public static string PathFor(LoadedStation station, string rig) => Path.Combine(station.LogDirectory, rig + ".lock");

    /// <param name="sequence">What the run will do, for whoever is refused.</param>
    /// <exception cref="RigBusyException">Another run holds the rig.</exception>
    public static RigLock Take(LoadedStation station, string rig, string sequence, TimeProvider wall)
    {
        ArgumentNullException.ThrowIfNull(station);
        string path = PathFor(station, rig);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string holder = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId}, user {Environment.UserName} on host {Environment.MachineName}, since {wall.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}, running {sequence}");
        return FileLock.TryTake(path, holder, out string? heldBy) is { } taken
            ? new RigLock(taken)
            : throw new RigBusyException(rig, path, heldBy ?? "another process");
    }

    public void Dispose() => _lock.Dispose();
}
