using UsocHil.Central;
using UsocHil.Emulation;
using UsocHil.Gpio;
using UsocHil.Links;
using UsocHil.Results;
using UsocHil.Rigs;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Sequencing.Steps.Checks;

namespace UsocHil.Extensions;

/// <summary>
/// Every extension point of the harness, in one place: what a rig, station or sequence file may name. Built-ins are
/// added by <see cref="CreateDefault"/>; an extension adds its own with the registries' <c>Add</c> methods, and a name
/// given twice is refused.
/// </summary>
public sealed class Registries
{
    private Registries(StepKinds steps) => Steps = steps;

    /// <summary>The payload protocols, by a payload link's <c>protocol</c> in rig.json (built in: pus).</summary>
    public PayloadProtocols Protocols { get; } = PayloadProtocols.CreateDefault();

    /// <summary>The link kinds a station binds links and instruments to (built in: serial, tcp, udp).</summary>
    public LinkKinds Links { get; } = LinkKinds.CreateDefault();

    /// <summary>The GPIO adapters, by a station's <c>gpio.binding</c> (built in: sim, pigpio, libgpiod).</summary>
    public GpioBindings Gpio { get; } = GpioBindings.CreateDefault();

    /// <summary>What opening a rig session uses: <see cref="Protocols"/>, <see cref="Links"/> and <see cref="Gpio"/>.</summary>
    public RigKinds Rig => new(Protocols, Links, Gpio);

    /// <summary>The emulators, by a rig's <c>emulator</c> (none built in: the front end adds the ones it ships).</summary>
    public Emulators Emulators { get; } = new();

    /// <summary>The step kinds of sequence files (built in: power, command, set, wait, ...).</summary>
    public StepKinds Steps { get; }

    /// <summary>The check kinds of verify steps (built in: agreement, consistency, dynamics, housekeeping-rate, value).</summary>
    public CheckKinds Checks => Steps.Checks;

    /// <summary>The results stores, by a station's <c>"resultsStore"</c> (built in: sqlite) or a location's URL (built in: postgres://, the central archive).</summary>
    public ResultsStores Stores { get; } = ResultsStores.CreateDefault().Add("postgres", CentralArchive.OpenAsync, CentralConnection.Names);

    /// <summary>Extra places a sealed run's results go (none built in).</summary>
    public ResultsSinks Sinks { get; } = new();

    /// <summary>Conditions every run must meet before its rig is touched and while it lasts (none built in).</summary>
    public RunGuards Guards { get; } = new();

    public static Registries CreateDefault() => new(StepKinds.CreateDefault());

    /// <summary>Lets an extension in this process (not loaded from a station file) register itself.</summary>
    public Registries Use(IHarnessExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        extension.Register(this);
        return this;
    }
}
