namespace UsocHil.Description;

/// <summary>How a rig is made safe beyond its GPIO safe levels and instruments' safe commands: payload commands first.</summary>
public sealed record SafingDefinition
{
    /// <summary>Dictionary commands sent first, best effort (a heating element switched off, a motor stopped).</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>How long each safing action may take before the next one runs anyway.</summary>
    public double ActionTimeoutSeconds { get; init; } = 1.0;

    /// <summary>The bound on the whole of safing.</summary>
    public double BudgetSeconds { get; init; } = 10.0;
}
