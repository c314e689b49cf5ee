namespace UsocHil.Sequencing;

/// <summary>
/// The bound on reconnecting a lost payload link (policy onLinkLoss = reconnect). Spans are wall-clock, as the wire
/// runs no faster under an accelerated rig clock: exponential backoff with jitter from <see cref="FirstDelay"/> to
/// <see cref="MaxDelay"/>, each attempt (reopen and are-you-alive) cut at <see cref="AttemptTimeout"/>.
/// </summary>
public sealed record ReconnectPolicy
{
    /// <summary>Attempts per outage; then the run fails into safing.</summary>
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Outages one run survives; a link that keeps dropping fails the run rather than repeating steps for ever.</summary>
    public int MaxOutages { get; init; } = 5;
}
