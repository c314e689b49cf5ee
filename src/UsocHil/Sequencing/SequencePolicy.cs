namespace UsocHil.Sequencing;

/// <summary>What a sequence does when the link drops or the device reboots under it.</summary>
public sealed record SequencePolicy
{
    /// <summary>
    /// fail (safe and stop) or reconnect: where the binding allows (TCP, a serial device that comes back), reconnect with
    /// bounded backoff, check the payload answers, then run the interrupted step (or section) again; safe and stop if not.
    /// </summary>
    public string OnLinkLoss { get; init; } = "fail";

    /// <summary>fail (safe and stop) or reapply (set the volatile parameters the run had set, then carry on).</summary>
    public string OnReboot { get; init; } = "fail";

    public bool ReapplyOnReboot => string.Equals(OnReboot, "reapply", StringComparison.Ordinal);

    public bool ReconnectOnLinkLoss => string.Equals(OnLinkLoss, "reconnect", StringComparison.Ordinal);
}
