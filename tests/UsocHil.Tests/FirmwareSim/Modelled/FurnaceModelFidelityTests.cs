using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.FirmwareSim.Modelled;
using UsocHil.Tests.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Modelled;

/// <summary>
/// rigs/furnace-em/model.json on the generic bench against the hand-written furnace bench, the same unit driven the same
/// way on fake clocks: the physics agree to noise, and the controller regulates and protects alike.
/// </summary>
public sealed class FurnaceModelFidelityTests : IFurnaceTelemetrySink
{
    private const int Serial = 5;
    private readonly List<FurnaceEvent> _events = [];

    public void Event(FurnaceEvent furnaceEvent) => _events.Add(furnaceEvent);

    public void Housekeeping(HousekeepingSample report)
    {
    }

    [Test]
    public void OpenLoop_SameUnitSamePower_CoreJunctionsAndReadingsAgree()
    {
        using BenchDriver reference = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = Serial }).PowerUp();
        var (model, time) = StartModel();
        using (model)
        {
            Set(reference, model, "WATCHDOG_TIMEOUT", 600);
            Set(reference, model, "OPEN_LOOP_POWER", 300);
            Assert.That(reference.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, armed: true)).Succeeded, Is.True);
            Assert.That(model.Run(b => b.Software.Functions.Execute(FurnaceFunctionId.HeaterOpenLoop)).Succeeded, Is.True);

            for (int i = 0; i < 20; i++)
            {
                reference.AdvanceWithHeartbeat(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
                time.Advance(TimeSpan.FromSeconds(60));
                model.Run(b => b.Software.Heard());
                FurnacePhysics truth = reference.Bench.Physics;
                string at = $"after {(i + 1) * 60} s";
                Assert.That(model.Run(b => b.Plant["CORE"]), Is.EqualTo(truth.CoreCelsius).Within(0.05), $"core {at}");
                for (int tc = 0; tc < 3; tc++)
                {
                    Assert.That(model.Run(b => b.Plant[$"TC{tc + 1}_JUNCTION"]), Is.EqualTo(truth.Thermocouples[tc].JunctionCelsius).Within(0.05), $"TC{tc + 1} junction {at}");
                    Assert.That(model.Run(b => b.Plant[$"TC{tc + 1}_RAW"]), Is.EqualTo(truth.Thermocouples[tc].Reading).Within(0.4), $"TC{tc + 1} raw reading {at} (noise 0.05 K each)");
                }
            }

            Assert.That(model.Run(b => b.Plant["CORE"]), Is.GreaterThan(200), "the furnace heated: the comparison covers a real trajectory");
        }
    }

    [TestCase(24, 300)]
    [TestCase(24, 600)]
    [TestCase(28, 300)]
    public void OpenLoop_BusVoltage_BothDeliverTheDemandScaledByTheSquareOfTheBus(double volts, double demandWatts)
    {
        // The element is switched from the bus at a duty cycle sized for 28 V: (V/28)² of any demand reaches it.
        using BenchDriver reference = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = Serial }).PowerUp();
        var (model, time) = StartModel();
        using (model)
        {
            Set(reference, model, "WATCHDOG_TIMEOUT", 600);
            Set(reference, model, "OPEN_LOOP_POWER", demandWatts);
            reference.Bench.Run(b => b.Supply.VoltageSetpoint = volts);
            model.Run(b => b.Supply.VoltageSetpoint = volts);
            Assert.That(reference.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, armed: true)).Succeeded, Is.True);
            Assert.That(model.Run(b => b.Software.Functions.Execute(FurnaceFunctionId.HeaterOpenLoop)).Succeeded, Is.True);

            reference.AdvanceWithHeartbeat(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
            time.Advance(TimeSpan.FromSeconds(10));

            double delivered = demandWatts * Math.Pow(volts / 28, 2);
            Assert.That(reference.Bench.HeaterPowerWatts, Is.EqualTo(delivered).Within(1e-9));
            Assert.That(model.Run(b => b.Plant["HEATER_W"]), Is.EqualTo(delivered).Within(1e-9));
        }
    }

    [Test]
    public void Control_RampToSetpointThenOverTemperature_RegulatesAndTripsAlike()
    {
        using BenchDriver reference = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = Serial }).PowerUp();
        var (model, time) = StartModel();
        using (model)
        {
            foreach ((string name, double value) in (IEnumerable<(string, double)>)[("WATCHDOG_TIMEOUT", 600), ("PID_KP", 150), ("PID_KI", 0.05), ("PID_KD", 400), ("RAMP_RATE", 20), ("SETPOINT", 300)])
            {
                Set(reference, model, name, value);
            }

            Assert.That(reference.Command(c => c.ExecuteFunction(FurnaceFunctionId.HeaterOn, armed: true)).Succeeded, Is.True);
            Assert.That(model.Run(b => b.Software.Functions.Execute(FurnaceFunctionId.HeaterOn)).Succeeded, Is.True);
            var referencePeak = 0.0;
            var modelPeak = 0.0;
            for (int i = 0; i < 300; i++)
            {
                reference.AdvanceWithHeartbeat(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
                time.Advance(TimeSpan.FromSeconds(5));
                model.Run(b => b.Software.Heard());
                double core = model.Run(b => b.Plant["CORE"]);
                Assert.That(core, Is.EqualTo(reference.Bench.Physics.CoreCelsius).Within(1.0), $"core after {(i + 1) * 5} s");
                referencePeak = Math.Max(referencePeak, reference.Read("CONTROL_TEMP"));
                modelPeak = Math.Max(modelPeak, model.Run(b => b.Plant["CONTROL_TEMP"]));
            }

            Assert.That(model.Run(b => b.Plant["CONTROL_TEMP"]), Is.EqualTo(300).Within(0.5), "held at the setpoint after 25 min");
            Assert.That(modelPeak, Is.EqualTo(referencePeak).Within(0.3), "overshoot past 300 degC");

            // TC1 reads 900 K high: the protection trips on both, heater cut, mode SAFE, fault latched.
            Set(reference, model, "TC1_C0", 900);
            reference.AdvanceWithHeartbeat(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            time.Advance(TimeSpan.FromSeconds(1));
            foreach (string parameter in (string[])["FAULT_FLAGS", "MODE", "HEATER_POWER"])
            {
                Assert.That(model.Run(b => b.Plant[parameter]), Is.EqualTo(reference.Read(parameter)), parameter);
            }

            Assert.That(reference.Read("MODE"), Is.EqualTo((int)FurnaceMode.Safe));
            FurnaceEvent trip = _events.Single(e => e.Definition.Name == "OVER_TEMPERATURE");
            Assert.That(trip.Value, Is.EqualTo(reference.Events.Single(e => e.Definition.Name == "OVER_TEMPERATURE").Value).Within(1.0), "the event carries the hottest reading");
            Assert.That(model.Run(b => b.Software.Functions.Execute(FurnaceFunctionId.HeaterOn)).FailureCode, Is.EqualTo(FurnaceFailureCode.FaultLatched));
        }
    }

    private (ModelledBench Bench, FakeTimeProvider Time) StartModel()
    {
        var time = new FakeTimeProvider();
        var bench = new ModelledBench(time, new ModelledBenchOptions
        {
            Rig = TestRigs.Load("furnace-em"),
            Model = ModelledEmulator.Load(Path.Combine(RepositoryPaths.RigDirectory("furnace-em"), ModelledEmulator.ModelFile)),
            SerialNumber = Serial,
        }, this, Logger.None);
        bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.CurrentLimit = 25;
            b.Supply.OutputOn = true;
        });
        bench.SetLine("POWER_EN", true);
        bench.SetLine("HEATER_ARM", true);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.That(bench.Run(b => b.Software.IsBooted), Is.True);
        return (bench, time);
    }

    private static void Set(BenchDriver reference, ModelledBench model, string name, double value)
    {
        Assert.That(reference.Set(name, value).Succeeded, Is.True, name);
        int id = reference.Controller.Parameters.Definition(name).Id;
        model.Run(b => b.Software.Set([(id, value)]));
    }
}
