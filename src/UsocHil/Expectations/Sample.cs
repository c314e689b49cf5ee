namespace UsocHil.Expectations;

/// <summary>One value of a time series; <see cref="Seconds"/> is rig time from any fixed origin (the run start, a step start).</summary>
public readonly record struct Sample(double Seconds, double Value);
