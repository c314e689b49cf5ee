using Serilog;
using UsocHil.Description;
using UsocHil.Emulation;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.FirmwareSim.Instruments.Scpi;
using UsocHil.FirmwareSim.Modelled;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.FirmwareSim.Plant;
using UsocHil.Rigs;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>
/// Any rig emulated from its rig.json and model.json, in one process: the payload on a pty and a TCP port, each
/// instrument of the rig on a pty and a TCP port (the power supply as the furnace's; measuring instruments from the
/// model), the discrete lines on a pigpiod-compatible server. <see cref="Binding"/> points a station at them.
/// </summary>
public sealed class EmulatedModelledRig : IEmulatedRig
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<string> _endpoints = [];
    private ITimer? _linkBack;

    private EmulatedModelledRig(ModelledPayloadEmulator payload) => Payload = payload;

    public ModelledPayloadEmulator Payload { get; }

    public ModelledBench Bench => Payload.Bench;

    public RigBinding Binding { get; private set; } = null!;

    public IRigLines? Lines => null;

    public IReadOnlyList<string> Endpoints => _endpoints;

    public static EmulatedModelledRig Start(EmulatorStart start, ModelledBenchOptions options)
    {
        var rig = new EmulatedModelledRig(new ModelledPayloadEmulator(start.Time, options, start.Log));
        try
        {
            rig.StartEndpoints(start);
        }
        catch
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        rig.Bench.Start();
        return rig;
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _linkBack, null)?.Dispose();
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        _owned.Clear();
        Payload.Dispose();
    }

    private void StartEndpoints(EmulatorStart start)
    {
        const string host = FurnaceRigEndpoints.Host;
        RigDefinition rig = Bench.Options.Rig;
        LinkDefinition? link = rig.Links.Count > 0 ? rig.Links[0] : null;
        string linkName = link?.Name ?? "payload";
        EndpointHost payload = Own(EndpointHost.Start(linkName, tcp: true, pty: true, Payload.ServeAsync, start.Log));
        Bench.DisconnectDue += () =>
        {
            payload.Disconnect();
            if (Bench.Faults.DisconnectFor is { } outage)
            {
                Interlocked.Exchange(ref _linkBack, start.Time.CreateTimer(_ => payload.Reconnect(), null, outage, Timeout.InfiniteTimeSpan))?.Dispose();
            }
        };
        string payloadTransport = link is { Transports: var t } && t.Count > 0 && !t.Contains(start.PayloadTransport) ? t[0] : start.PayloadTransport;
        _endpoints.Add($"{linkName} (PUS)    serial {payload.PtyPath}    tcp {host}:{payload.TcpPort}");
        var links = new Dictionary<string, EndpointBinding> { [linkName] = Endpoint(payload, payloadTransport) };

        var instruments = new Dictionary<string, EndpointBinding>();
        for (int i = 0; i < rig.Instruments.Count; i++)
        {
            InstrumentDefinition instrument = rig.Instruments[i];
            ScpiInstrument scpi;
            string transport = start.InstrumentTransport;
            if (instrument.Kind == "power-supply")
            {
                scpi = new PowerSupplyScpi(Bench.Supply, change => Bench.Run(_ => change()));
            }
            else
            {
                InstrumentModel model = Bench.Options.Model.Instruments.GetValueOrDefault(instrument.Name)
                    ?? throw new PlantDefinitionException($"instruments.{instrument.Name}", $"the rig's {instrument.Kind} '{instrument.Name}' is not bound to the model");
                scpi = new ModelledInstrumentScpi(Bench, instrument.Name, model, unchecked((Bench.Options.SerialNumber * 131) + i));
                transport = model.Transport ?? transport;
            }

            EndpointHost endpoint = Own(EndpointHost.Start(instrument.Name, tcp: true, pty: true, (l, _, ct) => ScpiServer.ServeAsync(scpi, l, start.Log, ct), start.Log));
            _endpoints.Add($"{instrument.Name} (SCPI)    serial {endpoint.PtyPath}    tcp {host}:{endpoint.TcpPort}");
            instruments[instrument.Name] = Endpoint(endpoint, transport);
        }

        int gpioPort = StartGpio(start);
        _endpoints.Add($"gpio (pigpiod)   tcp {host}:{gpioPort}    pins {string.Join(", ", rig.Gpio.Select(g => $"{g.Name}={g.DefaultPin}"))}");
        Binding = new RigBinding
        {
            Emulated = false,
            TimeScale = start.TimeScale,
            Seed = Bench.Options.SerialNumber,
            Links = links,
            Instruments = instruments,
            Gpio = new GpioBinding { Binding = "pigpio", Host = host, Port = gpioPort },
        };

        static EndpointBinding Endpoint(EndpointHost endpoint, string transport) => transport == "serial"
            ? new EndpointBinding { Serial = new SerialBinding { Device = endpoint.PtyPath! } }
            : new EndpointBinding { Tcp = new NetworkBinding { Host = host, Port = endpoint.TcpPort!.Value } };
    }

    /// <summary>The harness's writes to output lines reach the model; the model drives the input lines.</summary>
    private int StartGpio(EmulatorStart start)
    {
        var pins = new EmulatedPinBank();
        IReadOnlyList<GpioLineDefinition> lines = Bench.Options.Rig.Gpio;
        Dictionary<int, GpioLineDefinition> outputs = lines.Where(g => g.Direction == "output").ToDictionary(g => g.DefaultPin);
        Dictionary<string, GpioLineDefinition> inputs = lines.Where(g => g.Direction == "input").ToDictionary(g => g.Name, StringComparer.Ordinal);
        pins.HarnessChanged += (_, e) =>
        {
            if (outputs.TryGetValue(e.Pin, out GpioLineDefinition? line))
            {
                Bench.SetLine(line.Name, e.High != line.ActiveLow);
            }
        };
        foreach (GpioLineDefinition input in inputs.Values)
        {
            pins.ReserveInput(input.DefaultPin);
            if (!Bench.Options.Model.Lines.ContainsKey(input.Name))
            {
                throw new PlantDefinitionException($"lines.{input.Name}", "the rig's input line is not driven by the model");
            }
        }

        Bench.InputChanged += (name, asserted) => pins.Drive(inputs[name].DefaultPin, asserted != inputs[name].ActiveLow);
        Bench.Run(b =>
        {
            foreach (GpioLineDefinition input in inputs.Values)
            {
                pins.Drive(input.DefaultPin, (b.Plant[input.Name] != 0) != input.ActiveLow);
            }
        });
        PigpiodServer server = Own(new PigpiodServer(pins, start.Time, start.Log));
        return server.Port;
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
