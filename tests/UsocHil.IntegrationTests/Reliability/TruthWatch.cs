using System.Text.Json;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Testing;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Awaits a record of an emulator's truth file (written by another process, flushed per line) that satisfies a
/// condition: the file is read again each time the kernel reports it changed (inotify), and once a quarter second in
/// case a notification is lost on a loaded machine. Given the process that writes it, the wait fails with that
/// process's output as soon as it ends without the record, instead of waiting for the test's timeout.
/// </summary>
internal static class TruthWatch
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);

    public static Task<TruthRecord> WaitForAsync(string truthFile, Func<TruthRecord, bool> condition, CancellationToken cancellationToken) =>
        WaitForAsync(null, truthFile, condition, cancellationToken);

    public static async Task<TruthRecord> WaitForAsync(RunningCli? writer, string truthFile, Func<TruthRecord, bool> condition, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<TruthRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            try
            {
                if (File.Exists(truthFile) && TruthWriter.ReadAll(truthFile).FirstOrDefault(condition) is { } record)
                {
                    found.TrySetResult(record);
                }
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // A line caught half-written or the file replaced while read: the next change reads it again.
            }
        }

        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(truthFile)!, Path.GetFileName(truthFile))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        watcher.Changed += (_, _) => Check();
        watcher.Created += (_, _) => Check();
        watcher.EnableRaisingEvents = true;
        using var recheck = new PeriodicTimer(Recheck);
        Task ended = writer?.Process.WaitForExitAsync(cancellationToken) ?? Task.Delay(Timeout.Infinite, cancellationToken);
        Check(); // written before the watch began
        while (!found.Task.IsCompleted)
        {
            Task tick = recheck.WaitForNextTickAsync(cancellationToken).AsTask();
            Task first = await Task.WhenAny(found.Task, tick, ended);
            if (cancellationToken.IsCancellationRequested && writer is not null && !found.Task.IsCompleted)
            {
                throw new TimeoutException(
                    $"{Path.GetFileName(truthFile)} never showed the awaited state; usoc-hil is still running, its output so far:\n{writer.Output}\n{writer.Error}");
            }

            await first; // the cancellation, if that is what ended it
            Check();
            if (first == ended && !found.Task.IsCompleted)
            {
                writer!.Process.WaitForExit(); // flushes the asynchronous output readers
                throw new InvalidOperationException(
                    $"usoc-hil exited ({writer.Process.ExitCode}) before {Path.GetFileName(truthFile)} showed the awaited state:\n{writer.Output}\n{writer.Error}");
            }
        }

        return await found.Task;
    }

    /// <summary>The newest complete record.</summary>
    public static TruthRecord Last(string truthFile) => TruthWriter.ReadAll(truthFile)[^1];
}
