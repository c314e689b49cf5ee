namespace UsocHil.Expectations;

/// <summary>
/// The one verdict of a check, a step, a run and an archived row, ordered from best to worst as OpenTAP orders its
/// verdicts: combining verdicts keeps the worst (<see cref="VerdictOrder.Worst(Verdict, Verdict)"/>).
/// </summary>
public enum Verdict
{
    /// <summary>Nothing was judged: a value recorded without an expectation.</summary>
    NotSet,

    /// <summary>Inside the nominal band.</summary>
    Pass,

    /// <summary>Outside the nominal band but inside the hard one (a yellow limit, say): acceptable, worth a look.</summary>
    Marginal,

    /// <summary>Judged, but the evidence neither passes nor fails it.</summary>
    Inconclusive,

    /// <summary>Outside the hard band, or not measurable at all.</summary>
    Fail,

    /// <summary>Stopped by the operator or a limit before it could be judged.</summary>
    Aborted,

    /// <summary>The harness itself failed while judging.</summary>
    Error,
}
