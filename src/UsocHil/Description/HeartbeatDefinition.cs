namespace UsocHil.Description;

/// <summary>The command that keeps the payload's watchdog fed, and how often (rig time) it is sent.</summary>
public sealed record HeartbeatDefinition
{
    /// <summary>A dictionary command without arguments; also the proof of life after a reconnection.</summary>
    public required string Command { get; init; }

    /// <summary>Rig time between heartbeats: well inside the payload's watchdog timeout.</summary>
    public double IntervalSeconds { get; set; } = 5;
}
