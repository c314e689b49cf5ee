namespace UsocHil.Results;

/// <summary>The outcome of recomputing every sealed run's hash and chain link: intact, or the first run that is not.</summary>
public sealed record ChainVerification(int RunsChecked, long? FirstBrokenRun, string? Reason)
{
    public bool Intact => FirstBrokenRun is null;
}
