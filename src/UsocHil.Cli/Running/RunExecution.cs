using System.Runtime.InteropServices;
using Serilog;
using Spectre.Console;
using UsocHil.Configuration;
using UsocHil.Monitor;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Time;
using UsocHil.Description;
using UsocHil.Emulation;
using UsocHil.Extensions;

namespace UsocHil.Cli.Running;

/// <summary>What <c>usoc-hil run</c> was asked to do.</summary>
/// <param name="Monitor">--monitor's ADDR:PORT ("" for the default), null without --monitor.</param>
/// <param name="ResultsPath">The results archive (--results, else the station's).</param>
/// <param name="ReportDirectory">--report: where to write the run's HTML report.</param>
/// <param name="AllowRawPackets">--raw: the sequence's raw steps may send packets outside the dictionary.</param>
internal sealed record RunRequest(LoadedStation Station, string Rig, string Sequence, bool AssumeYes, double? TimeScale, string? TruthFile, int Verbosity, string? Monitor = null, string? ResultsPath = null, string? ReportDirectory = null, bool AllowRawPackets = false);

/// <summary>
/// One <c>usoc-hil run</c>: validates the sequence before anything opens, chooses the clock (wall, or rig time scaled
/// for an emulated rig), starts the emulator in-process when the binding says so and opens its endpoints through the
/// same OS interfaces as hardware, runs the sequence with progress, turns SIGINT/SIGTERM into an operator abort (a
/// second one during safing is refused), prints the result table and maps the outcome to an exit code.
/// </summary>
internal static class RunExecution
{
    /// <summary>The event a run records when it was started with --raw (results show and the report list it).</summary>
    public const string RawPacketsEnabled = "raw packet sending enabled (--raw): raw steps may send bytes outside the dictionary, unverified";

    public static async Task<int> ExecuteAsync(RunRequest request, TimeProvider wall, CancellationToken cancellationToken)
    {
        LoadedRig rig = request.Station.Rig(request.Rig);
        Registries registries = HarnessRegistries.For(request.Station);
        string sequenceFile = rig.SequenceFile(request.Sequence);
        SequencePlan plan = SequenceLoader.Load(sequenceFile, rig.Definition, displayName: null, request.AllowRawPackets, registries.Steps);
        RigBinding binding = rig.Binding;
        double scale = binding.Emulated ? request.TimeScale ?? binding.TimeScale : 1;
        TimeProvider time = binding.Emulated ? new VirtualTimeProvider(wall, scale) : wall;
        string logFile = Path.Combine(request.Station.LogDirectory, $"{request.Rig}-{request.Sequence}-{wall.GetUtcNow():yyyyMMddTHHmmssZ}.clef");
        await using Serilog.Core.Logger log = Logging.HarnessLogging.Create(request.Station.Config.Logging.Level, request.Verbosity, logFile);
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));

        IEmulatedRig? emulator = null;
        bool interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var plain = new PlainProgress(Console.Out, wall);
        LiveProgress? live = interactive ? new LiveProgress(AnsiConsole.Console, time, ["CONTROL_TEMP", "SETPOINT", "HEATER_POWER", "MODE"]) : null;
        SequenceRun? run = null;
        await using MonitorServer? monitor = request.Monitor is null ? null : await MonitorServer.StartAsync(new MonitorOptions
        {
            Endpoint = MonitorOptions.ParseEndpoint(request.Monitor),
            Rig = rig.Definition,
            RequestAbort = () =>
            {
                Abort("monitor abort");
                return Task.CompletedTask;
            },
            Time = wall,
        }, log, cancellationToken).ConfigureAwait(false);
        if (monitor is not null)
        {
            Console.Out.WriteLine($"Monitor: {monitor.Url} abort token: {monitor.AbortToken}");
        }

        IRunObserver progress = live is null ? plain : live;
        await using RunArchiving archiving = await RunArchiving.BeginAsync(
            request.ResultsPath ?? request.Station.ResultsPath, request.Station, rig, sequenceFile, wall, time, log, registries.Stores, cancellationToken).ConfigureAwait(false);
        IRunObserver[] observers = monitor?.Observer is { } shown ? [progress, archiving.Observer, shown] : [progress, archiving.Observer];
        var observer = new RunObservers(observers, log);
        if (request.AllowRawPackets)
        {
            log.Warning("Raw packet sending is enabled (--raw): raw steps send bytes outside the dictionary, unverified");
            observer.OnEvent(new RunEvent("harness", "warning", RawPacketsEnabled, time.GetUtcNow()));
        }

        async Task<IRigSession> ConnectAsync(CancellationToken ct)
        {
            RigBinding opened = binding;
            if (binding.Emulated)
            {
                emulator = registries.Emulators.StartFor(request.Station, rig, time, scale, request.TruthFile, log);
                opened = emulator.Binding;
            }

            return await RigSessionFactory.OpenAsync(rig.Definition, opened, time, scale, log, ct, linesOverride: emulator?.Lines,
                onLinkOpened: (name, statistics) => monitor?.Broadcaster?.TrackLink(name, statistics), kinds: registries.Rig).ConfigureAwait(false);
        }

        var options = new RunOptions { AssumeYes = request.AssumeYes, StepTimeoutFloor = RunOptions.StepTimeoutFloorFor(scale), AllowRawPackets = request.AllowRawPackets };
        run = new SequenceRun(plan, rig.Definition, ConnectAsync, options, observer, time, new RigSafing(wall, log), log);
        void Abort(string signal)
        {
            if (run is null || !run.RequestAbort(signal))
            {
                Console.Error.WriteLine($"usoc-hil: {signal} ignored: safing is in progress and must finish (at most {rig.Definition.Safing.BudgetSeconds:G3} s)");
            }
            else
            {
                Console.Error.WriteLine($"usoc-hil: {signal}: aborting, the rig is being made safe");
            }
        }

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Abort("SIGINT");
        };
        Console.CancelKeyPress += onCancel;
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Abort("SIGTERM");
        });
        using CancellationTokenRegistration onToken = cancellationToken.Register(() => Abort("cancellation"));
        Console.Out.WriteLine($"Running {plan.Name} {plan.Version} on {request.Rig} ({(binding.Emulated ? $"emulated, {scale:G4}x rig time" : "hardware")}); log {logFile}");
        RunResult result;
        try
        {
            Task<RunResult> running = run.RunAsync(CancellationToken.None);
            if (live is not null)
            {
                await live.RunAsync(running, wall).ConfigureAwait(false);
            }

            result = await running.ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }

        ResultTable.Write(AnsiConsole.Console, result);
        string? report = await archiving.FinishAsync(rig, request.ReportDirectory, result, registries.Sinks, CancellationToken.None).ConfigureAwait(false);
        Console.Out.WriteLine($"Recorded as run {archiving.RunId} in {request.ResultsPath ?? request.Station.ResultsPath}" + (report is null ? "" : $"; report {report}"));
        return result.Outcome switch
        {
            RunOutcome.Passed => ExitCodes.Passed,
            RunOutcome.Aborted => ExitCodes.Aborted,
            RunOutcome.LinkLost => ExitCodes.RigOrLinkFault,
            _ => ExitCodes.VerdictFailed,
        };
    }
}
