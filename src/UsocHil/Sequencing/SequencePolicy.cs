namespace UsocHil.Sequencing;

/// <summary>What a sequence does when the link drops or the device reboots under it.</summary>
public sealed record SequencePolicy
{
    /// <summary>fail (safe and stop) or reconnect (the session retries where its binding allows).</summary>
    public string OnLinkLoss { get; init; } = "fail";

    /// <summary>fail (safe and stop) or reapply (set the volatile parameters the run had set, then carry on).</summary>
    public string OnReboot { get; init; } = "fail";

    public bool ReapplyOnReboot => string.Equals(OnReboot, "reapply", StringComparison.Ordinal);
}
