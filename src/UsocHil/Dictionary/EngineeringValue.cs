namespace UsocHil.Dictionary;

/// <summary>One decoded parameter: its raw wire value, its engineering value, unit and enumeration label.</summary>
public readonly record struct EngineeringValue(string Name, double Raw, double Value, string? Unit, string? Label)
{
    public override string ToString() => Label ?? (Unit is null ? $"{Value}" : $"{Value} {Unit}");
}
