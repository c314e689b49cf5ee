using Serilog;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Furnace.Pus;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.Description;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>
/// The whole furnace rig emulated in one process, on a given <see cref="TimeProvider"/>: the furnace on a pty and a
/// TCP port, the supply and the multimeter on ptys and TCP ports, the discrete lines on a pigpiod-compatible server.
/// <see cref="Binding"/> points a station at those endpoints, so the harness opens them exactly like real hardware.
/// </summary>
public sealed partial class EmulatedFurnaceRig : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private ITimer? _linkBack;
    private EndpointHost? _payload;
    private TimeProvider? _time;

    private EmulatedFurnaceRig(FurnaceEmulator furnace, EmulatedFurnaceRigOptions options)
    {
        Furnace = furnace;
        Options = options;
        Supply = new PowerSupplyScpi(furnace.Bench);
        Multimeter = new MultimeterScpi(furnace.Bench, options.MultimeterSerialNumber, unchecked((options.Bench.SerialNumber * 131) + 3));
    }

    public EmulatedFurnaceRigOptions Options { get; }

    public FurnaceEmulator Furnace { get; }

    public FurnaceBench Bench => Furnace.Bench;

    public PowerSupplyScpi Supply { get; }

    public MultimeterScpi Multimeter { get; }

    public FurnaceRigEndpoints Endpoints { get; private set; } = null!;

    /// <summary>A station binding that points at this emulator's endpoints (not "emulated": it is opened as hardware).</summary>
    public RigBinding Binding { get; private set; } = null!;

    public static EmulatedFurnaceRig Start(TimeProvider time, EmulatedFurnaceRigOptions options, ILogger log)
    {
        var furnace = new FurnaceEmulator(time, options.Bench, log);
        var rig = new EmulatedFurnaceRig(furnace, options);
        try
        {
            rig.StartEndpoints(time, log);
        }
        catch
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        furnace.Bench.Start();
        return rig;
    }

    /// <summary>
    /// Pulls the payload cable now, as the <c>disconnect-at</c> fault does: open TCP sessions close, new ones are
    /// dropped, the tty goes silent; for <paramref name="outage"/> of rig time when given, else for good.
    /// </summary>
    public void DisconnectPayload(TimeSpan? outage)
    {
        EndpointHost payload = _payload ?? throw new InvalidOperationException("the rig's endpoints are not started");
        payload.Disconnect();
        if (outage is { } length)
        {
            Interlocked.Exchange(ref _linkBack, _time!.CreateTimer(_ => payload.Reconnect(), null, length, Timeout.InfiniteTimeSpan))?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _linkBack, null)?.Dispose();
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        _owned.Clear();
        Furnace.Dispose();
    }

    private void StartEndpoints(TimeProvider time, ILogger log)
    {
        EndpointHost payload = Own(EndpointHost.Start("payload", tcp: true, pty: true, Furnace.ServeAsync, log, Options.PayloadTcpPort));
        _payload = payload;
        _time = time;
        Bench.DisconnectDue += () => DisconnectPayload(Bench.Faults.DisconnectFor);
        EndpointHost supply = Own(EndpointHost.Start(
            "supply", tcp: true, pty: true, (link, _, ct) => ScpiServer.ServeAsync(Supply, link, log, ct), log, Options.SupplyTcpPort));
        EndpointHost dmm = Own(EndpointHost.Start(
            "dmm", tcp: true, pty: true, (link, _, ct) => ScpiServer.ServeAsync(Multimeter, link, log, ct), log, Options.MultimeterTcpPort));
        int? gpioPort = Options.Gpio ? StartGpio(time, log) : null;

        Endpoints = new FurnaceRigEndpoints
        {
            PayloadPty = payload.PtyPath!,
            PayloadTcpPort = payload.TcpPort!.Value,
            SupplyPty = supply.PtyPath!,
            SupplyTcpPort = supply.TcpPort!.Value,
            MultimeterPty = dmm.PtyPath!,
            MultimeterTcpPort = dmm.TcpPort!.Value,
            GpioPort = gpioPort,
            Pins = Options.Bench.Rig.Gpio.ToDictionary(g => g.Name, g => g.DefaultPin),
        };
        Binding = CreateBinding();
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private RigBinding CreateBinding()
    {
        FurnaceRigEndpoints e = Endpoints;
        string payloadLink = Options.Bench.Rig.Links.Count > 0 ? Options.Bench.Rig.Links[0].Name : "payload";
        string supplyName = Options.Bench.Rig.Instruments.FirstOrDefault(i => i.Kind == "power-supply")?.Name ?? "supply";
        string dmmName = Options.Bench.Rig.Instruments.FirstOrDefault(i => i.Kind == "multimeter")?.Name ?? "dmm";
        return new RigBinding
        {
            Emulated = false,
            TimeScale = Options.TimeScale,
            Seed = Options.Bench.SerialNumber,
            Links = new Dictionary<string, EndpointBinding>
            {
                [payloadLink] = Options.PayloadTransport == "tcp" ? Tcp(e.PayloadTcpPort) : Serial(e.PayloadPty),
            },
            Instruments = new Dictionary<string, EndpointBinding>
            {
                [supplyName] = Options.InstrumentTransport == "serial" ? Serial(e.SupplyPty) : Tcp(e.SupplyTcpPort),
                [dmmName] = Options.InstrumentTransport == "serial" ? Serial(e.MultimeterPty) : Tcp(e.MultimeterTcpPort),
            },
            Gpio = e.GpioPort is int port ? new GpioBinding { Binding = "pigpio", Host = FurnaceRigEndpoints.Host, Port = port } : null,
        };

        static EndpointBinding Tcp(int port) => new() { Tcp = new NetworkBinding { Host = FurnaceRigEndpoints.Host, Port = port } };

        static EndpointBinding Serial(string device) => new() { Serial = new SerialBinding { Device = device } };
    }
}
