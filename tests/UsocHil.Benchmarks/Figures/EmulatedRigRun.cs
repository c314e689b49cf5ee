using Serilog;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// One emulated furnace run wired as <c>usoc-hil run</c> wires it: the emulator in this process (payload and
/// instruments on ptys, lines over the pigpiod socket), a session from RigSessionFactory, a SequenceRun.
/// </summary>
internal sealed class EmulatedRigRun(RigDefinition rig, SequencePlan plan, TimeProvider time, double scale, int serialNumber, TimeSpan tickPeriod, ILogger log) : IAsyncDisposable
{
    private EmulatedFurnaceRig? _emulator;

    /// <summary>Called with every link the session opens (payload and instruments), for its statistics.</summary>
    public Action<string, LinkStatistics>? LinkOpened { get; init; }

    /// <summary>As InProcessEmulator gives the bench for <c>usoc-hil run</c>: a few wall milliseconds whatever the scale.</summary>
    public static TimeSpan CliTickPeriod(double scale) => TimeSpan.FromMilliseconds(Math.Max(100, 4 * scale));

    public Task<RunResult> RunAsync(IEnumerable<IRunObserver> observers, CancellationToken cancellationToken)
    {
        var run = new SequenceRun(plan, rig, ConnectAsync, new RunOptions { AssumeYes = true, StepTimeoutFloor = RunOptions.StepTimeoutFloorFor(scale) },
            new RunObservers(observers, log), time, new RigSafing(TimeProvider.System, log), log);
        return run.RunAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IRigSession> ConnectAsync(CancellationToken cancellationToken)
    {
        _emulator = EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions
        {
            TimeScale = scale,
            InstrumentTransport = "serial",
            Bench = new FurnaceBenchOptions { Rig = rig, SerialNumber = serialNumber, TickPeriod = tickPeriod },
        }, log);
        return await RigSessionFactory.OpenAsync(rig, _emulator.Binding, time, scale, log, cancellationToken, onLinkOpened: LinkOpened).ConfigureAwait(false);
    }
}
