using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.Tests.FirmwareSim.Furnace;

/// <summary>The protections are checked in the truth output: what the heater really did, not what telemetry says.</summary>
public sealed class FurnaceProtectionTests
{
    private string _truthPath = "";

    [SetUp]
    public void CreateTruthPath() => _truthPath = Path.Combine(Path.GetTempPath(), $"usochil-truth-{Guid.NewGuid():N}.jsonl");

    [TearDown]
    public void DeleteTruth() => File.Delete(_truthPath);

    [Test]
    public void Step_OpenLoopFullPower_OverTemperatureCutsHeaterLatchesFaultAndPullsFaultLineLow()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = 7, TruthPath = _truthPath }).PowerUp();
        bool? faultLine = null;
        driver.Bench.FaultLineChanged += asserted => faultLine = asserted;
        Assert.That(driver.Set("OPEN_LOOP_POWER", 600).Succeeded);
        Assert.That(driver.Set("WATCHDOG_TIMEOUT", 600).Succeeded);
        Assert.That(driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true)).Succeeded);

        driver.AdvanceWithHeartbeat(TimeSpan.FromHours(2), TimeSpan.FromMinutes(1), () => driver.Controller.Mode == FurnaceMode.Safe);
        driver.AdvanceWithHeartbeat(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));

        IReadOnlyList<TruthRecord> truth = TruthWriter.ReadAll(_truthPath);
        int trip = truth.ToList().FindIndex(r => r.OverTemperatureLatched);
        Assert.That(trip, Is.GreaterThan(0), "the over-temperature protection never tripped");
        Assert.That(truth[trip - 1].HeaterPowerWatts, Is.EqualTo(600).Within(1));
        Assert.That(truth.Skip(trip + 1), Has.All.Matches<TruthRecord>(r => r != null && !r.HeaterOn && r.FaultLineAsserted && r.Mode == "Safe"));
        Assert.That(truth.Skip(trip + 1).Last().CoreCelsius, Is.LessThan(truth[trip].CoreCelsius));

        // The trip follows the unit's own thermocouples: the hottest reading crossed 1050 °C.
        Assert.That(truth[trip].Thermocouples.Max(t => t.RawCelsius), Is.GreaterThanOrEqualTo(1050));
        Assert.That(truth[trip - 1].Thermocouples.Max(t => t.RawCelsius), Is.LessThan(1050));
        Assert.That(truth[trip].CoreCelsius, Is.InRange(1000, 1100));
        Assert.That(driver.Events.Single(e => e.Definition.Name == "OVER_TEMPERATURE").Definition.Severity, Is.EqualTo("high"));
        Assert.That(faultLine, Is.True);
        Assert.That(driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOn, true)).FailureCode, Is.EqualTo(FurnaceFailureCode.FaultLatched));
        Assert.That(driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.ClearFault, true)).FailureCode, Is.EqualTo(FurnaceFailureCode.FaultLatched));
    }

    [Test]
    public void ExecuteClearFault_AfterCoolingBelowThreshold_ReleasesFaultLine()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = 7 }).PowerUp();
        driver.Set("OPEN_LOOP_POWER", 600);
        driver.Set("WATCHDOG_TIMEOUT", 600);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));
        driver.AdvanceWithHeartbeat(TimeSpan.FromHours(2), TimeSpan.FromMinutes(1), () => driver.Controller.Mode == FurnaceMode.Safe);
        driver.AdvanceWithHeartbeat(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), () => driver.Read("CONTROL_TEMP") < 990);

        Assert.That(driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.ClearFault, true)).Succeeded);
        Assert.That(driver.Controller.FaultLineAsserted, Is.False);
        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Idle));
    }

    [Test]
    public void Step_HeartbeatStops_WatchdogCutsHeaterAfterTimeout()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { TruthPath = _truthPath }).PowerUp();
        Assert.That(driver.Set("SETPOINT", 400).Succeeded);
        Assert.That(driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOn, true)).Succeeded);
        double commandedAt = driver.Bench.RigTime.TotalSeconds;

        driver.Advance(TimeSpan.FromSeconds(60));

        IReadOnlyList<TruthRecord> truth = TruthWriter.ReadAll(_truthPath);
        TruthRecord firstExpired = truth.First(r => r.WatchdogExpired);
        Assert.That(firstExpired.RigSeconds - commandedAt, Is.EqualTo(30).Within(0.2));
        Assert.That(truth.Where(r => r.RigSeconds > commandedAt + 1 && r.RigSeconds < commandedAt + 29), Has.All.Matches<TruthRecord>(r => r != null && r.HeaterOn));
        Assert.That(truth.Where(r => r.RigSeconds >= firstExpired.RigSeconds), Has.All.Matches<TruthRecord>(r => r != null && !r.HeaterOn && r.HeaterPowerWatts == 0));
        Assert.That(driver.Events.Last().Definition.Name, Is.EqualTo("WATCHDOG_EXPIRED"));
        Assert.That(driver.Read("FAULT_FLAGS"), Is.EqualTo((double)FurnaceFaultFlags.Watchdog));
    }

    [Test]
    public void Step_HeartbeatKept_HeaterStaysOn()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { TruthPath = _truthPath }).PowerUp();
        driver.Set("SETPOINT", 400);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOn, true));

        driver.AdvanceWithHeartbeat(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(20));

        Assert.That(TruthWriter.ReadAll(_truthPath).Where(r => r.RigSeconds > 6), Has.All.Matches<TruthRecord>(r => r != null && r.HeaterOn && !r.WatchdogExpired));
    }

    [Test]
    public void Step_HeaterArmDroppedWhileHeating_HeaterCutAtOnce()
    {
        using var driver = BenchDriver.Create().PowerUp();
        driver.Set("OPEN_LOOP_POWER", 300);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));
        driver.Advance(TimeSpan.FromSeconds(5));
        Assert.That(driver.Bench.HeaterPowerWatts, Is.EqualTo(300));

        driver.Bench.HeaterArm = false;
        driver.Advance(TimeSpan.FromSeconds(0.2));

        Assert.That(driver.Bench.HeaterPowerWatts, Is.Zero);
        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Idle));
        Assert.That(driver.Events.Last().Definition.Name, Is.EqualTo("HEATER_NOT_ARMED"));
    }

    [Test]
    public void Step_HeaterDrawAboveCurrentLimit_SupplyTripsAndFurnaceLosesPower()
    {
        using var driver = BenchDriver.Create().PowerUp();
        driver.Bench.Run(b => b.Supply.CurrentLimit = 10);
        driver.Set("OPEN_LOOP_POWER", 600);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));

        driver.Advance(TimeSpan.FromSeconds(1));

        Assert.That(driver.Bench.Supply.OutputOn, Is.False);
        Assert.That(driver.Bench.Supply.Trips, Is.EqualTo(1));
        Assert.That(driver.Bench.Supply.Errors.Pop(), Does.StartWith("301,"));
        Assert.That(driver.Controller.IsPowered, Is.False);
        Assert.That(driver.Bench.HeaterPowerWatts, Is.Zero);
    }

    [Test]
    public void Step_SupplyCurrent_FollowsHeaterDrawAtBusVoltage()
    {
        using var driver = BenchDriver.Create().PowerUp();
        double idle = driver.Bench.Run(b => b.Supply.LoadAmperes);
        driver.Set("OPEN_LOOP_POWER", 560);
        driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, true));
        driver.Advance(TimeSpan.FromSeconds(1));

        Assert.That(idle, Is.EqualTo(new FurnaceDefaults().QuiescentCurrentAmperes));
        Assert.That(driver.Bench.Run(b => b.Supply.LoadAmperes), Is.EqualTo(idle + (560 / 28.0)).Within(1e-9));
    }
}
