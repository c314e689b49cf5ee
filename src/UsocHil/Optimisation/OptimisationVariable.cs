namespace UsocHil.Optimisation;

/// <summary>One knob the optimiser turns, bounded, with its starting value and the size of the first move.</summary>
public sealed record OptimisationVariable(string Name, double Initial, double Min, double Max, double Step)
{
    public double Clamp(double value) => Math.Clamp(value, Min, Max);
}
