namespace UsocHil.Hosting;

/// <summary>Another run holds the rig: this one was refused before anything was opened or sent.</summary>
public sealed class RigBusyException(string rig, string lockFile, string heldBy)
    : Exception($"rig {rig} is in use by another run ({heldBy}); nothing was sent to it (lock {lockFile})")
{
    public string Rig { get; } = rig;

    public string LockFile { get; } = lockFile;
}
