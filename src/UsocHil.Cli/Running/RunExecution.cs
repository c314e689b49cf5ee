using Serilog.Events;
using Spectre.Console;
using UsocHil.Configuration;
using UsocHil.Hosting;
using UsocHil.Monitor;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>What <c>usoc-hil run</c> was asked to do.</summary>
/// <param name="Monitor">--monitor's ADDR:PORT ("" for the default), null without --monitor.</param>
/// <param name="ResultsPath">The results archive (--results, else the station's).</param>
/// <param name="ReportDirectory">--report: where to write the run's HTML report.</param>
/// <param name="AllowRawPackets">--raw: the sequence's raw steps may send packets outside the dictionary.</param>
/// <param name="Operator">--operator: who runs it, for the record; null for the login name.</param>
internal sealed record RunRequest(LoadedStation Station, string Rig, string Sequence, bool AssumeYes, double? TimeScale, string? TruthFile, int Verbosity, string? Monitor = null, string? ResultsPath = null, string? ReportDirectory = null, bool AllowRawPackets = false, string? Operator = null)
{
    /// <summary>Run although a reference instrument is unregistered or overdue (not valid for acceptance).</summary>
    public bool AcceptInvalidReference { get; init; }

    /// <summary>A formal run: deviations refused unless <see cref="Waiver"/> is given.</summary>
    public bool Formal { get; init; }

    public string? Waiver { get; init; }
}

