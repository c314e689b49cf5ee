using UsocHil.Description;
using UsocHil.Gpio;
using UsocHil.Gpio.Drivers;
using UsocHil.Registration;

namespace UsocHil.Tests.Gpio;

/// <summary>GPIO bindings are registered by name; the station's gpio.binding picks one, an extension's included.</summary>
public sealed class GpioBindingsTests
{
    [Test]
    public void A_binding_nobody_registered_is_refused_with_the_registered_ones() =>
        Assert.That(() => GpioDriverFactory.CreateAsync(new GpioBinding { Binding = "ftdi" }, TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None),
            Throws.TypeOf<GpioException>().With.Message.Contains("unknown GPIO binding 'ftdi' (libgpiod, pigpio, sim)"));

    [Test]
    public void A_built_in_binding_cannot_be_registered_again() =>
        Assert.That(() => GpioBindings.CreateDefault().Add("sim", (_, _, _, _) => throw new InvalidOperationException()), Throws.TypeOf<RegistrationException>());

    [Test]
    public async Task An_extension_binding_makes_the_driver_the_station_names()
    {
        GpioBindings bindings = GpioBindings.CreateDefault().Add("ftdi", (b, _, _, _) => Task.FromResult<(System.Device.Gpio.GpioDriver, string)>((new SimGpioDriver(), "ftdi " + b.Host)));

        (System.Device.Gpio.GpioDriver driver, string adapter) = await GpioDriverFactory.CreateAsync(
            new GpioBinding { Binding = "FTDI", Host = "usb-1" }, TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None, bindings);

        Assert.That(adapter, Is.EqualTo("ftdi usb-1"));
        driver.Dispose();
    }
}
