namespace UsocHil.Description;

/// <summary>How a rig is made safe beyond its GPIO safe levels and instruments' safe commands: payload commands first.</summary>
public sealed record SafingDefinition
{
    /// <summary>Dictionary commands sent first, best effort (a heating element switched off, a motor stopped).</summary>
    public IReadOnlyList<string> Commands { get; set; } = [];

    /// <summary>How long each safing action may take before the next one runs anyway.</summary>
    public double ActionTimeoutSeconds { get; set; } = 1.0;

    /// <summary>The bound on the whole of safing.</summary>
    public double BudgetSeconds { get; set; } = 10.0;
}
