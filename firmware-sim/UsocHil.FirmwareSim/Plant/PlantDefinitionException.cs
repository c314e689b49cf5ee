namespace UsocHil.FirmwareSim.Plant;

/// <summary>model.json says something the emulator cannot run; <see cref="Where"/> names the field.</summary>
public sealed class PlantDefinitionException(string where, string message) : Exception($"{where}: {message}")
{
    public string Where { get; } = where;
}
