namespace UsocHil.Sequencing.Steps;

/// <summary>One setting of a threshold search: what the raised parameter was set to, the reading it gave, and whether the protection tripped.</summary>
internal readonly record struct ThresholdTrial(double Setting, double Reading, bool Tripped);
