using UsocHil.Description;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.Tests.FirmwareSim.Plant;

/// <summary>The block options a firmware-faithful model needs: exact lags, the PID's derivative and integral forms, the unit seed.</summary>
public sealed class PlantBlockOptionsTests
{
    private static readonly RigDefinition s_rig = new()
    {
        Name = "test-rig",
        Apid = 1,
        Dictionary = new RigDictionary
        {
            Parameters = [new ParameterDefinition { Id = 1, Name = "KI", Type = "float32", Settable = true }, new ParameterDefinition { Id = 2, Name = "SP", Type = "float32", Settable = true }],
        },
    };

    private static PlantModel Model(double step, params BlockDefinition[] blocks) =>
        new(new PlantDefinition { StepSeconds = step, Constants = new Dictionary<string, double> { ["TARGET"] = 100 }, Blocks = blocks }, s_rig, 1);

    private static void Run(PlantModel model, double seconds)
    {
        for (int i = 0; i < (int)Math.Round(seconds / model.Definition.StepSeconds); i++)
        {
            model.Step();
        }
    }

    [Test]
    public void Step_ExactLagWithACoarseStep_IsTheClosedFormWhereEulerIsNot()
    {
        PlantModel exact = Model(1, new BlockDefinition { Name = "Y", Kind = "lag", Input = "TARGET", Seconds = "2", Exact = true });
        PlantModel euler = Model(1, new BlockDefinition { Name = "Y", Kind = "lag", Input = "TARGET", Seconds = "2" });
        Run(exact, 2);
        Run(euler, 2);
        Assert.That(exact["Y"], Is.EqualTo(100 * (1 - Math.Exp(-1))).Within(1e-9));
        Assert.That(euler["Y"], Is.EqualTo(75).Within(1e-9), "forward Euler: two half-steps toward the target");
    }

    [TestCase("output-sum", 0.5)]
    [TestCase("error-sum", 50)]
    public void Step_IntegralGainRaisedAtSteadyState_OutputSumDoesNotBumpTheOutput(string integral, double largestJump)
    {
        // A pure-integral controller on a plant with gain 1: at steady state the integral alone holds the output at 100.
        PlantModel model = Model(0.01,
            new BlockDefinition { Name = "U", Kind = "pid", Setpoint = "TARGET", Measurement = "Y", Kp = "0", Ki = "KI", Min = "0", Max = "1000", Integral = integral },
            new BlockDefinition { Name = "Y", Kind = "lag", Input = "U", Seconds = "1", Exact = true });
        model["KI"] = 1;
        Run(model, 60);
        Assert.That(model["U"], Is.EqualTo(100).Within(0.5));

        model["KI"] = 1.5;
        Run(model, 0.01);
        Assert.That(Math.Abs(model["U"] - 100), integral == "output-sum" ? Is.LessThan(largestJump) : Is.GreaterThan(largestJump - 1));
    }

    [TestCase("measurement", 9.99, 10.01)]
    [TestCase("error", 400, 1e9)]
    public void Step_SetpointStep_DerivativeOnMeasurementDoesNotKick(string derivative, double atLeast, double atMost)
    {
        PlantModel model = Model(0.1,
            new BlockDefinition { Name = "U", Kind = "pid", Setpoint = "SP", Measurement = "Y", Kp = "1", Kd = "100", Min = "-1e9", Max = "1e9", Derivative = derivative, DerivativeFilterSeconds = 2, Integral = "output-sum" },
            new BlockDefinition { Name = "Y", Kind = "lag", Input = "0", Seconds = "1" });
        Run(model, 1);
        model["SP"] = 10;
        Run(model, 0.1);
        Assert.That(model["U"], Is.InRange(atLeast, atMost), "output the step after a 10 unit setpoint step (Kp 1, Kd 100)");
    }

    [Test]
    public void Constructor_UnitSeedSerial_DrawsTheFurnaceReferenceUnit()
    {
        var definition = new PlantDefinition
        {
            UnitSeed = "SERIAL",
            Units = [new UnitDraw { Name = "OFFSET", Min = -5, Max = 5 }, new UnitDraw { Name = "GAIN", Min = -0.02, Max = 0.02 }, new UnitDraw { Name = "QUAD", Min = -1.0 / 640_000, Max = 1.0 / 640_000 }, new UnitDraw { Name = "LAG", Min = 1, Max = 3 }],
        };
        foreach (int serial in (int[])[1, 2, 3, 42])
        {
            var model = new PlantModel(definition, s_rig, serial);
            FurnaceUnit unit = FurnaceUnit.FromSerialNumber(serial, new FurnaceThermalModel());
            Assert.That(model["OFFSET"], Is.EqualTo(unit.Errors[0].OffsetKelvin).Within(1e-12));
            Assert.That(model["GAIN"], Is.EqualTo(unit.Errors[0].GainError).Within(1e-15));
            Assert.That(model["QUAD"], Is.EqualTo(unit.Errors[0].QuadraticPerKelvin).Within(1e-18));
            Assert.That(model["LAG"], Is.EqualTo(unit.Lags[0].TotalSeconds).Within(1e-6));
        }
    }

    [Test]
    public void Constructor_BadPidOptionOrUnitSeed_NamesTheField()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => Model(0.1, new BlockDefinition { Name = "U", Kind = "pid", Setpoint = "0", Measurement = "0", Kp = "1", Derivative = "rate" }))!;
        Assert.That(error.Message, Does.StartWith("blocks[0].derivative:"));
        error = Assert.Throws<PlantDefinitionException>(() => Model(0.1, new BlockDefinition { Name = "U", Kind = "pid", Setpoint = "0", Measurement = "0", Kp = "1", Integral = "sum" }))!;
        Assert.That(error.Message, Does.StartWith("blocks[0].integral:"));
        error = Assert.Throws<PlantDefinitionException>(() => new PlantModel(new PlantDefinition { UnitSeed = "SERIAL * t" }, s_rig, 1))!;
        Assert.That(error.Message, Does.StartWith("unitSeed:").And.Contain("only SERIAL"));
    }
}
