namespace UsocHil.Description;

/// <summary>The expected facility behaviour written down before the test, beyond per-parameter limits.</summary>
public sealed record ExpectationsDefinition
{
    public CommandVerificationTiming? CommandVerification { get; init; }
    public HousekeepingRateExpectation? Housekeeping { get; init; }
    public double? BootSeconds { get; init; }
    public DynamicsExpectation? Dynamics { get; init; }
    public IReadOnlyList<ConsistencyExpectation> Consistency { get; set; } = [];
}

public sealed record CommandVerificationTiming(double AcceptanceSeconds, double CompletionSeconds);

public sealed record HousekeepingRateExpectation(int StructureId, double RatePerSecond, double Tolerance);

public sealed record DynamicsExpectation(string Parameter, double MaxRampPerMinute, double MaxOvershoot, double SettleBand, double SettleSeconds);

public sealed record ConsistencyExpectation(string Name, IReadOnlyList<string> Parameters, double Band);
