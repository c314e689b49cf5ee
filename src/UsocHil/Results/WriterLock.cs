namespace UsocHil.Results;

/// <summary>
/// How a recording process shows it is alive: while it records, it holds an exclusive lock on its own lock file in
/// <c>results.db.locks/</c>, and the run's <c>owner</c> names that file. A run left <c>running</c> is still being
/// recorded exactly when its owner's lock is held. The kernel drops the lock when the process dies however it dies,
/// and the lock is seen by every process that opens the same file, whatever PID namespace or host name it has, where
/// a process ID means nothing.
/// </summary>
internal sealed class WriterLock : IDisposable
{
    private readonly FileStream _held;

    private WriterLock(string path, FileStream held)
    {
        Path = path;
        _held = held;
        Owner = System.IO.Path.GetFileName(path);
    }

    public string Path { get; }

    /// <summary>What a run's <c>owner</c> column holds: the lock file's name.</summary>
    public string Owner { get; }

    public static string DirectoryFor(string archivePath) => archivePath + ".locks";

    /// <summary>Creates and locks a fresh lock file for this process.</summary>
    public static WriterLock Take(string archivePath)
    {
        string directory = DirectoryFor(archivePath);
        Directory.CreateDirectory(directory);
        string path = System.IO.Path.Combine(directory, $"writer-{Environment.ProcessId}-{Guid.NewGuid():N}.lock");
        // FileShare.None takes flock(LOCK_EX) on Unix: released by the kernel when this process ends.
        var held = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        held.Write(System.Text.Encoding.UTF8.GetBytes(ProcessIdentity.Current + "\n"));
        held.Flush();
        return new WriterLock(path, held);
    }

    /// <summary>True while the process that recorded as <paramref name="owner"/> still holds its lock; never writes.</summary>
    public static bool IsHeld(string archivePath, string? owner)
    {
        if (string.IsNullOrEmpty(owner) || owner.Contains('/') || owner.Contains('\\') || owner.StartsWith('.'))
        {
            return false; // an owner from before writer locks, or not a lock file's name: nobody can hold it
        }

        try
        {
            // A shared lock (FileShare.Read on a read-only open) fails while the owner's exclusive lock is held.
            using var probe = new FileStream(System.IO.Path.Combine(DirectoryFor(archivePath), owner), FileMode.Open, FileAccess.Read, FileShare.Read);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // locked, or we may not look: never take a run we cannot see for dead
        }
    }

    /// <summary>Removes the lock file of a writer that is gone.</summary>
    public static void Remove(string archivePath, string? owner)
    {
        if (!string.IsNullOrEmpty(owner) && !IsHeld(archivePath, owner) && !owner.Contains('/'))
        {
            try
            {
                File.Delete(System.IO.Path.Combine(DirectoryFor(archivePath), owner));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a stale lock file is harmless: nobody holds it
            }
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // closing releases the lock; the file left behind is held by nobody
        }

        _held.Dispose();
    }
}