/// <summary>
/// The front end of one <c>usoc-hil run</c> over the library's <see cref="RunHost"/>: the log file, the progress
/// display (live on a terminal, plain lines otherwise), the monitor, the result table and the exit code.
/// </summary>
internal static class RunExecution
{
    public static async Task<int> ExecuteAsync(RunRequest request, TimeProvider wall, CancellationToken cancellationToken)
    {
        var host = RunHost.Prepare(new HostedRunRequest(request.Station, request.Rig, request.Sequence, HarnessRegistries.For(request.Station), request.AssumeYes, request.TimeScale,
            request.TruthFile, request.ResultsPath, request.ReportDirectory, request.AllowRawPackets, request.Operator, request.AcceptInvalidReference, request.Formal, request.Waiver), wall, Console.Error);
        bool terminal = !Console.IsInputRedirected;
        if (host.NeedsOperator && !terminal && request.Monitor is null)
        {
            // Refused before the log, the archive, the emulator or the rig is touched.
            throw new OperatorRequiredException(host.Plan.Name, host.Plan.OperatorPrompts);
        }

        string logFile = Path.Combine(request.Station.LogDirectory, $"{request.Rig}-{request.Sequence}-{wall.GetUtcNow():yyyyMMddTHHmmssZ}.clef");
        bool interactive = OperatorConsole.IsTerminal && AnsiConsole.Profile.Capabilities.Interactive;
        LiveProgress? live = interactive ? new LiveProgress(AnsiConsole.Console, host.Clock.Time, host.Rig.Definition) : null;
        await using Serilog.Core.Logger log = Logging.HarnessLogging.ForRun(request.Station.Config.Logging.Level, request.Verbosity, logFile,
            live is null ? null : new Logging.ScreenSink((line, level) => live.Announce(line, level >= LogEventLevel.Error ? Color.Red : Color.Yellow)));
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));

        await using MonitorServer? monitor = request.Monitor is null ? null : await MonitorServer.StartAsync(new MonitorOptions
        {
            Endpoint = MonitorOptions.ParseEndpoint(request.Monitor),
            Rig = host.Rig.Definition,
            RequestAbort = () =>
            {
                host.RequestAbort($"monitor abort by {host.Operator} at the monitor page");
                return Task.CompletedTask;
            },
            Time = wall,
        }, log, cancellationToken).ConfigureAwait(false);
        if (monitor is not null)
        {
            Console.Out.WriteLine($"Monitor: {monitor.Url} abort token: {monitor.AbortToken}");
        }

        var links = new LinkReport();
        host.LinkOpened = (name, statistics) =>
        {
            links.Opened(name, statistics);
            monitor?.Broadcaster?.TrackLink(name, statistics);
        };
        IRunObserver progress = live is null ? new PlainProgress(Console.Out, wall, host.Rig.Definition.Dictionary) : live;
        List<IRunObserver> observers = monitor?.Observer is { } shown ? [progress, shown] : [progress];
        if (terminal)
        {
            var operatorAtTerminal = new TerminalConsole(live is null ? markup => AnsiConsole.MarkupLine(markup) : live.Say, wall);
            host.Attend(operatorAtTerminal);
            observers.Add(operatorAtTerminal);
        }

        if (monitor?.Console is { } page)
        {
            host.Attend(page);
        }

        string mode = host.Rig.Binding.Emulated ? $"emulated, {host.Clock.Describe()}" : "hardware";
        // The host handles signals until the record is sealed; from then until the table is printed and the exit
        // code returned they are refused here, so a signal in that second neither kills a sealed run nor its table.
        bool over = false;
        using var untilPrinted = new RunSignals(signal =>
        {
            if (Volatile.Read(ref over))
            {
                Console.Error.WriteLine($"usoc-hil: {signal} ignored: the run is over and sealed; its result is being printed");
            }
        });
        HostedRun run;
        try
        {
            run = await host.RunAsync(observers, log,
                starting: () =>
                {
                    Console.Out.WriteLine(TerminalText.Escape($"Running {host.Plan.Name} {host.Plan.Version} on {request.Rig} ({mode}) for {host.Operator}; log {logFile}"));
                    if (host.Scope.ValidationWarning is { } notValidated)
                    {
                        Console.Out.WriteLine(TerminalText.Escape("WARNING: " + notValidated));
                    }
                    if (terminal)
                    {
                        Console.Out.WriteLine(TerminalConsole.Keys);
                    }
                },
                whileRunning: live is null ? null : running => live.RunAsync(running, wall),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RecordingFailedException e)
        {
            Volatile.Write(ref over, true);
            ResultTable.Write(OperatorConsole.Create(), e.Result, host.Rig.Definition.Dictionary);
            Console.Error.WriteLine($"usoc-hil run: {e.Message}; the run was stopped and the rig made safe; {e.RowsLost} recorded row(s) are not in the archive; nothing was recorded as run");
            return ExitCodes.RigOrLinkFault;
        }

        Volatile.Write(ref over, true);
        ResultTable.Write(OperatorConsole.Create(), run.Result, host.Rig.Definition.Dictionary);
        foreach (string line in host.Scope.Lines)
        {
            Console.Out.WriteLine(TerminalText.Escape(line));
        }

        if (links.Summary() is { } linkSummary)
        {
            log.Information("Links: {Links}", linkSummary);
            Console.Out.WriteLine($"Links: {linkSummary}");
        }

        if ((host.Clock.Time as Time.VirtualTimeProvider)?.DescribeHolds() is { } holds)
        {
            log.Information("Rig clock: {Holds}", holds);
            Console.Out.WriteLine($"Rig clock: {holds}");
        }

        Console.Out.WriteLine($"Recorded as run {run.RunId} in {run.ResultsPath}" + (run.Report is null ? "" : $"; report {run.Report}"));
        if (Sealing.AnchorFile.Beside(run.ResultsPath) is var anchorFile && anchorFile.Of(run.RunId) is { } anchor)
        {
            Console.Out.WriteLine($"anchor: {anchor.Describe()} ({anchorFile.Path})");
        }
        return run.Result.Outcome switch
        {
            RunOutcome.Passed => ExitCodes.Passed,
            RunOutcome.Aborted => ExitCodes.Aborted,
            RunOutcome.LinkLost => ExitCodes.RigOrLinkFault,
            _ => ExitCodes.VerdictFailed,
        };
    }
}
