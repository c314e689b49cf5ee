namespace UsocHil.Optimisation;

/// <summary>One evaluation on the rig: where, and what the objective was.</summary>
public sealed record OptimisationEvaluation(int Index, IReadOnlyList<double> Point, double Objective);

/// <summary>The best point found, how many evaluations it took and why the search stopped.</summary>
public sealed record OptimisationResult(IReadOnlyList<double> Best, double BestObjective, int Evaluations, bool Converged, string Reason, IReadOnlyList<OptimisationEvaluation> History);
