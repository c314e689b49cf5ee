using System.Diagnostics;
using System.Text.Json.Nodes;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 8: the working set of <c>usoc-hil run</c> (a child process, sampled from outside every 100 ms) over one hour of
/// rig time with housekeeping at 10 Hz, every sample recorded (<c>bench/sequences/memory-soak.json</c>, at 100×: 36 s
/// of wall time). Flat after warm-up means the last quarter of the run holds no more than the second quarter did: a run
/// twice as long would then need no more memory. At 400× the run produces 48,000 samples per wall second, more than
/// the archive writer keeps up with on 2 shared cores, and its backlog, not the run's length, would be measured.
/// </summary>
public sealed class MemoryFigure : IFigure
{
    public string Name => "8. Peak working set, 1 h of rig time at 10 Hz housekeeping";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        string station = Station(settings);
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = station, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll"), "run", "furnace-em", "memory-soak", "--yes" })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            List<long> samples = await WorkingSet.SampleAsync(process, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || samples.Count < 8)
            {
                throw new InvalidOperationException($"usoc-hil run memory-soak exited {process.ExitCode} after {samples.Count} samples: {(await error).Trim()} {(await output).Trim()}");
            }

            int quarter = samples.Count / 4;
            double second = samples.Skip(quarter).Take(quarter).Max() / 1048576.0;
            double last = samples.Skip(3 * quarter).Max() / 1048576.0;
            double peak = samples.Max() / 1048576.0;
            string run = $"usoc-hil run memory-soak, {samples.Count} samples over {(settings.Smoke ? "5 min" : "1 h")} of rig time";
            return
            [
                new(Name, $"{run}: peak of the last quarter", last, "MiB", "peak of the second quarter", second, "flat after warm-up (≤ 1.1× the second quarter)", last <= 1.1 * second),
                new(Name, $"{run}: peak of the whole run", peak, "MiB", "peak of the second quarter", second, "peer", true),
            ];
        }
        finally
        {
            Directory.Delete(station, recursive: true);
        }
    }

    /// <summary>A throw-away station: the furnace rig with the soak sequence, emulated at 100×.</summary>
    private static string Station(FigureSettings settings)
    {
        string directory = Directory.CreateTempSubdirectory("usochil-memory-").FullName;
        string rig = Path.Combine(directory, "rigs", "furnace-em");
        Directory.CreateDirectory(Path.Combine(rig, "sequences"));
        File.Copy(Path.Combine(settings.RepositoryRoot, "rigs", "furnace-em", "rig.json"), Path.Combine(rig, "rig.json"));
        string soak = File.ReadAllText(Path.Combine(settings.RepositoryRoot, "bench", "sequences", "memory-soak.json"));
        File.WriteAllText(Path.Combine(rig, "sequences", "memory-soak.json"), settings.Smoke ? soak.Replace("\"seconds\": 3600", "\"seconds\": 300", StringComparison.Ordinal) : soak);
        var config = new JsonObject
        {
            ["station"] = "bench-memory",
            ["results"] = "results.db",
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = "logs" },
            ["rigs"] = new JsonObject { ["furnace-em"] = new JsonObject { ["emulated"] = true, ["timeScale"] = 100, ["seed"] = 1 } },
        };
        File.WriteAllText(Path.Combine(directory, "rig-config.json"), config.ToJsonString());
        return directory;
    }
}
