namespace UsocHil.Sequencing;

/// <summary>What moves a run from one state to the next.</summary>
public enum RunTrigger
{
    Start,

    /// <summary>The current phase or step finished; Executing is re-entered while steps remain.</summary>
    StepCompleted,
    StepFailed,
    HardLimitViolated,
    LinkLost,
    Timeout,
    OperatorAbort,

    /// <summary>The device rebooted under the run (a boot event while active).</summary>
    DeviceRebooted,

    /// <summary>Safing finished, whatever each action's outcome.</summary>
    SafingDone,

    /// <summary>The payload link is back and the payload answered: the interrupted phase runs again.</summary>
    Reconnected,

    /// <summary>Reconnecting did not succeed within its bound.</summary>
    ReconnectFailed,

    /// <summary>The operator resumed a held run: the next step runs.</summary>
    Resume,
}
