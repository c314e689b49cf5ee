using System.Diagnostics;

namespace UsocHil.IntegrationTests.Support;

/// <summary>
/// A python3 script run step by step: it prints a line when it has done something, then waits for a line on stdin
/// while the test checks and acts on the other side. Killed on dispose if still running.
/// </summary>
internal sealed class PythonSession : IDisposable
{
    private readonly Process _process;

    private PythonSession(Process process) => _process = process;

    public static PythonSession Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(PythonProcess.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new PythonSession(Process.Start(start) ?? throw new InvalidOperationException("cannot start python3"));
    }

    /// <summary>The script's next line; its stderr when it ended instead.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken) =>
        await _process.StandardOutput.ReadLineAsync(cancellationToken)
        ?? "exited: " + await _process.StandardError.ReadToEndAsync(cancellationToken);

    /// <summary>Lets the script go on to its next step.</summary>
    public async Task ContinueAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("go".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
