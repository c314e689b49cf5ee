using UsocHil.Registration;

namespace UsocHil.Emulation;

/// <summary>
/// The emulators a station can start, by the name a rig gives in <c>rig.json</c>'s <c>emulator</c>: the rig, not the
/// command line, chooses what stands in for its ground model.
/// </summary>
public sealed class Emulators
{
    private readonly Registry<Func<EmulatorStart, IEmulatedRig>> _registry = new("emulator");

    public IReadOnlyList<string> Names => _registry.Names;

    public Emulators Add(string name, Func<EmulatorStart, IEmulatedRig> start)
    {
        _registry.Add(name, start);
        return this;
    }

    /// <exception cref="EmulationException">The rig names no emulator, or one that is not registered.</exception>
    public IEmulatedRig Start(EmulatorStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        string name = start.Rig.Emulator
            ?? throw new EmulationException(start.RigName, $"rig '{start.RigName}' names no emulator (\"emulator\" in its rig.json); registered: {Known}");
        if (!_registry.TryGet(name, out Func<EmulatorStart, IEmulatedRig>? factory))
        {
            throw new EmulationException(start.RigName, $"rig '{start.RigName}' names emulator '{name}', which is not registered; registered: {Known}");
        }

        start.Log.Debug("Starting the {Emulator} emulator for {Rig} at {Scale}x rig time, unit seed {Seed}", name, start.RigName, start.TimeScale, start.Seed);
        return factory(start);
    }

    private string Known => _registry.Names.Count == 0 ? "none" : string.Join(", ", _registry.Names);
}
