using Microsoft.Extensions.Time.Testing;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Gpio;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Gpio;

/// <summary>
/// Debian's gpiozero with its pigpio pin factory (PiGPIOFactory) on the emulated rig's pigpiod: an LED on the rig's
/// output line, a pulled-up Button and an active-low DigitalInputDevice on its active-low fault input, edge callbacks
/// through pigpio notifications; the emulator and the harness' own GPIO see what gpiozero does, and the adapter
/// refuses to drive the input line.
/// </summary>
public sealed class GpioZeroClientTests
{
    private const string Script = """
        import sys, threading
        from gpiozero import LED, Button, DigitalInputDevice
        from gpiozero.pins.pigpio import PiGPIOFactory
        factory = PiGPIOFactory(host='127.0.0.1', port=int(sys.argv[1]))
        def step(*words):
            print(*words, flush=True)
            sys.stdin.readline()
        led = LED(17, pin_factory=factory)
        led.on()
        step('led', int(led.is_lit))
        led.off()
        step('led', int(led.is_lit))
        pressed, released = threading.Event(), threading.Event()
        button = Button(22, pull_up=True, pin_factory=factory)
        button.when_pressed = lambda: pressed.set()
        button.when_released = lambda: released.set()
        step('button', int(button.is_pressed))
        step('pressed', int(pressed.wait(5)), int(button.is_pressed))
        print('released', int(released.wait(5)), int(button.is_pressed), flush=True)
        button.close()
        fault = DigitalInputDevice(22, pull_up=None, active_state=False, pin_factory=factory)
        activated = threading.Event()
        fault.when_activated = lambda: activated.set()
        step('fault', int(fault.is_active))
        print('activated', int(activated.wait(5)), int(fault.is_active), flush=True)
        fault.close()
        try:
            LED(22, pin_factory=factory)
            print('drove the input')
        except Exception as e:
            print('refused', e, flush=True)
        factory.close()
        """;

    [Test]
    [CancelAfter(60_000)]
    public async Task GpioZero_LedButtonAndActiveLowInput_DriveAndReadTheRigsLines(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var options = new EmulatedFurnaceRigOptions { Bench = new FurnaceBenchOptions { SerialNumber = 7 } };
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, options, TestLog.Silent);
        using RigGpio harness = await RigGpio.OpenAsync(options.Bench.Rig, rig.Binding.Gpio!, time, TestLog.Silent, cancellationToken);
        Assert.That(rig.Endpoints.Pins, Is.EqualTo(new Dictionary<string, int> { ["POWER_EN"] = 17, ["HEATER_ARM"] = 27, ["FAULT_N"] = 22 }));
        using var gpiozero = PythonSession.Start(Script, rig.Endpoints.GpioPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("led 1"));
        Assert.That(rig.Bench.Run(b => b.PowerEnable), Is.True, "the emulated payload is powered by gpiozero's LED");
        Assert.That(await harness.ReadLineAsync("POWER_EN", cancellationToken), Is.True, "the harness reads the level gpiozero set");
        await gpiozero.ContinueAsync(cancellationToken);
        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("led 0"));
        Assert.That(rig.Bench.Run(b => b.PowerEnable), Is.False);
        Assert.That(await harness.ReadLineAsync("POWER_EN", cancellationToken), Is.False);
        await gpiozero.ContinueAsync(cancellationToken);

        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("button 0"), "FAULT_N high: no fault, button up");
        rig.Pins!.Drive(22, high: false);
        Assert.That(await harness.ReadLineAsync("FAULT_N", cancellationToken), Is.True, "the harness sees the fault asserted");
        await gpiozero.ContinueAsync(cancellationToken);
        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("pressed 1 1"), "when_pressed through a notification");
        rig.Pins.Drive(22, high: true);
        await gpiozero.ContinueAsync(cancellationToken);
        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("released 1 0"));

        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("fault 0"));
        rig.Pins.Drive(22, high: false);
        await gpiozero.ContinueAsync(cancellationToken);
        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("activated 1 1"), "active low: low is active");

        Assert.That(await gpiozero.ReadLineAsync(cancellationToken), Is.EqualTo("refused 'no permission to update GPIO'"));
        Assert.That(await gpiozero.WaitForExitAsync(cancellationToken), Is.Zero);
        Assert.That(rig.Pins.GetLevel(22), Is.False, "the input still reads what the payload drives");
    }
}
