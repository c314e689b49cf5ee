using System.Device.Gpio;
using Serilog;
using UsocHil.Rigs;

namespace UsocHil.Gpio;

/// <summary>
/// The discrete lines of one rig, by name, opened through <see cref="GpioController"/> over the driver the station
/// binding chose. Outputs start at their initial levels; <see cref="SetSafeAsync"/> drives each to its safe level.
/// Owns the controller and its driver.
/// </summary>
public sealed class RigGpio : IDisposable
{
    private readonly GpioController _controller;
    private readonly Dictionary<string, GpioLine> _lines;
    private readonly ILogger _log;
    private int _disposed;

    private RigGpio(GpioController controller, Dictionary<string, GpioLine> lines, string adapter, ILogger log)
    {
        _controller = controller;
        _lines = lines;
        _log = log;
        Adapter = adapter;
    }

    /// <summary>Raised when an input line changes (polled or evented, depending on the driver).</summary>
    public event EventHandler<GpioLineChangedEventArgs>? InputChanged;

    /// <summary>The GPIO adapter: a chip path, a pigpiod address or "sim".</summary>
    public string Adapter { get; }

    public IReadOnlyCollection<GpioLine> Lines => _lines.Values;

    public GpioLine this[string name] =>
        _lines.TryGetValue(name, out GpioLine? line) ? line : throw new GpioException(Adapter, $"the rig has no GPIO line '{name}'");

    /// <summary>Opens every line on <paramref name="driver"/>, which this object then owns (also when opening fails).</summary>
    /// <param name="pins">The station's remapping of line names to pins; other lines keep their rig default pin.</param>
    public static RigGpio Open(IReadOnlyList<GpioLineDefinition> lines, GpioDriver driver, string adapter, IReadOnlyDictionary<string, int>? pins, ILogger log)
    {
        var controller = new GpioController(driver);
        var opened = new Dictionary<string, GpioLine>(StringComparer.Ordinal);
        try
        {
            foreach (GpioLineDefinition definition in lines)
            {
                int pin = pins is not null && pins.TryGetValue(definition.Name, out int mapped) ? mapped : definition.DefaultPin;
                if (opened.Values.FirstOrDefault(l => l.Pin == pin) is { } clash)
                {
                    throw new GpioException(adapter, $"lines {clash.Name} and {definition.Name} are both on pin {pin}");
                }

                var line = new GpioLine(definition, pin, controller, adapter);
                line.Open();
                opened.Add(definition.Name, line);
                log.Debug("GPIO line {Line} on pin {Pin} of {Adapter} opened as {Direction}", definition.Name, pin, adapter, definition.Direction);
            }
        }
        catch
        {
            controller.Dispose();
            throw;
        }

        var gpio = new RigGpio(controller, opened, adapter, log);
        foreach (GpioLine input in opened.Values.Where(l => !l.IsOutput))
        {
            controller.RegisterCallbackForPinValueChangedEvent(input.Pin, PinEventTypes.Rising | PinEventTypes.Falling, gpio.OnPinChanged);
        }

        return gpio;
    }

    /// <summary>Opens the rig's lines on the driver the binding names (sim, pigpio, libgpiod).</summary>
    public static async Task<RigGpio> OpenAsync(RigDefinition rig, GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken)
    {
        (GpioDriver driver, string adapter) = await GpioDriverFactory.CreateAsync(binding, timeProvider, log, cancellationToken).ConfigureAwait(false);
        return Open(rig.Gpio, driver, adapter, binding.Pins, log);
    }

    public Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        this[line].Write(asserted);
        _log.Information("GPIO {Line} {Level}", line, asserted ? "asserted" : "released");
        return Task.CompletedTask;
    }

    public Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(this[line].Read());
    }

    /// <summary>Drives every output to its safe level; tries them all, then reports every line that failed.</summary>
    public Task SetSafeAsync(CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        foreach (GpioLine line in _lines.Values.Where(l => l.IsOutput))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                line.Write(line.Definition.Safe);
                _log.Information("GPIO {Line} safe ({Level})", line.Name, line.Definition.Safe ? "asserted" : "released");
            }
            catch (Exception e) when (e is GpioException or UsocHil.Links.LinkException)
            {
                _log.Error("GPIO {Line} could not be safed: {Error}", line.Name, e.Message);
                failures.Add(e);
            }
        }

        return failures.Count == 0
            ? Task.CompletedTask
            : Task.FromException(new GpioException(Adapter, "safing failed on " + string.Join(", ", failures.Select(f => f.Message)), new AggregateException(failures)));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _controller.Dispose();
        }
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs args)
    {
        GpioLine? line = _lines.Values.FirstOrDefault(l => l.Pin == args.PinNumber);
        if (line is not null)
        {
            bool asserted = line.Logical(args.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low);
            InputChanged?.Invoke(this, new GpioLineChangedEventArgs(line.Name, asserted));
        }
    }
}
