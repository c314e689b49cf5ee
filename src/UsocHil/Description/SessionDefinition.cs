namespace UsocHil.Description;

/// <summary>
/// How a rig session tells a live payload from a silent or restarted one, in the payload's own words: the
/// <c>"session"</c> object of <c>rig.json</c>. The names are dictionary entries, checked by <c>config validate</c>.
/// </summary>
public sealed record SessionDefinition
{
    /// <summary>A harmless command sent periodically to feed the payload's watchdog; null for none.</summary>
    public HeartbeatDefinition? Heartbeat { get; init; }

    /// <summary>The dictionary event the payload raises when it has booted; one while a run is active is a reboot.</summary>
    public string? BootEvent { get; init; }

    /// <summary>Rig time without housekeeping, once it has flowed, after which the payload link counts as lost.</summary>
    public double SilenceSeconds { get; set; } = 15;
}
