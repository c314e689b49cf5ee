using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>A run as the host leaves it: its result, and where it was sealed.</summary>
/// <param name="Report">The HTML report's path, when one was asked for.</param>
/// <param name="Nonconformances">The nonconformance drafts written for the run (failed verdicts, references not relied on).</param>
public sealed record HostedRun(RunResult Result, long RunId, string ResultsPath, string? Report, IReadOnlyList<string>? Nonconformances = null);
