using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 6: wall time of a whole emulated calibration, the built CLI as a child process
/// (<c>usoc-hil run furnace-em calibrate-thermocouples --yes --time-scale 20000</c>, start-up, sealing and report
/// included); the baseline is the rig time that run covered. The paced clock holds rig time whenever harness or
/// emulator fall behind, so the wall time says how fast this machine can follow, and the run prints how long it held.
/// </summary>
public sealed partial class AcceleratedRunFigure : IFigure
{
    public const string TimeScale = "20000";

    public string Name => "6. Accelerated emulation, full calibration";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        ProcessStartInfo start = UsocHilProcess.StartInfo(["run", "furnace-em", "calibrate-thermocouples", "--yes", "--time-scale", TimeScale], settings.RepositoryRoot);

        long began = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        Task<string> reading = process.StandardOutput.ReadToEndAsync(cancellationToken);
        string output = await reading;
        await process.WaitForExitAsync(cancellationToken);
        double wallSeconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        Match ended = RunEnded().Match(output);
        if (!ended.Success)
        {
            throw new InvalidOperationException($"usoc-hil run exited {process.ExitCode} without a run summary: {(await error).Trim()} {output.Trim()}");
        }

        double rigSeconds = RigSeconds(ended);
        Match held = RigClock().Match(output);
        string subject = $"usoc-hil run calibrate-thermocouples --time-scale {TimeScale} (ended {ended.Groups["state"].Value}, exit {process.ExitCode}"
            + (held.Success ? $"; {held.Groups["held"].Value}" : "") + ")";
        return
        [
            new(Name, subject, wallSeconds, "s", "rig time covered", rigSeconds, "≤ 2 s wall (ratio = speed-up)", wallSeconds <= 2, LowerIsBetter: false),
        ];
    }

    /// <summary>The rig time as the CLI writes durations: "1 h 55 min", "12 min 05 s", "42.0 s" or "350 ms".</summary>
    private static double RigSeconds(Match ended)
    {
        double Part(string name) => ended.Groups[name].Success ? double.Parse(ended.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        return Part("h") * 3600 + Part("min") * 60 + Part("s") + Part("ms") / 1000;
    }

    [GeneratedRegex(@"Rig clock: (?<held>rig time held [0-9.]+ s of wall time)")]
    private static partial Regex RigClock();

    [GeneratedRegex(@"Run ended (?<state>\S+) .*after (?:(?<h>\d+) h )?(?:(?<min>\d+) min ?)?(?:(?<s>[0-9.]+) s )?(?:(?<ms>\d+) ms )?of rig time")]
    private static partial Regex RunEnded();
}
