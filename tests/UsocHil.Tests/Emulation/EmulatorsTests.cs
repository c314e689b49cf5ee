using Serilog.Core;
using UsocHil.Description;
using UsocHil.Emulation;
using UsocHil.Rigs;

namespace UsocHil.Tests.Emulation;

public class EmulatorsTests
{
    [Test]
    public async Task The_rig_chooses_its_emulator_by_the_name_in_its_rig_file()
    {
        var started = new List<string>();
        Emulators emulators = new Emulators()
            .Add("pump", s => { started.Add("pump " + s.Seed); return new Stand(); })
            .Add("oven", s => { started.Add("oven " + s.Seed); return new Stand(); });

        await using IEmulatedRig rig = emulators.Start(Start(Rig("oven"), seed: 4));

        Assert.That(started, Is.EqualTo(new[] { "oven 4" }));
    }

    [Test]
    public void A_rig_naming_an_emulator_nobody_registered_is_refused_with_the_registered_names()
    {
        Emulators emulators = new Emulators().Add("pump", _ => new Stand());

        var e = Assert.Throws<EmulationException>(() => emulators.Start(Start(Rig("centrifuge"))));

        Assert.That(e!.Message, Is.EqualTo("rig 'bench-rig' names emulator 'centrifuge', which is not registered; registered: pump"));
    }

    [Test]
    public void A_rig_that_names_no_emulator_cannot_be_emulated()
    {
        var e = Assert.Throws<EmulationException>(() => new Emulators().Start(Start(Rig(null))));

        Assert.That(e!.Message, Does.StartWith("rig 'bench-rig' names no emulator (\"emulator\" in its rig.json)"));
    }

    private static RigDefinition Rig(string? emulator) =>
        new() { Name = "bench-rig", Apid = 1, Dictionary = new RigDictionary(), Emulator = emulator };

    private static EmulatorStart Start(RigDefinition rig, int seed = 1) =>
        new(rig, "bench-rig", seed, [], TimeProvider.System, 1, Logger.None);

    private sealed class Stand : IEmulatedRig
    {
        public RigBinding Binding { get; } = new();

        public IRigLines? Lines => null;

        public IReadOnlyList<string> Endpoints => [];

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
