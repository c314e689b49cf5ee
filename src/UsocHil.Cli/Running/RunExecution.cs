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
internal sealed record RunRequest(LoadedStation Station, string Rig, string Sequence, bool AssumeYes, double? TimeScale, string? TruthFile, int Verbosity, string? Monitor = null, string? ResultsPath = null, string? ReportDirectory = null, bool AllowRawPackets = false);

/// <summary>
/// The front end of one <c>usoc-hil run</c> over the library's <see cref="RunHost"/>: the log file, the progress
/// display (live on a terminal, plain lines otherwise), the monitor, the result table and the exit code.
/// </summary>
internal static class RunExecution
{
    public static async Task<int> ExecuteAsync(RunRequest request, TimeProvider wall, CancellationToken cancellationToken)
    {
        var host = RunHost.Prepare(new HostedRunRequest(request.Station, request.Rig, request.Sequence, HarnessRegistries.For(request.Station), request.AssumeYes, request.TimeScale,
            request.TruthFile, request.ResultsPath, request.ReportDirectory, request.AllowRawPackets), wall, Console.Error);
        string logFile = Path.Combine(request.Station.LogDirectory, $"{request.Rig}-{request.Sequence}-{wall.GetUtcNow():yyyyMMddTHHmmssZ}.clef");
        await using Serilog.Core.Logger log = Logging.HarnessLogging.Create(request.Station.Config.Logging.Level, request.Verbosity, logFile);
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));

        bool interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        LiveProgress? live = interactive ? new LiveProgress(AnsiConsole.Console, host.Clock.Time, host.Rig.Definition.Display.Parameters) : null;
        await using MonitorServer? monitor = request.Monitor is null ? null : await MonitorServer.StartAsync(new MonitorOptions
        {
            Endpoint = MonitorOptions.ParseEndpoint(request.Monitor),
            Rig = host.Rig.Definition,
            RequestAbort = () =>
            {
                host.RequestAbort("monitor abort");
                return Task.CompletedTask;
            },
            Time = wall,
        }, log, cancellationToken).ConfigureAwait(false);
        if (monitor is not null)
        {
            Console.Out.WriteLine($"Monitor: {monitor.Url} abort token: {monitor.AbortToken}");
        }

        host.LinkOpened = (name, statistics) => monitor?.Broadcaster?.TrackLink(name, statistics);
        IRunObserver progress = live is null ? new PlainProgress(Console.Out, wall) : live;
        IRunObserver[] observers = monitor?.Observer is { } shown ? [progress, shown] : [progress];
        string mode = host.Rig.Binding.Emulated ? $"emulated, {host.Clock.Scale:G4}x rig time" : "hardware";
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
                starting: () => Console.Out.WriteLine(TerminalText.Escape($"Running {host.Plan.Name} {host.Plan.Version} on {request.Rig} ({mode}); log {logFile}")),
                whileRunning: live is null ? null : running => live.RunAsync(running, wall),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RecordingFailedException e)
        {
            Volatile.Write(ref over, true);
            ResultTable.Write(AnsiConsole.Console, e.Result);
            Console.Error.WriteLine($"usoc-hil run: {e.Message}; the run was stopped and the rig made safe; {e.RowsLost} recorded row(s) are not in the archive; nothing was recorded as run");
            return ExitCodes.RigOrLinkFault;
        }

        Volatile.Write(ref over, true);
        ResultTable.Write(AnsiConsole.Console, run.Result);
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
