using UsocHil.Description;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.Tests.FirmwareSim.Plant;

public sealed class PlantModelTests
{
    private static readonly RigDefinition s_rig = new()
    {
        Name = "test-rig",
        Apid = 1,
        Dictionary = new RigDictionary
        {
            Parameters = [new ParameterDefinition { Id = 1, Name = "KP", Type = "float32", Settable = true }],
        },
        Gpio = [new GpioLineDefinition { Name = "ENABLE", Direction = "output", DefaultPin = 5 }],
    };

    private static PlantModel Model(int seed, params BlockDefinition[] blocks) => new(new PlantDefinition
    {
        StepSeconds = 0.01,
        Constants = new Dictionary<string, double> { ["TARGET"] = 100 },
        Units = [new UnitDraw { Name = "GAIN", Mean = 1, Sigma = 0.05 }, new UnitDraw { Name = "OFFSET", Min = -1, Max = 1 }],
        Blocks = blocks,
    }, s_rig, seed);

    private static void Run(PlantModel model, double seconds)
    {
        for (int i = 0; i < (int)Math.Round(seconds / model.Definition.StepSeconds); i++)
        {
            model.Step();
        }
    }

    [Test]
    public void Step_Lag_ReachesSixtyThreePercentInOneTimeConstant()
    {
        PlantModel model = Model(1, new BlockDefinition { Name = "Y", Kind = "lag", Input = "TARGET", Seconds = "2" });
        Run(model, 2);
        Assert.That(model["Y"], Is.EqualTo(63.2).Within(0.5));
    }

    [Test]
    public void Step_RateLimitAndIntegratorWithStop_FollowTheirBounds()
    {
        PlantModel model = Model(1,
            new BlockDefinition { Name = "R", Kind = "rate-limit", Input = "TARGET", Rate = "10" },
            new BlockDefinition { Name = "I", Kind = "integrator", Input = "ENABLE ? 50 : -50", Min = "0", Max = "120" });
        model["ENABLE"] = 1;
        Run(model, 3);
        Assert.That(model["R"], Is.EqualTo(30).Within(1e-6));
        Assert.That(model["I"], Is.EqualTo(120).Within(1e-6));
        model["ENABLE"] = 0;
        Run(model, 5);
        Assert.That(model["I"], Is.Zero);
    }

    [Test]
    public void Step_PidWithDictionaryGain_DrivesAFirstOrderPlantToItsSetpoint()
    {
        PlantModel model = Model(1,
            new BlockDefinition { Name = "U", Kind = "pid", Setpoint = "TARGET", Measurement = "Y", Kp = "KP", Ki = "0.5", Min = "0", Max = "500", Enable = "ENABLE" },
            new BlockDefinition { Name = "Y", Kind = "lag", Input = "U", Seconds = "1" });
        model["KP"] = 2;
        model["ENABLE"] = 1;
        Run(model, 60);
        Assert.That(model["Y"], Is.EqualTo(100).Within(0.5));
        model["ENABLE"] = 0;
        Run(model, 0.01);
        Assert.That(model["U"], Is.Zero, "a disabled controller commands nothing");
    }

    [Test]
    public void Step_MapSensorAndLatch_BehaveAsDescribed()
    {
        PlantModel model = Model(1,
            new BlockDefinition { Name = "M", Kind = "map", Input = "TARGET", Points = [[0, 0], [50, 10], [200, 40]] },
            new BlockDefinition { Name = "S", Kind = "sensor", Input = "M", Quantum = 0.5 },
            new BlockDefinition { Name = "L", Kind = "latch", Set = "M > 15", Reset = "ENABLE" });
        Run(model, 0.01);
        Assert.That((model["M"], model["S"], model["L"]), Is.EqualTo((20.0, 20.0, 1.0)));
        model["ENABLE"] = 1;
        model.Force("M", 5);
        Run(model, 0.01);
        Assert.That(model["L"], Is.Zero);
        Assert.That(model["M"], Is.EqualTo(5), "a forced signal holds whatever its block computes");
    }

    [Test]
    public void Constructor_UnitDraws_DifferBetweenSeedsAndRepeatForOne()
    {
        double first = Model(1)["GAIN"];
        Assert.That(Model(1)["GAIN"], Is.EqualTo(first));
        Assert.That(Model(1)["GAIN"], Is.Not.EqualTo(Model(2)["GAIN"]));
        Assert.That(Model(3)["OFFSET"], Is.InRange(-1, 1));
    }

    [Test]
    public void Constructor_BadBlock_NamesTheField()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => Model(1, new BlockDefinition { Name = "Y", Kind = "lag", Input = "TARGT", Seconds = "1" }))!;
        Assert.That(error.Message, Does.StartWith("blocks[0].input:").And.Contain("unknown signal 'TARGT'"));
        error = Assert.Throws<PlantDefinitionException>(() => Model(1, new BlockDefinition { Name = "Y", Kind = "spring" }))!;
        Assert.That(error.Message, Does.StartWith("blocks[0].kind:"));
    }
}
