using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace UsocHil.Benchmarks.Figures;

/// <summary>Measures every figure with its floor and peers in one run and writes docs/PERFORMANCE.md.</summary>
public static class FiguresRunner
{
    public static IReadOnlyList<IFigure> All() =>
    [
        new SerialExchangeFigure(),
        new PusRoundTripFigure(),
        new TelemetryDecodeFigure(),
        new ResultsIngestFigure(),
        new SequenceOverheadFigure(),
        new AcceleratedRunFigure(),
        new MemoryFigure(),
        new ParallelRigsFigure(),
        new MonitorLoadFigure(),
        new CentralPushFigure(),
        new BitPackedDecodeFigure(),
        new XtceImportFigure(),
        new FlightScheduleFigure(),
        new StartupFigure(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        bool smoke = args.Contains("--smoke");
        int outIndex = Array.IndexOf(args, "--out");
        string root = RepositoryPaths.TryFindRoot() ?? Environment.CurrentDirectory;
        string? output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        var settings = new FigureSettings(smoke, root, Path.Combine(root, "artifacts", "bench"));
        var rows = new List<FigureRow>();
        FigureNotes.Add($"load average at the start: {LoadAverage()}");
        int failures = 0;
        int onlyIndex = Array.IndexOf(args, "--only");
        string[]? only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1].Split(',') : null;
        foreach (IFigure figure in All().Where(f => only is null || only.Any(o => f.Name.StartsWith(o + ".", StringComparison.Ordinal))))
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(smoke ? 2 : 15));
                IReadOnlyList<FigureRow> measured = await figure.MeasureAsync(settings, timeout.Token);
                rows.AddRange(measured);
                foreach (FigureRow row in measured)
                {
                    Console.WriteLine($"{row.Figure} | {row.Subject}: {row.Value:F2} {row.Unit} vs {row.Baseline} {row.BaselineValue:F2} (×{row.Ratio:F2})");
                }
            }
            catch (Exception e)
            {
                failures++;
                Console.Error.WriteLine($"{figure.Name}: failed: {e.Message}");
            }
        }

        FigureNotes.Add($"load average at the end: {LoadAverage()}");
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, Markdown(rows, string.Join(' ', args)));
        }

        return failures == 0 ? 0 : 1;
    }

    private static string Markdown(IReadOnlyList<FigureRow> rows, string arguments)
    {
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reproduce with `bench/run` (runs `UsocHil.Benchmarks figures {arguments}`). Every baseline was measured in the same run as the figure beside it.");
        text.AppendLine();
        text.AppendLine("| figure | subject | value | baseline | baseline value | ratio | goal | met |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (FigureRow row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Figure} | {row.Subject} | {row.Value:G4} {row.Unit} | {row.Baseline} | {row.BaselineValue:G4} {row.Unit} | {row.Ratio:F2} | {row.Goal} | {(row.GoalMet ? "yes" : "**no**")} |");
        }

        text.AppendLine();
        text.AppendLine("## Details from this run");
        text.AppendLine();
        foreach (string note in FigureNotes.All())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return text.ToString();
    }

    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, and every ratio carries its load.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "unknown";
}
