namespace UsocHil.Sequencing;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>Every step ran and every verdict passed.</summary>
    Passed,

    /// <summary>Every step ran but at least one verdict failed.</summary>
    VerdictFailed,

    /// <summary>A step failed, timed out, or a hard limit tripped; the rig was safed.</summary>
    Failed,

    /// <summary>The link to the rig was lost; the rig was safed as far as it could be.</summary>
    LinkLost,

    /// <summary>The operator aborted; the rig was safed.</summary>
    Aborted,
}
