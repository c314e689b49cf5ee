using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>The built usoc-hil as a child process: its output line by line, signals, exit code.</summary>
internal sealed partial class CliRun : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly SemaphoreSlim _lines = new(0);

    private CliRun(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(_output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(_error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public string Error => string.Join('\n', _error);

    public static CliRun Start(string workingDirectory, params string[] arguments)
    {
        // A test host started in the background of a non-interactive shell ignores SIGINT, and a child inherits
        // that; the abort tests need the operator's SIGINT delivered as it would be from a terminal.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new CliRun(Process.Start(start) ?? throw new InvalidOperationException("cannot start usoc-hil"));
    }

    /// <summary>Completes when a line of standard output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        while (!_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"usoc-hil exited ({_process.ExitCode}) before printing '{text}':\n{Output}\n{Error}");
            }

            await _lines.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw;
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
            _lines.Release();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
