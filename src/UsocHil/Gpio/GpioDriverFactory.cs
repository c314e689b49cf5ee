using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Serilog;
using UsocHil.Gpio.Drivers;
using UsocHil.Description;

namespace UsocHil.Gpio;

/// <summary>Makes the GPIO driver a station binding names: sim (in-process), pigpio (remote pigpiod) or libgpiod (a chip here).</summary>
public static class GpioDriverFactory
{
    public static async Task<(GpioDriver Driver, string Adapter)> CreateAsync(GpioBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken)
    {
        switch (binding.Binding.ToLowerInvariant())
        {
            case "sim":
                log.Information("GPIO through the in-process simulator");
                return (new SimGpioDriver(), "sim");
            case "pigpio":
                PigpioGpioDriver pigpio = await PigpioGpioDriver.ConnectAsync(binding.Host ?? "127.0.0.1", binding.Port, timeProvider, log, cancellationToken).ConfigureAwait(false);
                return (pigpio, pigpio.Endpoint);
            case "libgpiod":
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
                    return (new LibGpiodDriver(number), chip);
                }
                catch (Exception e) when (e is PlatformNotSupportedException or IOException or DllNotFoundException or InvalidOperationException)
                {
                    throw new GpioException(chip, "libgpiod cannot open the chip: " + e.Message, e);
                }

            default:
                throw new GpioException(binding.Binding, $"unknown GPIO binding '{binding.Binding}' (libgpiod, pigpio or sim)");
        }
    }
}
