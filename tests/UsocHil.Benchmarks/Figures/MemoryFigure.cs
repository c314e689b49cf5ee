using System.Diagnostics;
using System.Globalization;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 8: the working set of <c>usoc-hil run</c> (a child process, sampled from outside every 100 ms) over one hour
/// and four hours of rig time with housekeeping at 10 Hz, every sample recorded (<c>bench/sequences/memory-soak.json</c>,
/// at 100×: 36 s and 144 s of wall time). Flat after warm-up means no growth with run length: each run's peak, sealing
/// included, is no higher than the peak of the same run cut to a quarter of an hour. At 400× the run produces 48,000 samples per wall second, more than
/// the archive writer keeps up with on 2 shared cores, and its backlog, not the run's length, would be measured.
/// </summary>
public sealed class MemoryFigure : IFigure
{
    public string Name => "8. Peak working set, 1 h and 4 h of rig time at 10 Hz housekeeping";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        int hourSeconds = settings.Smoke ? 300 : 3600;
        int shortSeconds = hourSeconds / 4;
        int longestSeconds = settings.Smoke ? 2 * hourSeconds : 4 * hourSeconds;
        List<long> hourRun = await SoakAsync(hourSeconds, cancellationToken);
        List<long> shortRun = await SoakAsync(shortSeconds, cancellationToken);
        List<long> longestRun = await SoakAsync(longestSeconds, cancellationToken);

        int quarter = hourRun.Count / 4;
        double second = MiB(hourRun.Skip(quarter).Take(quarter).Max());
        double last = MiB(hourRun.Skip(3 * quarter).Max());
        double shortPeak = MiB(shortRun.Max());
        string run = $"usoc-hil run memory-soak, {hourRun.Count} samples over {Describe(hourSeconds)} of rig time";
        return
        [
            PeakRow(hourRun, hourSeconds, shortPeak, shortSeconds),
            PeakRow(longestRun, longestSeconds, shortPeak, shortSeconds),
            new(Name, $"{run}: peak of the last quarter", last, "MiB", "peak of the second quarter", second, "peer", true),
        ];
    }

    private FigureRow PeakRow(List<long> samples, int seconds, double shortPeak, int shortSeconds)
    {
        double peak = MiB(samples.Max());
        return new(Name, $"usoc-hil run memory-soak, {samples.Count} samples over {Describe(seconds)} of rig time: peak of the whole run, sealing included", peak, "MiB",
            $"the same run cut to {Describe(shortSeconds)}: its peak", shortPeak, "flat after warm-up: no growth with run length (≤ 1.1×)", peak <= 1.1 * shortPeak);
    }

    private static async Task<List<long>> SoakAsync(int seconds, CancellationToken cancellationToken)
    {
        using TemporaryStation station = Station(seconds);
        using Process process = Process.Start(UsocHilProcess.StartInfo(["run", "furnace-em", "memory-soak", "--yes"], station.Directory))!;
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        List<long> samples = await WorkingSet.SampleAsync(process, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || samples.Count < 8)
        {
            throw new InvalidOperationException($"usoc-hil run memory-soak exited {process.ExitCode} after {samples.Count} samples: {(await error).Trim()} {(await output).Trim()}");
        }

        IEnumerable<string> tenths = Enumerable.Range(0, 10).Select(i => MiB(samples.Skip(i * samples.Count / 10).Take(Math.Max(1, samples.Count / 10)).Max()).ToString("F0", CultureInfo.InvariantCulture));
        FigureNotes.Add($"8. {Describe(seconds)} of rig time: peak working set in each tenth of the run, MiB: {string.Join(" ", tenths)}");
        return samples;
    }

    private static double MiB(long bytes) => bytes / 1048576.0;

    private static string Describe(int seconds) => seconds >= 3600 ? $"{seconds / 3600} h" : $"{seconds / 60} min";

    /// <summary>A throw-away station: the furnace rig with the soak sequence cut to <paramref name="seconds"/>, emulated at 100×.</summary>
    private static TemporaryStation Station(int seconds)
    {
        string soak = File.ReadAllText(Path.Combine(RepositoryPaths.BenchSequences, "memory-soak.json"))
            .Replace("\"seconds\": 3600", $"\"seconds\": {seconds}", StringComparison.Ordinal);
        return TemporaryStation.EmulatedFurnace(seed: 1, timeScale: 100, extraSequences: new Dictionary<string, string> { ["memory-soak"] = soak });
    }
}
