namespace UsocHil.Expectations;

/// <summary>The outcome of holding one measurement against one expectation.</summary>
public enum Verdict
{
    /// <summary>Inside the nominal band.</summary>
    Pass,

    /// <summary>Outside the nominal band but inside the hard one (a yellow limit, say): acceptable, worth a look.</summary>
    Marginal,

    /// <summary>Outside the hard band, or not measurable at all.</summary>
    Fail,
}
