namespace UsocHil.Results;

/// <summary>One damaged run (or 0 for the anchor itself) and what is wrong with it, in words.</summary>
public sealed record RunDamage(long RunId, string What);

/// <summary>
/// The outcome of checking an archive: every sealed run's hash, chain link and signature, every anchor line, every
/// unsealed run and every stray row. Lists all the damage, not only the first; <see cref="StillRecording"/> are runs
/// whose writer still holds its lock (not damage).
/// </summary>
public sealed record ChainVerification(int RunsChecked, IReadOnlyList<RunDamage> Damage, IReadOnlyList<long> StillRecording)
{
    public bool Intact => Damage.Count == 0;

    /// <summary>The lowest damaged run, or null when the archive is intact.</summary>
    public long? FirstBrokenRun => Damage.Count == 0 ? null : Damage.Where(d => d.RunId > 0).Select(d => (long?)d.RunId).FirstOrDefault() ?? 0;

    /// <summary>What is wrong with <see cref="FirstBrokenRun"/>.</summary>
    public string? Reason => FirstBrokenRun is { } run ? Damage.First(d => d.RunId == run).What : null;
}
