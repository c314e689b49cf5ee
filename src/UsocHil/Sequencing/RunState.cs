namespace UsocHil.Sequencing;

/// <summary>Where a sequence run is. <see cref="Active"/> is the superstate of everything that may leave the rig unsafe.</summary>
public enum RunState
{
    Idle,
    Active,
    Connecting,
    PoweringUp,
    SelfTest,
    Executing,
    Verifying,
    Safing,
    Completed,
    Failed,
    Aborted,

    /// <summary>The payload link was lost under policy onLinkLoss = reconnect: reconnecting, then the interrupted phase again.</summary>
    Reconnecting,

    /// <summary>
    /// The operator held the run at a step boundary: no step runs, the rig stays as the last step left it, limits and
    /// watchdogs stay armed (a substate of <see cref="Active"/>: an alarm or an abort still safes it).
    /// </summary>
    Held,
}
