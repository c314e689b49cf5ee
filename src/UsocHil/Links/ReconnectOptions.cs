namespace UsocHil.Links;

/// <summary>How a <see cref="ReconnectingLink"/> backs off: exponential from <see cref="FirstDelay"/>, with jitter, capped (wall-clock spans).</summary>
public sealed record ReconnectOptions
{
    public static ReconnectOptions Default { get; } = new();

    /// <summary>Attempts per outage before the read or write that found the link broken fails.</summary>
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
