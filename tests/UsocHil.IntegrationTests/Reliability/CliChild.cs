using System.Diagnostics;
using System.Text;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>The built usoc-hil (usoc-hil.dll beside the tests) as a child process, with its output captured as it comes.</summary>
internal static class CliChild
{
    public static async Task<CliProcessResult> RunAsync(string workingDirectory, string[] args, CancellationToken cancellationToken,
        Func<Process, CliOutput, CancellationToken, Task>? afterStart = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var stdout = new CliOutput();
        var stderr = new CliOutput();
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (afterStart is not null)
            {
                await afterStart(process, stdout, cancellationToken);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new CliProcessResult(process.ExitCode, stdout.Text, stderr.Text);
    }

    /// <summary>Sends a POSIX signal by process id (.NET can only kill).</summary>
    public static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using Process kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync(cancellationToken);
    }
}

/// <summary>Lines of one output stream, awaitable by content.</summary>
internal sealed class CliOutput
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Needle, TaskCompletionSource Seen)> _waiting = [];

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
            foreach (var (needle, seen) in _waiting.Where(w => line.Contains(w.Needle, StringComparison.Ordinal)).ToList())
            {
                seen.TrySetResult();
                _waiting.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    public Task WaitForAsync(string needle, CancellationToken cancellationToken)
    {
        lock (_text)
        {
            if (_text.ToString().Contains(needle, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((needle, seen));
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
