using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Serilog;
using UsocHil.Gpio.Drivers;
using UsocHil.Description;

namespace UsocHil.Gpio;

/// <summary>Makes the GPIO driver a station binding names, through <see cref="GpioBindings"/>: sim (in-process), pigpio (remote pigpiod) or libgpiod (a chip here).</summary>
public static class GpioDriverFactory
{
    public static Task<(GpioDriver Driver, string Adapter)> CreateAsync(GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken, GpioBindings? bindings = null) =>
        (bindings ?? GpioBindings.CreateDefault()).CreateAsync(binding, timeProvider, log, cancellationToken);

    internal static Task<(GpioDriver Driver, string Adapter)> CreateSimAsync(GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken)
    {
        log.Information("GPIO through the in-process simulator");
        return Task.FromResult<(GpioDriver, string)>((new SimGpioDriver(), "sim"));
    }

    internal static async Task<(GpioDriver Driver, string Adapter)> CreatePigpioAsync(GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken)
    {
        PigpioGpioDriver pigpio = await PigpioGpioDriver.ConnectAsync(binding.Host ?? "127.0.0.1", binding.Port, timeProvider, log, cancellationToken).ConfigureAwait(false);
        return (pigpio, pigpio.Endpoint);
    }

    internal static Task<(GpioDriver Driver, string Adapter)> CreateLibGpiodAsync(GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken)
    {
        string chip = binding.Chip ?? "/dev/gpiochip0";
        if (!File.Exists(chip))
        {
            throw new GpioException(chip, "no such GPIO chip");
        }

        string file = Path.GetFileName(chip);
        if (!file.StartsWith("gpiochip", StringComparison.Ordinal) || !int.TryParse(file.AsSpan("gpiochip".Length), out int number))
        {
            throw new GpioException(chip, "expected a /dev/gpiochipN path");
        }

        try
        {
            log.Information("GPIO through libgpiod on {Chip}", chip);
            return Task.FromResult<(GpioDriver, string)>((new LibGpiodDriver(number), chip));
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException or DllNotFoundException or InvalidOperationException)
        {
            throw new GpioException(chip, "libgpiod cannot open the chip: " + e.Message, e);
        }
    }
}
