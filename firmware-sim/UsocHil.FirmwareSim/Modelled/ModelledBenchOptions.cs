using UsocHil.Description;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.FirmwareSim.Modelled;

/// <summary>What one model-driven bench is made of.</summary>
public sealed record ModelledBenchOptions
{
    public required RigDefinition Rig { get; init; }

    public required PlantDefinition Model { get; init; }

    /// <summary>The unit's serial number; seeds its per-unit values and its noise.</summary>
    public int SerialNumber { get; init; } = 1;

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    public string? TruthPath { get; init; }

    public string? EepromPath { get; init; }

    public TimeSpan TickPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    public string SupplySerialNumber { get; init; } = "PSU0042";
}
