using System.Diagnostics;

namespace UsocHil.Benchmarks.Figures;

/// <summary>The C echo peer on a fresh pty: every serial client measured talks to the same one.</summary>
public sealed class EchoPeer : IAsyncDisposable
{
    private readonly Process _process;

    private EchoPeer(Process process, string path)
    {
        _process = process;
        Path = path;
    }

    public string Path { get; }

    public static async Task<EchoPeer> StartAsync(string tool, int messageBytes, CancellationToken cancellationToken)
    {
        var process = Process.Start(new ProcessStartInfo(tool, $"echo {messageBytes}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        string path = (await process.StandardOutput.ReadLineAsync(cancellationToken))?.Trim()
            ?? throw new InvalidOperationException("the echo peer printed no pty path");
        return new EchoPeer(process, path);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
