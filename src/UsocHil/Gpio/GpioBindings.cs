using System.Device.Gpio;
using Serilog;
using UsocHil.Description;
using UsocHil.Registration;

namespace UsocHil.Gpio;

/// <summary>
/// The GPIO adapters a station may bind a rig's lines to, by the station's <c>gpio.binding</c>: <c>sim</c>,
/// <c>pigpio</c> and <c>libgpiod</c> are built in. An entry makes the driver and says which adapter it is on.
/// </summary>
public sealed class GpioBindings
{
    private readonly Registry<Func<GpioBinding, TimeProvider, ILogger, CancellationToken, Task<(GpioDriver Driver, string Adapter)>>> _registry = new("GPIO binding");

    public IReadOnlyList<string> Names => _registry.Names;

    public static GpioBindings CreateDefault() => new GpioBindings()
        .Add("sim", GpioDriverFactory.CreateSimAsync)
        .Add("pigpio", GpioDriverFactory.CreatePigpioAsync)
        .Add("libgpiod", GpioDriverFactory.CreateLibGpiodAsync);

    public GpioBindings Add(string binding, Func<GpioBinding, TimeProvider, ILogger, CancellationToken, Task<(GpioDriver Driver, string Adapter)>> create)
    {
        _registry.Add(binding, create);
        return this;
    }

    public bool Contains(string binding) => _registry.Contains(binding);

    /// <exception cref="GpioException">Nothing is registered under the binding's name.</exception>
    public Task<(GpioDriver Driver, string Adapter)> CreateAsync(GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken) =>
        _registry.TryGet(binding.Binding, out var create)
            ? create(binding, timeProvider, log, cancellationToken)
            : throw new GpioException(binding.Binding, $"unknown GPIO binding '{binding.Binding}' ({string.Join(", ", Names)})");
}
