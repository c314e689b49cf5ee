using UsocHil.Description;

namespace UsocHil.Rigs;

/// <summary>What the station adds to a rig session beyond the rig's own words (<see cref="RigDefinition.Session"/>).</summary>
public sealed record RigSessionOptions
{
    /// <summary>
    /// Rig time without housekeeping after which the payload link counts as lost, when the station needs more than the
    /// rig's <see cref="SessionDefinition.SilenceSeconds"/> (a few wall seconds' worth under an accelerated clock); null for the rig's.
    /// </summary>
    public TimeSpan? SilenceTimeout { get; init; }

    /// <summary>
    /// Opens a new payload channel on the same binding, for reconnecting after a loss (TCP, a serial device that
    /// comes back); null when the binding cannot be reopened.
    /// </summary>
    public Func<CancellationToken, Task<IPayloadChannel>>? ReopenPayload { get; init; }
}
