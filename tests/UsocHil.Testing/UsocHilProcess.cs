using System.Diagnostics;

namespace UsocHil.Testing;

/// <summary>
/// The built usoc-hil (usoc-hil.dll beside the running assembly) as a child process, as an operator or CI runs it: the
/// one place tests and benchmarks start it.
/// </summary>
public static class UsocHilProcess
{
    /// <summary>usoc-hil.dll, copied beside every assembly that references the CLI.</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll");

    /// <summary>
    /// How to start usoc-hil with <paramref name="args"/>, output redirected. A test host started in the background of a
    /// non-interactive shell ignores SIGINT and SIGQUIT and its children inherit that; env restores the defaults so the operator's
    /// SIGINT and SIGQUIT reach usoc-hil as they would from a terminal (env and setpriv exec, so the process id is usoc-hil's).
    /// <paramref name="unprivileged"/>: as user nobody through util-linux setpriv when the tests run as root (root reads
    /// and writes everything, so no permission is ever denied to it); as the test's own user otherwise.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory = null, bool unprivileged = false)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        string[] prefix = unprivileged && Environment.IsPrivilegedProcess
            ? ["--default-signal=INT,QUIT", "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "dotnet"]
            : ["--default-signal=INT,QUIT", "dotnet"];
        foreach (string arg in prefix.Append(Program).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Starts usoc-hil and leaves it running, its output captured line by line as it comes.</summary>
    public static RunningCli Start(string? workingDirectory, IEnumerable<string> args, bool unprivileged = false) =>
        new(Process.Start(StartInfo(args, workingDirectory, unprivileged)) ?? throw new InvalidOperationException("cannot start usoc-hil"));

    /// <summary>Runs usoc-hil to its end; <paramref name="afterStart"/> acts on it while it runs (signals, waiting for a line).</summary>
    public static async Task<CliProcessResult> RunAsync(string? workingDirectory, IEnumerable<string> args, CancellationToken cancellationToken,
        Func<Process, CliOutput, CancellationToken, Task>? afterStart = null, bool unprivileged = false)
    {
        await using RunningCli child = Start(workingDirectory, args, unprivileged);
        if (afterStart is not null)
        {
            await afterStart(child.Process, child.Stdout, cancellationToken);
        }

        return await child.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Sends a POSIX signal by process id and name ("INT", "TERM"), as kill(1) does (.NET can only kill).</summary>
    /// <summary>
    /// What <c>usoc-hil emulate</c> prints up to the end of its station binding (a line "}"); the rest of its output is
    /// then drained in the background, so it never blocks on a full pipe.
    /// </summary>
    public static async Task<string> ReadBindingAsync(Process emulator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var printed = new System.Text.StringBuilder();
        while (await emulator.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            printed.AppendLine(line);
            if (line == "}")
            {
                break;
            }
        }

        _ = emulator.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = emulator.StandardError.ReadToEndAsync(CancellationToken.None);
        return printed.ToString();
    }

    public static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using Process kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync(cancellationToken);
    }
}
