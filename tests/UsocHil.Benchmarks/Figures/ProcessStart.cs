using System.Diagnostics;

namespace UsocHil.Benchmarks.Figures;

/// <summary>Wall time from starting <c>dotnet program args</c> to its exit, or to the first output line a test accepts.</summary>
public static class ProcessStart
{
    public static async Task<double> MillisecondsToExitAsync(string program, IReadOnlyList<string> args, string workingDirectory, CancellationToken cancellationToken)
    {
        long began = Stopwatch.GetTimestamp();
        using Process process = Process.Start(StartInfo(program, args, workingDirectory))!;
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        double milliseconds = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        return process.ExitCode == 0
            ? milliseconds
            : throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} exited {process.ExitCode}: {(await error).Trim()}");
    }

    /// <summary>Time to the first line <paramref name="reached"/> accepts; the process is then killed (no summary is wanted).</summary>
    public static async Task<double> MillisecondsToLineAsync(string program, IReadOnlyList<string> args, string workingDirectory, Func<string, bool> reached, CancellationToken cancellationToken)
    {
        long began = Stopwatch.GetTimestamp();
        using Process process = Process.Start(StartInfo(program, args, workingDirectory))!;
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (reached(line))
                {
                    return Stopwatch.GetElapsedTime(began).TotalMilliseconds;
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} exited {process.ExitCode} before the line: {(await error).Trim()}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    public static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(program);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
