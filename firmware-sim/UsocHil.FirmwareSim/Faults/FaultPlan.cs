namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// The faults to inject into one emulated rig, parsed from <c>--fault</c> specs (or the station's binding). Link faults
/// are applied by <see cref="FaultyLink"/> and the PUS emulator; the others by the bench at their rig time.
/// </summary>
public sealed record FaultPlan
{
    public static FaultPlan None { get; } = new();

    /// <summary>Probability that an outgoing byte has one bit flipped.</summary>
    public double CorruptRate { get; init; }

    /// <summary>Probability that an outgoing byte is lost.</summary>
    public double DropRate { get; init; }

    /// <summary>Extra rig time before each telecommand's answers are sent.</summary>
    public TimeSpan ResponseDelay { get; init; }

    /// <summary>Probability that a telecommand is executed but all its answers (verification, reports) are lost.</summary>
    public double NoResponseRate { get; init; }

    public IReadOnlyList<SensorFault> Sensors { get; init; } = [];

    /// <summary>Model signals held at a value (or stuck where they are) from a rig time on: the model-driven emulator's faults.</summary>
    public IReadOnlyList<SignalFault> Signals { get; init; } = [];

    /// <summary>Fraction of the commanded power the degraded heater element delivers (1 = healthy).</summary>
    public double HeaterFactor { get; init; } = 1;

    public TimeSpan? RebootAt { get; init; }

    public TimeSpan? DisconnectAt { get; init; }

    /// <summary>How long the disconnect lasts (the cable plugged back in); null: for good.</summary>
    public TimeSpan? DisconnectFor { get; init; }

    public TimeSpan? SupplyTripAt { get; init; }

    /// <summary>An error of the reference multimeter, from a rig time on; null: the reference reads true.</summary>
    public ReferenceOffsetFault? ReferenceOffset { get; init; }

    public IReadOnlyList<string> Specs { get; init; } = [];

    public bool AffectsLinkBytes => CorruptRate > 0 || DropRate > 0;

    /// <summary>Parses every spec; throws <see cref="FaultSpecException"/> at the first bad one.</summary>
    public static FaultPlan Parse(IEnumerable<string> specs)
    {
        FaultPlan plan = None;
        foreach (string spec in specs)
        {
            plan = FaultSpecParser.Apply(plan, spec);
        }

        return plan;
    }

    public override string ToString() => Specs.Count == 0 ? "none" : string.Join(' ', Specs);
}
