using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.FirmwareSim.Modelled;

namespace UsocHil.Tests.FirmwareSim.Modelled;

/// <summary>The generic onboard software on a rig's own description (the centrifuge's rig.json and model.json), on a fake clock.</summary>
public sealed class ModelledBenchTests : IFurnaceTelemetrySink
{
    private readonly List<FurnaceEvent> _events = [];
    private readonly List<HousekeepingSample> _reports = [];

    public void Event(FurnaceEvent furnaceEvent) => _events.Add(furnaceEvent);

    public void Housekeeping(HousekeepingSample report) => _reports.Add(report);

    private (ModelledBench Bench, FakeTimeProvider Time) Start(string? eeprom = null, params string[] faults)
    {
        var time = new FakeTimeProvider();
        var options = new ModelledBenchOptions
        {
            Rig = TestRigs.Load("centrifuge-em"),
            Model = ModelledEmulator.Load(Path.Combine(RepositoryPaths.RigDirectory("centrifuge-em"), ModelledEmulator.ModelFile)),
            SerialNumber = 9,
            EepromPath = eeprom,
            Faults = FaultPlan.Parse(faults),
        };
        var bench = new ModelledBench(time, options, this, Logger.None);
        bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.OutputOn = true;
        });
        return (bench, time);
    }

    [Test]
    public void Boot_PoweredBySupply_BootsAfterItsTimeSendsTheBootEventAndHousekeepingEverySecond()
    {
        var (bench, time) = Start();
        using (bench)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.That(bench.Run(b => b.Software.IsBooted), Is.False);
            time.Advance(TimeSpan.FromSeconds(5.05));
            Assert.That(bench.Run(b => b.Software.IsBooted), Is.True);
            Assert.That(_events.Select(e => e.Definition.Name), Is.EqualTo(new[] { "BOOT_COMPLETE" }));
            Assert.That(_reports, Has.Count.EqualTo(4), "one report a second after boot at 2 s");
        }
    }

    [Test]
    public void Set_VolatileAndNonVolatileParameters_VolatileLostOnRebootUnlessStored()
    {
        string eeprom = Path.Combine(TestDirectories.Create("eeprom"), "unit.json");
        var (bench, time) = Start(eeprom);
        using (bench)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            bench.Run(b =>
            {
                Assert.That(b.Software.ValidateSet(30, 5).Succeeded, Is.True);
                Assert.That(b.Software.ValidateSet(2, 5).FailureCode, Is.EqualTo(9), "SPEED_RPM is read-only");
                Assert.That(b.Software.ValidateSet(3, 9000).FailureCode, Is.EqualTo(4), "SPEED_SETPOINT is at most 3200");
                b.Software.Set([(30, 5.0), (31, 1.02), (4, 250.0), (40, 30.0)]);
                Assert.That(b.Software.Functions.Execute(4).Succeeded, Is.True); // STORE_CALIBRATION
                b.Software.Reboot();
            });
            time.Advance(TimeSpan.FromSeconds(3));
            bench.Run(b =>
            {
                Assert.That(b.Plant["ENC_C0"], Is.EqualTo(5), "stored calibration loaded at boot");
                Assert.That(b.Plant["RAMP_RATE"], Is.EqualTo(100), "volatile ramp back to its default");
                Assert.That(b.Plant["WATCHDOG_TIMEOUT"], Is.EqualTo(30), "non-volatile parameter kept");
            });
        }

        Assert.That(File.ReadAllText(eeprom), Does.Contain("ENC_C1"));
    }

    [Test]
    public void MotorStart_LidNotLocked_RefusedWithTheDictionaryCode()
    {
        var (bench, time) = Start();
        using (bench)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            bench.SetLine("MOTOR_EN", true);
            Assert.That(bench.Run(b => b.Software.Functions.Execute(1)).FailureCode, Is.EqualTo(6));
            bench.SetLine("LID_LOCK", true);
            time.Advance(TimeSpan.FromSeconds(0.1));
            Assert.That(bench.Run(b => b.Software.Functions.Execute(1)).Succeeded, Is.True);
            time.Advance(TimeSpan.FromSeconds(10));
            Assert.That(bench.Run(b => b.Plant["ROTOR_RPM"]), Is.Zero, "SPEED_SETPOINT is 0 after boot");
        }
    }

    [Test]
    public void SignalFault_ArmedByAFormula_AppliesWhenItHolds()
    {
        var (bench, time) = Start(null, "signal=LID_OPEN:1@t>4");
        using (bench)
        {
            time.Advance(TimeSpan.FromSeconds(3.9));
            Assert.That(bench.ReadLine("LID_CLOSED"), Is.True);
            time.Advance(TimeSpan.FromSeconds(0.2));
            Assert.That(bench.ReadLine("LID_CLOSED"), Is.False);
        }
    }
}
