using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UsocHil.Testing;

/// <summary>A usoc-hil child process that is still running; disposing it kills it if it has not ended.</summary>
public sealed partial class RunningCli : IAsyncDisposable, IDisposable
{
    public RunningCli(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => Stderr.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public CliOutput Stdout { get; } = new();

    public CliOutput Stderr { get; } = new();

    /// <summary>Standard output so far.</summary>
    public string Output => Stdout.Text;

    /// <summary>Standard error so far.</summary>
    public string Error => Stderr.Text;

    /// <summary>Completes when a line of standard output contains <paramref name="text"/>; fails if usoc-hil ends first.</summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        Task printed = Stdout.WaitForAsync(text, cancellationToken);
        Task ended = Process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(printed, ended) == ended && !printed.IsCompleted)
        {
            await ended;
            Process.WaitForExit(); // flushes the asynchronous output readers
            if (!printed.IsCompleted)
            {
                throw new InvalidOperationException($"usoc-hil exited ({Process.ExitCode}) before printing '{text}':\n{Output}\n{Error}");
            }
        }

        await printed;
    }

    /// <summary>Sends POSIX signal number <paramref name="signal"/> (2 SIGINT, 15 SIGTERM) to usoc-hil.</summary>
    public void Signal(int signal)
    {
        if (Kill(Process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<CliProcessResult> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await Process.WaitForExitAsync(cancellationToken);
        Process.WaitForExit(); // flushes the asynchronous output readers
        return new CliProcessResult(Process.ExitCode, Stdout.Text, Stderr.Text);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
