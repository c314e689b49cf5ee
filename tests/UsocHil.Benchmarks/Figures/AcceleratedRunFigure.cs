using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 6: wall time of a whole emulated calibration, the built CLI as a child process
/// (<c>usoc-hil run furnace-em calibrate-thermocouples --yes</c>); the baseline is the rig time that run covered.
/// </summary>
public sealed partial class AcceleratedRunFigure : IFigure
{
    public string Name => "6. Accelerated emulation, full calibration";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = settings.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { cli, "run", "furnace-em", "calibrate-thermocouples", "--yes" })
        {
            start.ArgumentList.Add(argument);
        }

        long began = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        Task<string> reading = process.StandardOutput.ReadToEndAsync(cancellationToken);
        List<long> workingSet = await SampleWorkingSetAsync(process, cancellationToken);
        string output = await reading;
        await process.WaitForExitAsync(cancellationToken);
        double wallSeconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        Match ended = RunEnded().Match(output);
        if (!ended.Success)
        {
            throw new InvalidOperationException($"usoc-hil run exited {process.ExitCode} without a run summary: {(await error).Trim()} {output.Trim()}");
        }

        double rigSeconds = double.Parse(ended.Groups["minutes"].Value, CultureInfo.InvariantCulture) * 60;
        string subject = $"usoc-hil run calibrate-thermocouples (ended {ended.Groups["state"].Value}, exit {process.ExitCode})";
        return
        [
            new(Name, subject, wallSeconds, "s", "rig time covered", rigSeconds, "≤ 20 s wall (ratio = speed-up)", wallSeconds <= 20, LowerIsBetter: false),
            .. WorkingSetRows(workingSet),
        ];
    }

    /// <summary>Figure 8 from the same child: peak working set, against the working set once warmed up (a quarter into the run).</summary>
    private static IEnumerable<FigureRow> WorkingSetRows(List<long> samples)
    {
        if (samples.Count < 4)
        {
            yield break;
        }

        double warm = samples[samples.Count / 4] / 1048576.0;
        double peak = samples.Max() / 1048576.0;
        double last = samples[^1] / 1048576.0;
        const string figure = "8. Peak working set of that run";
        yield return new(figure, $"usoc-hil run, peak of {samples.Count} samples", peak, "MiB", "working set ¼ into the run", warm,
            "flat after warm-up (peak ≤ 1.25× warm)", peak <= 1.25 * warm);
        yield return new(figure, "usoc-hil run, last sample", last, "MiB", "working set ¼ into the run", warm, "≤ 1.25× warm", last <= 1.25 * warm);
    }

    private static async Task<List<long>> SampleWorkingSetAsync(Process process, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!process.HasExited && await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                process.Refresh();
                long bytes = process.WorkingSet64;
                if (bytes > 0)
                {
                    samples.Add(bytes);
                }
            }
            catch (InvalidOperationException)
            {
                break; // exited between the check and the read
            }
        }

        return samples;
    }

    [GeneratedRegex(@"Run ended (?<state>\S+) .*after (?<minutes>[0-9.]+) min of rig time")]
    private static partial Regex RunEnded();
}
