namespace UsocHil.Emulation;

/// <summary>A rig cannot be emulated: it names no emulator, or one nothing registered.</summary>
public sealed class EmulationException(string rig, string message) : Exception(message)
{
    public string Rig { get; } = rig;
}
