using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Furnace;

public sealed class FurnaceBenchFaultTests
{
    [Test]
    public void Step_OpenThermocoupleAtTime_SensorFaultEventAndControlOnTheOthers()
    {
        var faults = FaultPlan.Parse(["open-tc=3@10s"]);
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = faults }).PowerUp();
        driver.Advance(TimeSpan.FromSeconds(10));

        FurnaceEvent fault = driver.Events.Single(e => e.Definition.Name == "SENSOR_FAULT");
        Assert.That(fault.Value, Is.EqualTo(3));
        Assert.That(fault.RigTime.TotalSeconds, Is.EqualTo(10).Within(0.15));
        Assert.That(driver.Read("FAULT_FLAGS"), Is.EqualTo((double)FurnaceFaultFlags.Sensor));
        Assert.That(driver.Read("CONTROL_TEMP"), Is.EqualTo((driver.Read("TC1_TEMP") + driver.Read("TC2_TEMP")) / 2).Within(1e-9));
        Assert.That(driver.Read("TC3_RAW"), Is.EqualTo(Thermocouple.OpenCircuitReadingCelsius));
    }

    [Test]
    public void Step_OpenThermocoupleAtUptime_CountsFromTheEndOfBootNotFromTheEmulatorsStart()
    {
        var faults = FaultPlan.Parse(["open-tc=3@UPTIME>10s"]);
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = faults });
        driver.Advance(TimeSpan.FromSeconds(100));
        driver.PowerUp();
        driver.Advance(TimeSpan.FromSeconds(20));

        FurnaceEvent booted = driver.Events.Single(e => e.Definition.Name == "BOOT_COMPLETE");
        FurnaceEvent fault = driver.Events.Single(e => e.Definition.Name == "SENSOR_FAULT");
        Assert.That(booted.RigTime.TotalSeconds, Is.GreaterThan(100));
        Assert.That((fault.RigTime - booted.RigTime).TotalSeconds, Is.EqualTo(10).Within(0.15));
    }

    [Test]
    public void Step_StuckThermocouple_ReadingFrozenWhileOthersRise()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = FaultPlan.Parse(["stuck-tc=2"]) }).PowerUp();
        double stuck = driver.Read("TC2_RAW");
        driver.Set("OPEN_LOOP_POWER", 600);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));
        driver.AdvanceWithHeartbeat(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10));

        Assert.That(driver.Read("TC2_RAW"), Is.EqualTo(stuck));
        Assert.That(driver.Read("TC1_RAW"), Is.GreaterThan(stuck + 30));
    }

    [Test]
    public void Step_RebootAt_ControllerRebootsAndLosesVolatileState()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = FaultPlan.Parse(["reboot-at=20s"]) }).PowerUp();
        driver.Set("PID_KP", 99);
        driver.Advance(TimeSpan.FromSeconds(16.5));

        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Booting));
        driver.Advance(TimeSpan.FromSeconds(4));
        Assert.That(driver.Read("PID_KP"), Is.EqualTo(new FurnaceDefaults().Kp));
        Assert.That(driver.Events.Count(e => e.Definition.Name == "BOOT_COMPLETE"), Is.EqualTo(2));
    }

    [Test]
    public void Step_SupplyTripAt_OutputOffAndFurnaceUnpowered()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = FaultPlan.Parse(["supply-trip-at=30s"]) }).PowerUp();
        driver.Advance(TimeSpan.FromSeconds(30));

        Assert.That(driver.Bench.Supply.OutputOn, Is.False);
        Assert.That(driver.Controller.IsPowered, Is.False);
    }

    [Test]
    public void Step_SlowHeater_DeliversThatFractionOfCommandedPower()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = FaultPlan.Parse(["slow-heater=0.5"]) }).PowerUp();
        driver.Set("OPEN_LOOP_POWER", 400);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));
        driver.Advance(TimeSpan.FromSeconds(1));

        Assert.That(driver.Read("HEATER_POWER"), Is.EqualTo(400));
        Assert.That(driver.Bench.HeaterPowerWatts, Is.EqualTo(200));
    }

    [Test]
    public void Step_DisconnectAt_RaisesDisconnectDueOnce()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { Faults = FaultPlan.Parse(["disconnect-at=15s"]) });
        int raised = 0;
        driver.Bench.DisconnectDue += () => raised++;
        driver.Advance(TimeSpan.FromSeconds(14.9));
        Assert.That(raised, Is.Zero);
        driver.Advance(TimeSpan.FromSeconds(30));
        Assert.That(raised, Is.EqualTo(1));
    }
}
