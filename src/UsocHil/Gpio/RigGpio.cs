using System.Device.Gpio;
using Serilog;
using UsocHil.Description;

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
    private readonly object _watching = new();
    private EventHandler<GpioLineChangedEventArgs>? _inputChanged;
    private bool _watched;
    private int _disposed;

    private RigGpio(GpioController controller, Dictionary<string, GpioLine> lines, string adapter, ILogger log)
    {
        _controller = controller;
        _lines = lines;
        _log = log;
        Adapter = adapter;
    }

    /// <summary>
    /// Raised when an input line changes (polled or evented, depending on the driver). Inputs are watched only from the
    /// first subscription on, so a rig nobody watches costs a polling driver nothing.
    /// </summary>
    public event EventHandler<GpioLineChangedEventArgs>? InputChanged
    {
        add
        {
            lock (_watching)
            {
                _inputChanged += value;
                if (!_watched)
                {
                    _watched = true;
                    foreach (GpioLine input in _lines.Values.Where(l => !l.IsOutput))
                    {
                        _controller.RegisterCallbackForPinValueChangedEvent(input.Pin, PinEventTypes.Rising | PinEventTypes.Falling, OnPinChanged);
                    }
                }
            }
        }

        remove
        {
            lock (_watching)
            {
                _inputChanged -= value;
            }
        }
    }

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

        return new RigGpio(controller, opened, adapter, log);
    }

    /// <summary>Opens the rig's lines on the driver the binding names (sim, pigpio, libgpiod).</summary>
    public static async Task<RigGpio> OpenAsync(RigDefinition rig, GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken, GpioBindings? bindings = null)
    {
        (GpioDriver driver, string adapter) = await GpioDriverFactory.CreateAsync(binding, timeProvider, log, cancellationToken, bindings).ConfigureAwait(false);
        return Open(rig.Gpio, driver, adapter, binding.Pins, log);
    }

    /// <remarks>
    /// Driver calls are synchronous (a pigpio exchange blocks up to its socket timeout), so they run on the thread pool
    /// and the caller's token can abandon the wait: safing must not hang on a dead adapter.
    /// </remarks>
    public async Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken)
    {
        GpioLine target = this[line];
        await Task.Run(() => target.Write(asserted), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        _log.Information("GPIO {Line} {Level}", line, asserted ? "asserted" : "released");
    }

    public async Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken)
    {
        GpioLine target = this[line];
        return await Task.Run(target.Read, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drives every output to its safe level; tries them all, then reports every line that failed.</summary>
    public async Task SetSafeAsync(CancellationToken cancellationToken)
    {
        List<Exception> failures = await Task.Run(() => SafeAll(cancellationToken), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw new GpioException(Adapter, "safing failed on " + string.Join(", ", failures.Select(f => f.Message)), new AggregateException(failures));
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _controller.Dispose();
        }
    }

    private List<Exception> SafeAll(CancellationToken cancellationToken)
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

        return failures;
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs args)
    {
        GpioLine? line = _lines.Values.FirstOrDefault(l => l.Pin == args.PinNumber);
        if (line is not null)
        {
            bool asserted = line.Logical(args.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low);
            _inputChanged?.Invoke(this, new GpioLineChangedEventArgs(line.Name, asserted));
        }
    }
}
