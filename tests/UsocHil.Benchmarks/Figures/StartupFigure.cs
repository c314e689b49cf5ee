namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 13: how long an operator waits for usoc-hil to answer. <c>--help</c>, <c>config validate</c> of the shipped
/// station and <c>run</c> to the first packet from the payload (the emulated furnace's boot event), each the median of
/// rounds interleaved with the floor: <c>dotnet</c> starting an empty console app (startup-floor.dll). usoc-hil is the
/// form scripts/install installs (ReadyToRun, <see cref="InstalledCli"/>); the jitted build output is noted beside it.
/// </summary>
public sealed class StartupFigure : IFigure
{
    private static readonly string[] Help = ["--help"];
    private static readonly string[] Validate = ["config", "validate", "rig-config.json"];

    public string Name => "13. Start-up against an empty console app";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        string floor = Path.Combine(AppContext.BaseDirectory, "startup-floor.dll");
        string cli = await InstalledCli.PathAsync(settings, cancellationToken);
        string root = settings.RepositoryRoot;
        Directory.CreateDirectory(settings.ArtifactsDirectory);
        string[] run = ["run", "furnace-em", "calibrate-thermocouples", "--yes", "--results", Path.Combine(settings.ArtifactsDirectory, "startup-results.db")];

        int rounds = settings.Smoke ? 2 : 21;
        int runRounds = settings.Smoke ? 1 : 7;
        var floors = new List<double>();
        var helps = new List<double>();
        var validates = new List<double>();
        var runs = new List<double>();
        var jittedHelps = new List<double>();
        var jittedValidates = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            floors.Add(await ProcessStart.MillisecondsToExitAsync(floor, [], root, cancellationToken));
            helps.Add(await ProcessStart.MillisecondsToExitAsync(cli, Help, root, cancellationToken));
            validates.Add(await ProcessStart.MillisecondsToExitAsync(cli, Validate, root, cancellationToken));
            if (round < runRounds)
            {
                runs.Add(await ProcessStart.MillisecondsToLineAsync(cli, run, root, FirstPayloadPacket, cancellationToken));
            }

            if (!settings.Smoke && round % 3 == 0)
            {
                jittedHelps.Add(await ProcessStart.MillisecondsToExitAsync(UsocHilProcess.Program, Help, root, cancellationToken));
                jittedValidates.Add(await ProcessStart.MillisecondsToExitAsync(UsocHilProcess.Program, Validate, root, cancellationToken));
            }
        }

        double floorMs = Median(floors);
        string form = settings.Smoke ? "build output" : "installed form";
        FigureNotes.Add($"13. medians of {rounds} interleaved rounds ({runRounds} for run): floor {floorMs:F0} ms (fastest {floors.Min():F0}), " +
            $"--help {Median(helps):F0} ms (fastest {helps.Min():F0}), config validate {Median(validates):F0} ms (fastest {validates.Min():F0}), " +
            $"run to the first packet {Median(runs):F0} ms; usoc-hil as the {form}");
        if (jittedHelps.Count > 0)
        {
            FigureNotes.Add($"13. the jitted build output in the same run: --help {Median(jittedHelps):F0} ms (×{Median(jittedHelps) / floorMs:F1}), " +
                $"config validate {Median(jittedValidates):F0} ms (×{Median(jittedValidates) / floorMs:F1})");
        }

        const string Floor = "dotnet startup-floor.dll (empty console app)";
        return
        [
            new(Name, $"usoc-hil --help ({form})", Median(helps), "ms", Floor, floorMs, "≤ 2× floor", Median(helps) <= 2 * floorMs),
            new(Name, $"usoc-hil config validate, shipped station ({form})", Median(validates), "ms", Floor, floorMs, "≤ 3× floor", Median(validates) <= 3 * floorMs),
            new(Name, $"usoc-hil run calibrate-thermocouples to the first payload packet ({form})", Median(runs), "ms", Floor, floorMs, "measured (no goal)", true),
        ];
    }

    /// <summary>The console's line for the first event report the payload sends (the furnace reports BOOT_COMPLETE).</summary>
    private static bool FirstPayloadPacket(string line) => line.Contains(": event ", StringComparison.Ordinal);

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
