using System.Diagnostics;
using System.Text;

namespace UsocHil.Testing;

/// <summary>
/// usoc-hil at an operator's terminal: started in a pseudo-terminal of a given size (Python's pty module opens it, as
/// a terminal emulator would), everything it wrote to the terminal captured, byte for byte.
/// </summary>
public static class PseudoTerminal
{
    private const string Script = """
        import os, pty, sys, fcntl, termios, struct
        cols, rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        pid, fd = pty.fork()
        if pid == 0:
            # An operator's terminal, not a CI job's: Spectre.Console turns its live display off where these are set.
            for ci in ("CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "TRAVIS", "JENKINS_URL", "BUILD_ID",
                       "TEAMCITY_VERSION", "APPVEYOR", "BITBUCKET_COMMIT", "BUILDKITE", "bamboo_buildKey", "GOOGLE_CLOUD_BUILD",
                       "CODEBUILD_BUILD_ID", "DRONE", "CIRCLECI", "NO_COLOR"):
                os.environ.pop(ci, None)
            os.environ["TERM"] = "xterm-256color"
            os.environ["COLUMNS"] = str(cols)
            os.environ["LINES"] = str(rows)
            os.execvp(sys.argv[4], sys.argv[4:])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        data = bytearray()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        _, status = os.waitpid(pid, 0)
        open(out, "wb").write(data)
        sys.exit(os.waitstatus_to_exitcode(status))
        """;

    /// <summary>Runs usoc-hil with <paramref name="args"/> in a <paramref name="columns"/> x <paramref name="rows"/> terminal to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, int columns, int rows, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        string capture = Path.Combine(workingDirectory, "terminal.out");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "-c", Script, columns.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.ToString(System.Globalization.CultureInfo.InvariantCulture), capture, "dotnet", UsocHilProcess.Program }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using Process python = Process.Start(start) ?? throw new InvalidOperationException("cannot start python3");
        try
        {
            string error = await python.StandardError.ReadToEndAsync(cancellationToken);
            await python.WaitForExitAsync(cancellationToken);
            if (!File.Exists(capture))
            {
                throw new InvalidOperationException($"the pseudo-terminal captured nothing: {error}");
            }
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill(entireProcessTree: true);
            }
        }

        return (python.ExitCode, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(capture, cancellationToken)));
    }
}
