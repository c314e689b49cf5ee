using MathNet.Numerics;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Furnace;

public sealed class FurnacePhysicsTests
{
    private static readonly FurnaceThermalModel Model = new();

    [Test]
    public void Step_HeaterStep_FinalValueMatchesAmbientPlusPowerOverConductance()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(1, Model));
        physics.HeaterPowerWatts = 300;

        // Ten time constants: the remaining distance to the final value is e^-10 of the step, 0.03 K.
        Run(physics, TimeSpan.FromTicks(Model.TimeConstant.Ticks * 10));

        double expected = Model.AmbientCelsius + (300 / Model.LossConductanceWattsPerKelvin);
        Assert.That(expected, Is.EqualTo(620));
        Assert.That(physics.CoreCelsius, Is.EqualTo(expected).Within(0.1));
    }

    [Test]
    public void Step_HeaterStep_ReachesSixtyThreePercentAfterOneTimeConstantPlusHeaterLag()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(1, Model));
        physics.HeaterPowerWatts = 300;
        double rise = 300 / Model.LossConductanceWattsPerKelvin;

        while (physics.CoreCelsius - Model.AmbientCelsius < rise * (1 - Math.Exp(-1)))
        {
            physics.Step();
        }

        // For two first-order stages with tau >> lag, the 63.2 % point falls at tau + lag (here 1600 s + 5 s); 1 %.
        double expected = (Model.TimeConstant + Model.HeaterLag).TotalSeconds;
        Assert.That(physics.Elapsed.TotalSeconds, Is.EqualTo(expected).Within(1).Percent);
    }

    [Test]
    public void Step_HeaterStep_LogDistanceToFinalIsLinearWithSlopeMinusOneOverTau()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(2, Model));
        physics.HeaterPowerWatts = 400;
        double final = Model.SteadyStateCelsius(400);
        var times = new List<double>();
        var logs = new List<double>();
        for (int sample = 0; sample < 60; sample++)
        {
            Run(physics, TimeSpan.FromSeconds(100));
            if (physics.Elapsed.TotalSeconds >= 200)
            {
                times.Add(physics.Elapsed.TotalSeconds);
                logs.Add(Math.Log(final - physics.CoreCelsius));
            }
        }

        (double _, double slope) = Fit.Line([.. times], [.. logs]);
        double goodness = GoodnessOfFit.RSquared(times.Select(t => logs[0] + (slope * (t - times[0]))), logs);

        Assert.That(-1 / slope, Is.EqualTo(Model.TimeConstant.TotalSeconds).Within(0.5).Percent);
        Assert.That(goodness, Is.GreaterThan(0.9999));
    }

    [Test]
    public void Step_SteadyState_ThermocoupleReadsTrueTemperatureThroughItsErrorModel()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(5, Model));
        physics.HeaterPowerWatts = Model.HoldingPowerWatts(Model.AmbientCelsius);
        Run(physics, TimeSpan.FromSeconds(30));

        for (int i = 0; i < 3; i++)
        {
            Thermocouple tc = physics.Thermocouples[i];
            double sum = 0;
            const int Samples = 400;
            for (int s = 0; s < Samples; s++)
            {
                physics.Step();
                sum += tc.Reading;
            }

            // Mean of 400 readings with 0.05 K noise: standard error 0.0025 K. Held at ambient, no heat flows, so there
            // is no gradient, and the wire's history is the junction's, so there is no hysteresis.
            Assert.That(sum / Samples, Is.EqualTo(tc.Errors.Apply(physics.CoreCelsius)).Within(0.02), $"TC{i + 1}");
        }
    }

    [Test]
    public void Step_SameSerialNumber_SameTrajectory()
    {
        var a = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(9, Model)) { HeaterPowerWatts = 250 };
        var b = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(9, Model)) { HeaterPowerWatts = 250 };
        Run(a, TimeSpan.FromSeconds(60));
        Run(b, TimeSpan.FromSeconds(60));

        Assert.That(a.Thermocouples.Select(t => t.Reading), Is.EqualTo(b.Thermocouples.Select(t => t.Reading)));
    }

    [Test]
    public void Step_OpenThermocouple_ReadsUpScale()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(1, Model));
        physics.Thermocouples[2].Open();
        physics.Step();

        Assert.That(physics.Thermocouples[2].Reading, Is.EqualTo(Thermocouple.OpenCircuitReadingCelsius));
    }

    [Test]
    public void Step_StuckThermocouple_KeepsItsReadingWhileTheCoreHeats()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(1, Model)) { HeaterPowerWatts = 600 };
        physics.Step();
        physics.Thermocouples[1].Stick();
        double stuck = physics.Thermocouples[1].Reading;
        Run(physics, TimeSpan.FromSeconds(120));

        Assert.That(physics.Thermocouples[1].Reading, Is.EqualTo(stuck));
        Assert.That(physics.Thermocouples[0].Reading, Is.GreaterThan(stuck + 20));
    }

    [Test]
    public void Step_HeldAtOneTemperature_JunctionSitsInTheGradientAtItsPlace()
    {
        var physics = new FurnacePhysics(Model, FurnaceUnit.FromSerialNumber(1, Model));
        physics.HeaterPowerWatts = 300;

        Run(physics, TimeSpan.FromTicks(Model.TimeConstant.Ticks * 10));

        for (int i = 0; i < 3; i++)
        {
            double gradient = Model.GradientKelvinPerWatt[i] * 300;
            Assert.That(Math.Abs(gradient), Is.GreaterThan(0.05), "a gradient a calibration notices");
            Assert.That(physics.Thermocouples[i].JunctionCelsius - physics.CoreCelsius, Is.EqualTo(gradient).Within(0.002), $"TC{i + 1}");
        }
    }

    [Test]
    public void Step_SameTemperatureWarmedToAndCooledTo_ReadsTheHysteresisWidthApart()
    {
        var tc = new Thermocouple(ThermocoupleErrors.None, TimeSpan.FromSeconds(2), 0, 20,
            new ThermocoupleHysteresis(Model.ThermocoupleHysteresisKelvin, Model.ThermocoupleHysteresisMemory, Model.ThermocoupleHysteresisSpanKelvin));
        double place = 20;
        void Ramp(double to, TimeSpan hold)
        {
            // 20 K/min, as the calibration ramps, then held.
            while (Math.Abs(to - place) > 1e-9)
            {
                place += Math.Clamp(to - place, -20.0 / 600, 20.0 / 600);
                tc.Step(place, Model.Step, new Random(0));
            }

            for (long i = 0; i < hold.Ticks / Model.Step.Ticks; i++)
            {
                tc.Step(place, Model.Step, new Random(0));
            }
        }

        Ramp(500, TimeSpan.FromMinutes(7));
        double warmed = tc.Reading;
        Ramp(620, TimeSpan.FromMinutes(7));
        Ramp(500, TimeSpan.FromMinutes(7));
        double cooled = tc.Reading;
        Ramp(501, TimeSpan.FromMinutes(1));
        Ramp(500, TimeSpan.FromMinutes(1));
        double afterOvershoot = tc.Reading;

        Assert.That(warmed, Is.EqualTo(500 - (Model.ThermocoupleHysteresisKelvin / 2)).Within(0.002), "warmed to it: half the width low");
        Assert.That(cooled, Is.EqualTo(500 + (Model.ThermocoupleHysteresisKelvin / 2)).Within(0.002), "cooled to it: half the width high");
        Assert.That(afterOvershoot - cooled, Is.LessThan(0.02).And.GreaterThan(-0.02), "a kelvin of overshoot barely moves the wire's history");
    }

    [Test]
    public void ReferenceReading_At800Degrees_ReadsItsOwnSmallErrorWithinItsCertificate()
    {
        double error = Model.ReferenceReadingCelsius(800) - 800;

        Assert.That(error, Is.EqualTo(0.03).Within(1e-9));
        Assert.That(error, Is.LessThan(0.05), "within the certificate's expanded uncertainty");
    }

    private static void Run(FurnacePhysics physics, TimeSpan duration)
    {
        long steps = duration.Ticks / Model.Step.Ticks;
        for (long i = 0; i < steps; i++)
        {
            physics.Step();
        }
    }
}
