using System.Diagnostics;
using System.Text;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>The built usoc-hil (usoc-hil.dll beside the tests) as a child process, with its output captured as it comes.</summary>
internal static class CliChild
{
    public static async Task<CliProcessResult> RunAsync(string workingDirectory, string[] args, CancellationToken cancellationToken,
        Func<Process, CliOutput, CancellationToken, Task>? afterStart = null, bool unprivileged = false)
    {
        await using RunningCli child = Start(workingDirectory, args, unprivileged);
        if (afterStart is not null)
        {
            await afterStart(child.Process, child.Stdout, cancellationToken);
        }

        return await child.WaitForExitAsync(cancellationToken);
    }

    /// <summary>
    /// Starts usoc-hil and leaves it running. <paramref name="unprivileged"/>: as user nobody through util-linux
    /// setpriv when the tests run as root (root reads and writes everything, so no permission is ever denied to it);
    /// as the test's own user otherwise.
    /// </summary>
    public static RunningCli Start(string workingDirectory, string[] args, bool unprivileged = false)
    {
        // A test host started in the background of a non-interactive shell ignores SIGINT and its children inherit
        // that; env restores the default so the operator's SIGINT reaches usoc-hil as it would from a terminal.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        string[] prefix = unprivileged && Environment.IsPrivilegedProcess
            ? ["--default-signal=INT", "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "dotnet"]
            : ["--default-signal=INT", "dotnet"];
        foreach (string arg in prefix)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new RunningCli(Process.Start(start)!);
    }

    /// <summary>Sends a POSIX signal by process id (.NET can only kill).</summary>
    public static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using Process kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync(cancellationToken);
    }
}

/// <summary>A usoc-hil child process that is still running; disposing it kills it if it has not ended.</summary>
internal sealed class RunningCli : IAsyncDisposable
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
}

/// <summary>Lines of one output stream, awaitable by content.</summary>
internal sealed class CliOutput
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiting = [];

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            _lines.Add(line);
            foreach (var (match, seen) in _waiting.Where(w => w.Match(line)).ToList())
            {
                seen.TrySetResult();
                _waiting.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    public Task WaitForAsync(string needle, CancellationToken cancellationToken) =>
        WaitForLineAsync(line => line.Contains(needle, StringComparison.Ordinal), cancellationToken);

    /// <summary>Completes when a line (already seen or still to come) matches.</summary>
    public Task WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        lock (_text)
        {
            if (_lines.Any(match))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, seen));
            return seen.Task.WaitAsync(cancellationToken);
        }
    }
}

internal sealed record CliProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public string Describe() => $"exit {ExitCode}\n--- stdout (tail) ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    /// <summary>The last line containing the text, joined with the next line (the result table wraps long reasons).</summary>
    public string LastLine(string startingWith)
    {
        string[] lines = Stdout.Split('\n').Select(l => l.Trim()).ToArray();
        int at = Array.FindLastIndex(lines, l => l.Contains(startingWith, StringComparison.Ordinal));
        if (at < 0)
        {
            return "(no such line)";
        }

        string line = at + 1 < lines.Length && !lines[at + 1].StartsWith("Safing", StringComparison.Ordinal) ? lines[at] + " " + lines[at + 1] : lines[at];
        return line.Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static string Tail(string text) => text.Length > 3000 ? "…" + text[^3000..] : text;
}
