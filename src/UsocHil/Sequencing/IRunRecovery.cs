namespace UsocHil.Sequencing;

/// <summary>What the run's guards ask after a lost link or a reboot, and what recovering starts: the link-recovery policy's side of the state machine.</summary>
internal interface IRunRecovery
{
    /// <summary>The policy says reconnect, the binding can, and the run has outages left.</summary>
    bool ShouldReconnect { get; }

    /// <summary>The policy says re-apply the volatile parameters after a reboot.</summary>
    bool ReapplyOnReboot { get; }

    /// <summary>The state the last outage interrupted, to go back to once reconnected.</summary>
    RunState Interrupted { get; }

    /// <summary>Starts reconnecting after an outage that interrupted <paramref name="interrupted"/>.</summary>
    void Reconnect(RunState interrupted);

    /// <summary>Re-applies the volatile parameters the run had set, beside the phase under way.</summary>
    void Reapply();
}
