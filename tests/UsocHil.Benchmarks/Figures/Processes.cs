using System.Diagnostics;

namespace UsocHil.Benchmarks.Figures;

/// <summary>Runs a helper program (the C floor, a Python peer) and returns what it printed.</summary>
public static class Processes
{
    public static async Task<string> OutputAsync(string program, string arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        string output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {(await error).Trim()}");
        }

        return output.Trim();
    }
}
