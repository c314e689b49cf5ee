namespace UsocHil.Rigs;

/// <summary>One engineering value of one parameter at a rig time.</summary>
public readonly record struct TelemetrySample(string Parameter, double Value, DateTimeOffset RigTime);
