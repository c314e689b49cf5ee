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
}
