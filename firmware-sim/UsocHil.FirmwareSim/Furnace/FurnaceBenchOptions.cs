using UsocHil.FirmwareSim.Faults;
using UsocHil.Description;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>What one emulated furnace bench is made of.</summary>
public sealed record FurnaceBenchOptions
{
    /// <summary>The unit's serial number; seeds its manufacturing errors and its noise.</summary>
    public int SerialNumber { get; init; } = 1;

    private readonly RigDefinition? _rig;

    /// <summary>
    /// The dictionary the firmware speaks; the one built into it unless the host gives another. Read only when asked
    /// for: an initialiser would parse the built-in one for every bench a station's own definition then replaces
    /// (a reflection-built reader, about a tenth of a run's start at time scale max).
    /// </summary>
    public RigDefinition Rig
    {
        get => _rig ?? FurnaceRigDefinition.Default;
        init => _rig = value;
    }

    public FurnaceThermalModel Model { get; init; } = new();

    public FurnaceDefaults Defaults { get; init; } = new();

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>Where to write the hidden truth as JSON lines; none when null.</summary>
    public string? TruthPath { get; init; }

    /// <summary>The unit's EEPROM image (what its store commands saved); kept in memory only when null.</summary>
    public string? EepromPath { get; init; }

    /// <summary>Rig time between truth lines (more are written when the mode or faults change).</summary>
    public TimeSpan TruthInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Rig time between the clock's catch-up ticks. Each tick integrates every fixed step that has become due, so this
    /// only sets how bursty the telemetry is; at high time scales make it larger to spare the wall clock.
    /// </summary>
    public TimeSpan TickPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The supply's own serial number (a lab instrument, not part of the unit).</summary>
    public string SupplySerialNumber { get; init; } = "PSU0042";
}
