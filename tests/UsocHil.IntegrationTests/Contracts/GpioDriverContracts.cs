using System.Device.Gpio;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Gpio.Drivers;

namespace UsocHil.IntegrationTests.Contracts;

public sealed class SimGpioDriverContract : GpioDriverContract
{
    protected override Task<(GpioDriver Driver, IPinWorld World)> CreateAsync(CancellationToken cancellationToken)
    {
        var driver = new SimGpioDriver();
        return Task.FromResult<(GpioDriver, IPinWorld)>((driver, new SimWorld(driver)));
    }

    private sealed class SimWorld(SimGpioDriver driver) : IPinWorld
    {
        public bool GetLevel(int pin) => driver.GetLevel(pin) == PinValue.High;

        public void Drive(int pin, bool high) => driver.SetInputLevel(pin, high ? PinValue.High : PinValue.Low);
    }
}

public sealed class PigpioGpioDriverContract : GpioDriverContract
{
    private PigpiodServer? _server;

    [TearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async Task<(GpioDriver Driver, IPinWorld World)> CreateAsync(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        _server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        PigpioGpioDriver driver = await PigpioGpioDriver.ConnectAsync("127.0.0.1", _server.Port, TimeProvider.System, TestLog.Silent, cancellationToken, TimeSpan.FromMilliseconds(2));
        return (driver, new BankWorld(pins));
    }

    private sealed class BankWorld(EmulatedPinBank pins) : IPinWorld
    {
        public bool GetLevel(int pin) => pins.GetLevel(pin);

        public void Drive(int pin, bool high) => pins.Drive(pin, high);
    }
}
