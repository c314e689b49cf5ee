using System.Device.Gpio;
using Serilog;
using UsocHil.Gpio;
using UsocHil.Gpio.Drivers;
using UsocHil.Description;

namespace UsocHil.Tests.Gpio;

public sealed class RigGpioTests
{
    private static ILogger Silent => Serilog.Core.Logger.None;

    private static readonly GpioLineDefinition[] Furnace =
    [
        new() { Name = "POWER_EN", Direction = "output", Initial = false, Safe = false, DefaultPin = 17 },
        new() { Name = "HEATER_ARM", Direction = "output", Initial = false, Safe = false, DefaultPin = 27 },
        new() { Name = "FAULT_N", Direction = "input", ActiveLow = true, DefaultPin = 22 },
        new() { Name = "INTERLOCK_N", Direction = "output", ActiveLow = true, Initial = true, Safe = false, DefaultPin = 5 },
    ];

    [Test]
    public void Open_Outputs_StartAtInitialLevelWithPolarityResolved()
    {
        var driver = new SimGpioDriver();
        using RigGpio gpio = RigGpio.Open(Furnace, driver, "sim", null, Silent);

        Assert.That(driver.GetLevel(17), Is.EqualTo(PinValue.Low));
        Assert.That(driver.GetLevel(5), Is.EqualTo(PinValue.Low), "INTERLOCK_N asserted is electrically low");
        Assert.That(gpio["INTERLOCK_N"].Read(), Is.True);
    }

    [Test]
    public async Task ReadLineAsync_ActiveLowInput_AssertedWhenPinLow()
    {
        var driver = new SimGpioDriver();
        using RigGpio gpio = RigGpio.Open(Furnace, driver, "sim", null, Silent);

        bool idle = await gpio.ReadLineAsync("FAULT_N", CancellationToken.None);
        driver.SetInputLevel(22, PinValue.Low);
        bool faulted = await gpio.ReadLineAsync("FAULT_N", CancellationToken.None);

        Assert.That(idle, Is.False, "an undriven active-low input idles high through its pull-up");
        Assert.That(faulted, Is.True);
    }

    [Test]
    public async Task SetSafeAsync_AfterOutputsAsserted_DrivesEveryOutputToSafeLevel()
    {
        var driver = new SimGpioDriver();
        using RigGpio gpio = RigGpio.Open(Furnace, driver, "sim", null, Silent);
        await gpio.SetLineAsync("POWER_EN", true, CancellationToken.None);
        await gpio.SetLineAsync("HEATER_ARM", true, CancellationToken.None);

        await gpio.SetSafeAsync(CancellationToken.None);

        Assert.That(driver.GetLevel(17), Is.EqualTo(PinValue.Low));
        Assert.That(driver.GetLevel(27), Is.EqualTo(PinValue.Low));
        Assert.That(driver.GetLevel(5), Is.EqualTo(PinValue.High), "INTERLOCK_N released is electrically high");
    }

    [Test]
    public async Task Open_StationRemapsPin_LineUsesIt()
    {
        var driver = new SimGpioDriver();
        using RigGpio gpio = RigGpio.Open(Furnace, driver, "sim", new Dictionary<string, int> { ["HEATER_ARM"] = 23 }, Silent);

        await gpio.SetLineAsync("HEATER_ARM", true, CancellationToken.None);

        Assert.That(gpio["HEATER_ARM"].Pin, Is.EqualTo(23));
        Assert.That(driver.GetLevel(23), Is.EqualTo(PinValue.High));
        Assert.That(driver.GetLevel(27), Is.EqualTo(PinValue.Low));
    }

    [Test]
    public void Open_TwoLinesOnOnePin_ThrowsGpioException()
    {
        Assert.That(
            () => RigGpio.Open(Furnace, new SimGpioDriver(), "sim", new Dictionary<string, int> { ["HEATER_ARM"] = 17 }, Silent),
            Throws.InstanceOf<GpioException>().With.Message.Contains("pin 17"));
    }

    [Test]
    public void SetLineAsync_Input_ThrowsGpioException()
    {
        using RigGpio gpio = RigGpio.Open(Furnace, new SimGpioDriver(), "sim", null, Silent);
        Assert.That(async () => await gpio.SetLineAsync("FAULT_N", true, CancellationToken.None), Throws.InstanceOf<GpioException>());
    }

    [Test]
    public void Indexer_UnknownLine_ThrowsGpioException()
    {
        using RigGpio gpio = RigGpio.Open(Furnace, new SimGpioDriver(), "sim", null, Silent);
        Assert.That(() => gpio["NOPE"], Throws.InstanceOf<GpioException>().With.Message.Contains("NOPE"));
    }

    [Test]
    public void InputChanged_PayloadDrivesFault_RaisedWithLogicalLevel()
    {
        var driver = new SimGpioDriver();
        using RigGpio gpio = RigGpio.Open(Furnace, driver, "sim", null, Silent);
        var seen = new List<(string, bool)>();
        gpio.InputChanged += (_, e) => seen.Add((e.Line, e.Asserted));

        driver.SetInputLevel(22, PinValue.Low);
        driver.SetInputLevel(22, PinValue.High);

        Assert.That(seen, Is.EqualTo(new[] { ("FAULT_N", true), ("FAULT_N", false) }));
    }

    [Test]
    public void OpenAsync_UnknownBinding_ThrowsGpioException()
    {
        var rig = new RigDefinition { Name = "r", Apid = 1, Dictionary = new UsocHil.Description.RigDictionary(), Gpio = Furnace };
        Assert.That(
            async () => await RigGpio.OpenAsync(rig, new GpioBinding { Binding = "wiringpi" }, TimeProvider.System, Silent, CancellationToken.None),
            Throws.InstanceOf<GpioException>().With.Message.Contains("wiringpi"));
    }

    [Test]
    public void OpenAsync_LibgpiodChipMissing_ThrowsGpioExceptionNamingChip()
    {
        var rig = new RigDefinition { Name = "r", Apid = 1, Dictionary = new UsocHil.Description.RigDictionary(), Gpio = Furnace };
        Assert.That(
            async () => await RigGpio.OpenAsync(rig, new GpioBinding { Binding = "libgpiod", Chip = "/dev/gpiochip97" }, TimeProvider.System, Silent, CancellationToken.None),
            Throws.InstanceOf<GpioException>().With.Property(nameof(GpioException.Endpoint)).EqualTo("/dev/gpiochip97"));
    }

    [Test]
    public void SetSafeAsync_OneLineFails_OthersStillSafedAndFailureReported()
    {
        var driver = new SimGpioDriver();
        using RigGpio gpio = RigGpio.Open(Furnace, driver, "sim", null, Silent);
        gpio.SetLineAsync("POWER_EN", true, CancellationToken.None).GetAwaiter().GetResult();
        gpio.SetLineAsync("HEATER_ARM", true, CancellationToken.None).GetAwaiter().GetResult();
        driver.Break(17);

        Assert.That(async () => await gpio.SetSafeAsync(CancellationToken.None), Throws.InstanceOf<GpioException>().With.Message.Contains("POWER_EN"));
        Assert.That(driver.GetLevel(27), Is.EqualTo(PinValue.Low), "HEATER_ARM safed although POWER_EN failed");
    }
}
