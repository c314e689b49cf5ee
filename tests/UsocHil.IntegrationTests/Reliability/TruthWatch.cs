using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Awaits a record of an emulator's truth file (written by another process, flushed per line) that satisfies a
/// condition: the file is read again each time the kernel reports it changed (inotify), never on a timer.
/// </summary>
internal static class TruthWatch
{
    public static async Task<TruthRecord> WaitForAsync(string truthFile, Func<TruthRecord, bool> condition, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<TruthRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (File.Exists(truthFile) && TruthWriter.ReadAll(truthFile).FirstOrDefault(condition) is { } record)
            {
                found.TrySetResult(record);
            }
        }

        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(truthFile)!, Path.GetFileName(truthFile))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        watcher.Changed += (_, _) => Check();
        watcher.Created += (_, _) => Check();
        watcher.EnableRaisingEvents = true;
        Check(); // written before the watch began
        return await found.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The newest complete record.</summary>
    public static TruthRecord Last(string truthFile) => TruthWriter.ReadAll(truthFile)[^1];
}
