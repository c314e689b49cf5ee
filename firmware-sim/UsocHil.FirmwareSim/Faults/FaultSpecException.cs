namespace UsocHil.FirmwareSim.Faults;

/// <summary>A <c>--fault</c> spec that cannot be understood; the message is one line, fit for the console.</summary>
public sealed class FaultSpecException(string spec, string problem)
    : FormatException($"bad fault '{spec}': {problem}")
{
    public string Spec { get; } = spec;
}
