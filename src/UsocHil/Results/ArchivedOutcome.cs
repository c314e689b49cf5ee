namespace UsocHil.Results;

/// <summary>How a run ended, as stored in the archive: the engine's <c>Sequencing.ArchivedOutcome</c> mapped, plus the archive's own running and interrupted.</summary>
public enum ArchivedOutcome
{
    /// <summary>Still being recorded (or its process died and the archive has not been opened since).</summary>
    Running,
    Passed,
    Failed,

    /// <summary>Stopped by the operator or the limit monitor; the rig was safed.</summary>
    Aborted,

    /// <summary>Cut short by a crash or kill -9: found still running when the archive was next opened.</summary>
    Interrupted,

    /// <summary>The harness itself failed (a rig or link fault, a bug).</summary>
    Error,
}

internal static class RunOutcomeText
{
    public static string ToText(this ArchivedOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static ArchivedOutcome Parse(string text) =>
        Enum.TryParse(text, ignoreCase: true, out ArchivedOutcome outcome) ? outcome : throw new FormatException($"unknown run outcome '{text}'");
}
