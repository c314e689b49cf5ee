using System.CommandLine;
using System.Globalization;
using UsocHil.Cli.Running;
using UsocHil.Configuration;
using UsocHil.Extensions;
using UsocHil.Hosting;
using UsocHil.Reproduction;
using UsocHil.Results;
using UsocHil.Sequencing;
using UsocHil.Timelines;

namespace UsocHil.Cli.Reproducing;

/// <summary>
/// <c>usoc-hil reproduce RIG TIMELINE [--fault SPEC]... [--hypotheses FILE] [--window FROM..TO] [--setup SEQUENCE] [--raw]</c>:
/// runs the flight timeline's telecommand schedule on the ground model (see <see cref="ReproductionSetup"/>) and judges
/// flight against ground per parameter (<see cref="FlightComparison"/>). The last line printed is <c>reproduced</c> or
/// <c>not reproduced: </c> and what differs; exit 0 when reproduced, 1 when not, 130 when aborted (the rig safed),
/// 3 for a rig or link fault, 2 for bad input. With hypotheses, each runs in turn and they are ranked by the share of
/// flight samples the ground model followed; the verdict is the best one's.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The ground model (a rig of the station)" };
        var timeline = new Argument<FileInfo>("timeline") { Description = "The flight timeline (usoc-hil timeline import)" };
        var faults = new Option<string[]>("--fault") { Description = "Emulator fault to inject, as in the station's faults (repeatable)", AllowMultipleArgumentsPerToken = false };
        var hypotheses = new Option<FileInfo?>("--hypotheses") { Description = "Fault hypotheses, one a line (\"none\" for a healthy unit): each is run and they are ranked" };
        var window = new Option<string?>("--window") { Description = "FROM..TO: the flight's offsets (s) to reproduce (default: the whole timeline)" };
        var setup = new Option<string?>("--setup") { Description = "The rig sequence whose powerUp brings the ground model up (default: the first that has one)" };
        var raw = new Option<bool>("--raw") { Description = "Send the flight's telecommand octets as they are, outside the dictionary, unverified" };
        var report = new Option<FileInfo?>("--report") { Description = "Writes an HTML page: the verdict, the hypotheses ranked, and flight and ground curves overlaid per parameter" };
        var truth = new Option<FileInfo?>("--truth") { Description = "Emulated ground models: where the emulator writes its hidden truth (JSON lines; each hypothesis overwrites it)" };
        var results = GlobalOptions.Results();
        var command = new Command("reproduce", "Reproduce a flight anomaly on the ground model and judge flight against ground")
        {
            rig, timeline, faults, hypotheses, window, setup, raw, truth, report, results,
        };
        command.SetHandler((p, ct) => RunAsync(p, p.GetValue(rig)!, p.GetValue(timeline)!, p.GetValue(faults) ?? [], p.GetValue(hypotheses), p.GetValue(window),
            p.GetValue(setup), p.GetValue(raw), p.GetValue(truth), p.GetValue(report), p.GetValue(results), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string rigName, FileInfo timelineFile, string[] faults, FileInfo? hypothesesFile, string? windowText,
        string? setup, bool raw, FileInfo? truth, FileInfo? report, FileInfo? results, CancellationToken ct)
    {
        if (!timelineFile.Exists)
        {
            throw new UsageException($"reproduce: timeline {timelineFile.FullName} does not exist");
        }

        FlightTimeline flight;
        try
        {
            flight = TimelineJson.Read(timelineFile.FullName);
        }
        catch (TimelineException e)
        {
            throw new UsageException($"reproduce: {e.Message}");
        }

        LoadedStation station = StationContext.Load(parse);
        LoadedRig rig = station.Rig(rigName);
        if (!string.Equals(flight.Rig, rig.Name, StringComparison.Ordinal))
        {
            throw new UsageException($"reproduce: timeline {timelineFile.Name} was imported for rig {flight.Rig}, not {rig.Name}");
        }

        (double from, double to) = Window(windowText, flight);
        IReadOnlyList<Hypothesis> candidates = hypothesesFile is null ? [new Hypothesis(faults.Length == 0 ? "no fault" : string.Join(" ", faults), faults)] : Hypothesis.Read(hypothesesFile.FullName);
        Dictionary<string, List<(double T, double V)>> flightSeries = Series(flight.Samples.Where(s => s.OffsetSeconds >= from && s.OffsetSeconds <= to).Select(s => (s.Parameter, s.OffsetSeconds, s.Value)));
        TimelineEvent[] flightEvents = [.. flight.Events.Where(e => e.OffsetSeconds >= from && e.OffsetSeconds <= to)];
        Console.WriteLine(FormattableString.Invariant($"Reproducing {timelineFile.Name} ({flight.Commands.Count} command(s), {flight.Samples.Count} flight value(s), {flightEvents.Length} event(s)) on {rig.Name}, window {from:G6}..{to:G6} s, {candidates.Count} hypothesis(es)"));

        var scored = new List<(Hypothesis Hypothesis, IReadOnlyList<ParameterAgreement> Agreements, IReadOnlyList<string> Failures, double Score, Dictionary<string, List<(double T, double V)>> Ground)>();
        foreach (Hypothesis hypothesis in candidates)
        {
            string scratch = Path.Combine(Path.GetTempPath(), $"usoc-hil-reproduce-{Environment.ProcessId}-{scored.Count}");
            try
            {
                LoadedStation ground = ReproductionSetup.Prepare(station, rig, scratch, timelineFile.FullName, from, to, raw, setup, hypothesis.Faults);
                (int? exit, RunRecord? record) = await RunGroundAsync(ground, rig.Name, raw, truth?.FullName, results?.FullName, parse.GetValue(GlobalOptions.Verbosity), ct);
                if (exit is { } stopped)
                {
                    return stopped;
                }

                RunRecord groundRun = record!;
                Dictionary<string, List<(double T, double V)>> groundSeries = Series(ReproductionSetup.OnFlightAxis(groundRun, flight));
                IReadOnlyList<ParameterAgreement> agreements = FlightComparison.Compare(flightSeries, groundSeries);
                IReadOnlyList<TimelineEvent> groundEvents = [.. ReproductionSetup.EventsOnFlightAxis(groundRun, flight)
                    .Where(e => e.OffsetSeconds >= from - EventOrder.ToleranceSeconds && e.OffsetSeconds <= to + EventOrder.ToleranceSeconds)];
                string[] failures = [.. groundRun.Events.Where(e => e.Severity == "warning" && e.Data?.Contains(CommandOutcomes.Marker, StringComparison.Ordinal) == true).Select(e => e.Data!),
                    .. EventOrder.Differences(flightEvents, groundEvents)];
                double score = agreements.Count == 0 ? 0 : 1 - agreements.Average(a => a.OutsideFraction);
                scored.Add((hypothesis, agreements, failures, score, groundSeries));
                Console.WriteLine(FormattableString.Invariant($"Hypothesis {hypothesis.Name}: ground run {groundRun.Id}, flight samples followed {score:P1}"));
                foreach (ParameterAgreement a in agreements)
                {
                    Console.WriteLine(TerminalText.Escape("  " + a.Describe()));
                }

                foreach (string failure in failures)
                {
                    Console.WriteLine(TerminalText.Escape("  " + failure));
                }
            }
            finally
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
        }

        if (scored.Count > 1)
        {
            Console.WriteLine("Hypotheses ranked by how well each explains the flight data:");
            int rank = 1;
            foreach (var s in scored.OrderByDescending(s => s.Score))
            {
                Console.WriteLine(TerminalText.Escape(FormattableString.Invariant($"  {rank++}. {s.Hypothesis.Name}: score {s.Score:F4}")));
            }
        }

        var best = scored.OrderByDescending(s => s.Score).First();
        string[] differing = [.. best.Agreements.Where(a => !a.Agrees).Select(a => FormattableString.Invariant($"{a.Parameter} ({a.OutsideFraction:P0} of flight samples outside ±{a.Envelope:G3})")), .. best.Failures];
        string verdict = best.Agreements.Count == 0 ? "not reproduced: no parameter of the flight was seen on the ground to compare"
            : differing.Length == 0 ? "reproduced" : $"not reproduced: {string.Join("; ", differing)}";
        if (report is not null)
        {
            ReproductionReport.Write(report.FullName, $"{timelineFile.Name} reproduced on {rig.Name}", verdict,
                [.. scored.OrderByDescending(s => s.Score).Select(s => new ReproductionReport.Scored(s.Hypothesis.Name, s.Score))],
                best.Agreements, flightSeries, best.Ground, best.Failures);
            Console.WriteLine($"Report: {report.FullName}");
        }

        Console.WriteLine(TerminalText.Escape(verdict));
        return verdict == "reproduced" ? ExitCodes.Passed : ExitCodes.VerdictFailed;
    }

    /// <summary>The ground run through the run host; an exit code instead of a record when it did not run to its end.</summary>
    private static async Task<(int? Exit, RunRecord? Record)> RunGroundAsync(LoadedStation ground, string rig, bool raw, string? truth, string? results, int verbosity, CancellationToken ct)
    {
        Registries registries = HarnessRegistries.For(ground);
        registries.Steps.AddFlightSchedule();
        var host = RunHost.Prepare(new HostedRunRequest(ground, rig, ReproductionSetup.SequenceName, registries, AssumeYes: true, ResultsPath: results, AllowRawPackets: raw, TruthFile: truth), TimeProvider.System, Console.Error);
        string logFile = Path.Combine(ground.LogDirectory, $"{rig}-reproduce-{TimeProvider.System.GetUtcNow():yyyyMMddTHHmmssfffZ}.clef");
        await using Serilog.Core.Logger log = Logging.HarnessLogging.ForRun(ground.Config.Logging.Level, verbosity, logFile, null);
        HostedRun run;
        try
        {
            run = await host.RunAsync([], log, cancellationToken: ct);
        }
        catch (RecordingFailedException e)
        {
            Console.Error.WriteLine($"usoc-hil reproduce: {e.Message}; the run was stopped and the rig made safe");
            return (ExitCodes.RigOrLinkFault, null);
        }

        switch (run.Result.Outcome)
        {
            case RunOutcome.Aborted:
                Console.Error.WriteLine("usoc-hil reproduce: aborted; the rig was made safe");
                return (ExitCodes.Aborted, null);
            case RunOutcome.LinkLost or RunOutcome.Failed:
                Console.Error.WriteLine($"usoc-hil reproduce: the ground run failed ({run.Result.Reason}); recorded as run {run.RunId}");
                return (ExitCodes.RigOrLinkFault, null);
        }

        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(run.ResultsPath, TimeProvider.System, log, ct);
        return (null, await archive.ReadRunAsync(run.RunId, ct));
    }

    private static (double From, double To) Window(string? text, FlightTimeline flight)
    {
        if (text is null)
        {
            return (0, flight.DurationSeconds);
        }

        string[] parts = text.Split("..", 2);
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double from)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double to) && from >= 0 && to > from)
        {
            return (from, to);
        }

        throw new UsageException($"reproduce: --window {text} is not FROM..TO in seconds of the timeline (0 <= FROM < TO)");
    }

    private static Dictionary<string, List<(double T, double V)>> Series(IEnumerable<(string Parameter, double T, double V)> samples)
    {
        var series = new Dictionary<string, List<(double T, double V)>>(StringComparer.Ordinal);
        foreach ((string parameter, double t, double v) in samples)
        {
            if (!series.TryGetValue(parameter, out var list))
            {
                series[parameter] = list = [];
            }

            list.Add((t, v));
        }

        foreach (var list in series.Values)
        {
            list.Sort((a, b) => a.T.CompareTo(b.T));
        }

        return series;
    }
}
