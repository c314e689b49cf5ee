namespace UsocHil.Expectations;

/// <summary>
/// How a measured value and its expanded uncertainty U decide a verdict against a tolerance (ILAC-G8:09/2019,
/// JCGM 106). Named in the expectation, so the record says which rule made the verdict.
/// </summary>
public enum DecisionRule
{
    /// <summary>The measured value inside the tolerance passes, whatever U (ILAC-G8 4.2.1, w = 0).</summary>
    SimpleAcceptance,

    /// <summary>Guarded acceptance (w = U): passes only inside the tolerance shrunk by U on each side; anything else fails.</summary>
    GuardBanded,

    /// <summary>
    /// Conforming (pass) inside the tolerance shrunk by U, non-conforming (fail) outside it widened by U, and not
    /// proven (inconclusive) between.
    /// </summary>
    ThreeState,
}
