namespace UsocHil.Sequencing;

/// <summary>
/// Departures from the approved procedure (ECSS-Q-ST-10-09C counts them as nonconformances): each is a run event from
/// the source <see cref="Source"/>, "kind: detail", so it is archived, sealed and pushed with the run's events and
/// listed in the report, the JUnit properties and the nonconformance drafts.
/// </summary>
public static class Deviations
{
    public const string Source = "deviation";

    /// <summary>A prompt (a physical-safety confirmation) answered yes by --yes, not by a person.</summary>
    public const string AutoConfirmedPrompt = "auto-confirmed prompt";

    /// <summary>A wait that timed out and let the run go on (<c>"onTimeout": "continue"</c>).</summary>
    public const string ContinueOnTimeout = "continue on timeout";

    /// <summary>Packets sent outside the dictionary (--raw).</summary>
    public const string RawSending = "raw sending";

    /// <summary>Red limits inhibited by an inhibit step.</summary>
    public const string InhibitedLimit = "inhibited limit";

    /// <summary>A formal run of a sequence whose status is draft, not approved, allowed by a waiver.</summary>
    public const string DraftProcedure = "draft procedure";

    /// <summary>A deviation the run was allowed by a waiver (--waiver).</summary>
    public const string Waiver = "waiver";

    public static RunEvent Event(string kind, string detail, DateTimeOffset rigTime) => new(Source, "warning", $"{kind}: {detail}", rigTime);

    /// <summary>The kind of a deviation event's message ("auto-confirmed prompt").</summary>
    public static string KindOf(string message) => message.Split(':', 2)[0];
}
