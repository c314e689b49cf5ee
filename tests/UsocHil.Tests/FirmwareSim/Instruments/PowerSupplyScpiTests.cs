using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.Tests.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Instruments;

public sealed class PowerSupplyScpiTests
{
    [Test]
    public void Execute_Identify_ManufacturerModelSerialFirmware()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { SupplySerialNumber = "PSU0007" });

        Assert.That(new PowerSupplyScpi(driver.Bench).Execute("*IDN?"), Is.EqualTo("USOCHIL,PSU-28V,PSU0007,1.0"));
    }

    [Test]
    public void Execute_SetupAndMeasure_OutputPowersTheFurnaceAndCurrentFollowsTheHeater()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        Assert.That(supply.Execute("VOLT 28.0;CURR 25.0;OUTP ON"), Is.Null);
        Assert.That(supply.Execute("VOLT?;CURR?;OUTP?"), Is.EqualTo("28.0000;25.0000;1"));
        driver.Bench.PowerEnable = true;
        driver.Bench.HeaterArm = true;
        driver.Advance(TimeSpan.FromSeconds(4));
        driver.Set("OPEN_LOOP_POWER", 280);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));
        driver.Advance(TimeSpan.FromSeconds(1));

        Assert.That(supply.Execute("MEAS:VOLT?"), Is.EqualTo("28.0000"));
        Assert.That(double.Parse(supply.Execute("MEAS:CURR?")!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(10.25).Within(1e-4));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void Execute_BadCommands_ErrorQueueInOrderThenNoError()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        Assert.That(supply.Execute("FOO:BAR 3"), Is.Null);
        Assert.That(supply.Execute("VOLT 99"), Is.Null);
        Assert.That(supply.Execute("OUTP MAYBE"), Is.Null);
        Assert.That(supply.Execute("VOLT"), Is.Null);

        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("-113,\"Undefined header\""));
        Assert.That(supply.Execute("SYSTem:ERRor:NEXT?"), Is.EqualTo("-222,\"Data out of range\""));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("-224,\"Illegal parameter value\""));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("-109,\"Missing parameter\""));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
        Assert.That(supply.Execute("VOLT?"), Is.EqualTo("0.0000"));
    }

    [Test]
    public void Execute_ResetAndClear_OutputOffAndQueueEmpty()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("VOLT 28;OUTP ON;NOPE");

        supply.Execute("*RST;*CLS");

        Assert.That(supply.Execute("OUTP?;VOLT?;*OPC?"), Is.EqualTo("0;0.0000;1"));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }
}
