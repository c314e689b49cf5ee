namespace UsocHil.Benchmarks.Figures;

/// <summary>One line of the performance table: a figure measured beside its floor or peer, in the same run.</summary>
/// <param name="LowerIsBetter">Latency-like figures (ratio = harness / floor); throughput figures have it false (ratio = floor / harness... or goal).</param>
public sealed record FigureRow(
    string Figure,
    string Subject,
    double Value,
    string Unit,
    string Baseline,
    double BaselineValue,
    string Goal,
    bool GoalMet,
    bool LowerIsBetter = true)
{
    public double Ratio => LowerIsBetter ? Value / BaselineValue : BaselineValue / Value;
}
