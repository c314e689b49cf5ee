using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Furnace;

public sealed class FurnaceControllerTests
{
    [Test]
    public void Step_SupplyOffWithPowerEnable_StaysUnpowered()
    {
        using var driver = BenchDriver.Create();
        driver.Bench.PowerEnable = true;
        driver.Advance(TimeSpan.FromSeconds(10));

        Assert.That(driver.Controller.IsPowered, Is.False);
        Assert.That(driver.Events, Is.Empty);
    }

    [Test]
    public void Step_PoweredUp_BootsInThreeSecondsThenReportsBootComplete()
    {
        using var driver = BenchDriver.Create();
        driver.Bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.OutputOn = true;
        });
        driver.Bench.PowerEnable = true;
        driver.Advance(TimeSpan.FromSeconds(2.9));
        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Booting));
        Assert.That(driver.Command(c => CommandOutcome.Success).FailureCode, Is.EqualTo(FurnaceFailureCode.NotReady));

        driver.Advance(TimeSpan.FromSeconds(0.2));

        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Idle));
        Assert.That(driver.Events.Select(e => e.Definition.Name), Is.EqualTo(new[] { "BOOT_COMPLETE" }));
        Assert.That(driver.Events[0].RigTime.TotalSeconds, Is.EqualTo(3.0).Within(0.15));
    }

    [Test]
    public void Step_PowerDropped_VolatileParametersLostAndEepromKept()
    {
        using var driver = BenchDriver.Create().PowerUp();
        Assert.That(driver.Set("PID_KP", 123).Succeeded);
        Assert.That(driver.Set("TC2_C1", 1.01).Succeeded);
        Assert.That(driver.Set("WATCHDOG_TIMEOUT", 90).Succeeded);

        driver.Bench.PowerEnable = false;
        driver.Advance(TimeSpan.FromSeconds(1));
        driver.Bench.PowerEnable = true;
        driver.Advance(TimeSpan.FromSeconds(4));

        Assert.That(driver.Read("PID_KP"), Is.EqualTo(new FurnaceDefaults().Kp));
        Assert.That(driver.Read("TC2_C1"), Is.EqualTo(1));
        Assert.That(driver.Read("WATCHDOG_TIMEOUT"), Is.EqualTo(90));
        Assert.That(driver.Events.Count(e => e.Definition.Name == "BOOT_COMPLETE"), Is.EqualTo(2));
    }

    [Test]
    public void Step_SupplyOutputDroppedUnderPowerEnable_ReportsSupplyLostAfterReboot()
    {
        using var driver = BenchDriver.Create().PowerUp();
        driver.Bench.Run(b => b.Supply.OutputOn = false);
        driver.Advance(TimeSpan.FromSeconds(1));
        driver.Bench.Run(b => b.Supply.OutputOn = true);
        driver.Advance(TimeSpan.FromSeconds(4));

        Assert.That(driver.Events.Select(e => e.Definition.Name), Is.EqualTo(new[] { "BOOT_COMPLETE", "BOOT_COMPLETE", "SUPPLY_LOST" }));
    }

    [Test]
    public void ExecuteFunction_HeaterNotArmed_RefusedWithFailureCodeAndEvent()
    {
        using var driver = BenchDriver.Create().PowerUp();
        driver.Bench.HeaterArm = false;

        CommandOutcome outcome = driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOn, driver.Bench.HeaterArm));

        Assert.That(outcome.FailureCode, Is.EqualTo(FurnaceFailureCode.HeaterNotArmed));
        Assert.That(driver.Events.Last().Definition.Name, Is.EqualTo("HEATER_NOT_ARMED"));
        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Idle));
    }

    [Test]
    public void ExecuteFunction_UnknownFunction_Refused() =>
        Assert.That(
            BenchDriver.Create().PowerUp().Command(c => c.ExecuteFunction(99, true)).FailureCode,
            Is.EqualTo(FurnaceFailureCode.UnknownFunction));

    [TestCase(99, 1.0, FurnaceFailureCode.UnknownParameter)]
    [TestCase(1, 1.0, FurnaceFailureCode.ReadOnlyParameter)]
    [TestCase(9, 2000.0, FurnaceFailureCode.InvalidArgument)]
    [TestCase(9, 5.0, FurnaceFailureCode.InvalidArgument)]
    [TestCase(40, 12.5, FurnaceFailureCode.InvalidArgument)]
    [TestCase(20, double.NaN, FurnaceFailureCode.InvalidArgument)]
    public void SetParameters_BadValue_RefusedAndNothingApplied(int id, double value, int expectedCode)
    {
        using var driver = BenchDriver.Create().PowerUp();

        CommandOutcome outcome = driver.Command(c => c.SetParameters([(20, 77), (id, value)]));

        Assert.That(outcome.FailureCode, Is.EqualTo(expectedCode));
        Assert.That(outcome.FailureData, Is.EqualTo(id));
        Assert.That(driver.Read("PID_KP"), Is.EqualTo(new FurnaceDefaults().Kp));
    }

    [Test]
    public void ReportParameters_UnknownId_RefusedWithUnknownParameter()
    {
        using var driver = BenchDriver.Create().PowerUp();
        var values = new List<ParameterReading>();

        Assert.That(driver.Command(c => c.ReportParameters([9, 77], values)).FailureCode, Is.EqualTo(FurnaceFailureCode.UnknownParameter));
        Assert.That(values, Is.Empty);
    }

    [Test]
    public void ReportParameters_CalibrationCoefficientsSet_TemperatureFollowsThem()
    {
        using var driver = BenchDriver.Create().PowerUp();
        Assert.That(driver.Command(c => c.SetParameters([(30, 2.5), (31, 0.98), (32, 1e-5)])).Succeeded);
        driver.Advance(TimeSpan.FromSeconds(0.1));
        var values = new List<ParameterReading>();

        Assert.That(driver.Command(c => c.ReportParameters([1, 4, 30, 31, 32, 42], values)).Succeeded);

        double raw = values[0].Value;
        Assert.That(values[1].Value, Is.EqualTo(2.5 + (0.98 * raw) + (1e-5 * raw * raw)).Within(1e-4));
        Assert.That(values[2..5].Select(v => v.Value), Is.EqualTo(new[] { 2.5, 0.98, 1e-5 }).Within(1e-6));
        Assert.That(values[5].Value, Is.EqualTo(1));
    }

    [Test]
    public void Step_ClosedLoopToSetpoint_SettlesOnCalibratedControlTemperature()
    {
        using var driver = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = 11 }).PowerUp();
        Assert.That(driver.Set("SETPOINT", 250).Succeeded);
        Assert.That(driver.Set("RAMP_RATE", 20).Succeeded);
        Assert.That(driver.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOn, true)).Succeeded);

        driver.AdvanceWithHeartbeat(TimeSpan.FromMinutes(40), TimeSpan.FromSeconds(10));

        Assert.That(driver.Controller.Mode, Is.EqualTo(FurnaceMode.Control));
        Assert.That(driver.Read("CONTROL_TEMP"), Is.EqualTo(250).Within(0.5));
        Assert.That(driver.Read("HEATER_POWER"), Is.EqualTo(new FurnaceThermalModel().HoldingPowerWatts(250)).Within(30));
    }

    [Test]
    public void Step_HousekeepingDefault_OneReportPerSecondWithTheStructuresParameters()
    {
        using var driver = BenchDriver.Create().PowerUp();
        driver.Reports.Clear();
        driver.Advance(TimeSpan.FromSeconds(10));

        Assert.That(driver.Reports, Has.Count.EqualTo(10));
        Assert.That(driver.Reports[0].Values.Select(v => v.Definition.Name), Is.EqualTo(driver.Controller.Housekeeping.Parameters));

        Assert.That(driver.Command(c => c.SetHousekeepingInterval(1, 200)).Succeeded);
        driver.Reports.Clear();
        driver.Advance(TimeSpan.FromSeconds(2));
        Assert.That(driver.Reports, Has.Count.EqualTo(10));

        Assert.That(driver.Command(c => c.EnableHousekeeping(1, false)).Succeeded);
        driver.Reports.Clear();
        driver.Advance(TimeSpan.FromSeconds(2));
        Assert.That(driver.Reports, Is.Empty);
    }

    [TestCase(2, 200)]
    [TestCase(1, 10)]
    [TestCase(1, 70_000)]
    public void SetHousekeepingInterval_BadStructureOrInterval_InvalidArgument(int structureId, long intervalMs) =>
        Assert.That(
            BenchDriver.Create().PowerUp().Command(c => c.SetHousekeepingInterval(structureId, intervalMs)).FailureCode,
            Is.EqualTo(FurnaceFailureCode.InvalidArgument));
}
