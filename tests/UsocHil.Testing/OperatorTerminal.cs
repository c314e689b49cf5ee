using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace UsocHil.Testing;

/// <summary>
/// usoc-hil in a real pseudo-terminal, as an operator at a bench runs it: python3's pty module opens the terminal
/// (its size set as a terminal emulator would), runs usoc-hil as its session leader and relays bytes both ways, so the
/// test types keys and reads the screen's text (escape sequences removed). Disposing kills it if it is still running.
/// </summary>
public sealed partial class OperatorTerminal : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    // The relay: the child gets the pty as its controlling terminal, TERM and a window size; the parent copies the
    // master to standard output and standard input to the master, and exits with the child's exit code.
    private const string Relay = """
        import os, pty, sys, select, fcntl, termios, struct
        cols, rows = int(sys.argv[1]), int(sys.argv[2])
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
            os.environ['TERM'] = 'xterm-256color'
            os.execvp(sys.argv[3], sys.argv[3:])
        out = sys.stdout.buffer
        stdin_open = True
        while True:
            r, _, _ = select.select([fd] + ([0] if stdin_open else []), [], [], 0.5)
            if fd in r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b''
                if not data:
                    break
                out.write(data)
                out.flush()
            if stdin_open and 0 in r:
                data = os.read(0, 1024)
                if data:
                    os.write(fd, data)
                else:
                    stdin_open = False
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        sys.exit(code if code >= 0 else 128 - code)
        """;

    private readonly Process _process;
    private readonly StringBuilder _raw = new();
    private readonly Task _reading;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorTerminal(Process process)
    {
        _process = process;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Everything written to the terminal so far, escape sequences removed, carriage returns as line ends.</summary>
    public string Screen
    {
        get
        {
            lock (_raw)
            {
                return Plain(_raw.ToString());
            }
        }
    }

    /// <summary>The bytes written to the terminal so far, escape sequences and all.</summary>
    public string Raw
    {
        get
        {
            lock (_raw)
            {
                return _raw.ToString();
            }
        }
    }

    /// <summary>Starts <c>usoc-hil <paramref name="args"/></c> in <paramref name="workingDirectory"/> on a terminal of the given size.</summary>
    public static OperatorTerminal Start(string workingDirectory, IEnumerable<string> args, int columns = 120, int rows = 40)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in new[] { "-c", Relay, columns.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "env", "--default-signal=INT,QUIT", "dotnet", UsocHilProcess.Program }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return new OperatorTerminal(Process.Start(start) ?? throw new InvalidOperationException("cannot start python3"));
    }

    /// <summary>Types <paramref name="keys"/> as the operator would.</summary>
    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Completes once <paramref name="text"/> is on the screen; fails, showing the screen, if usoc-hil ends first.</summary>
    public async Task WaitForAsync(string text, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_raw)
            {
                changed = _changed.Task;
                if (Plain(_raw.ToString()).Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (_reading.IsCompleted)
            {
                throw new InvalidOperationException($"usoc-hil ended before '{text}' was on the screen:\n{Screen}");
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits for usoc-hil to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _reading.WaitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Text as a reader of the screen sees it: CSI, OSC and other escape sequences removed, \r\n and lone \r as \n.</summary>
    public static string Plain(string raw) => Escapes().Replace(raw, "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private async Task ReadAsync()
    {
        var buffer = new char[8192];
        StreamReader output = _process.StandardOutput;
        int read;
        while ((read = await output.ReadAsync(buffer)) > 0)
        {
            lock (_raw)
            {
                _raw.Append(buffer, 0, read);
                TaskCompletionSource changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.SetResult();
            }
        }

        lock (_raw)
        {
            _changed.TrySetResult();
        }
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])")]
    private static partial Regex Escapes();
}
