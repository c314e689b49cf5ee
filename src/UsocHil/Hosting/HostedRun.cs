using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>A run as the host leaves it: its result, and where it was sealed.</summary>
/// <param name="Report">The HTML report's path, when one was asked for.</param>
public sealed record HostedRun(RunResult Result, long RunId, string ResultsPath, string? Report);
