namespace UsocHil.Protocols.Pus;

/// <summary>How a <see cref="PusClient"/> buffers and names things.</summary>
public sealed record PusClientOptions
{
    /// <summary>Telemetry packets kept for a slow reader of <see cref="PusClient.Telemetry"/>; beyond it the oldest are dropped and counted.</summary>
    public int TelemetryCapacity { get; init; } = 4096;

    /// <summary>The name of a service 1 failure code (from the rig dictionary), for error messages.</summary>
    public Func<int, string?> FailureCodeName { get; init; } = _ => null;
}
