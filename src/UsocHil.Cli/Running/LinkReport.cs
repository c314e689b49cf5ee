using System.Collections.Concurrent;
using UsocHil.Links;

namespace UsocHil.Cli.Running;

/// <summary>
/// The links of a run and their counters, said once at its end: frames received and bad frames dropped per link, so a
/// line that corrupted frames shows in the run's output and its log file even where no verdict failed.
/// </summary>
internal sealed class LinkReport
{
    private readonly ConcurrentDictionary<string, LinkStatistics> _links = new(StringComparer.Ordinal);

    public void Opened(string name, LinkStatistics statistics) => _links[name] = statistics;

    /// <summary>"payload 5210 frames, 3 bad dropped (last: ...)", or null when no link counted frames.</summary>
    public string? Summary()
    {
        // Line-based instrument links (SCPI) count no frames: there is nothing to say about them.
        var framed = _links.Where(l => l.Value.Frames > 0 || l.Value.FramingErrors > 0).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        if (framed.Count == 0)
        {
            return null;
        }

        return string.Join("; ", framed.Select(l =>
            l.Value.FramingErrors == 0
                ? $"{l.Key} {l.Value.Frames} frames, none dropped"
                : $"{l.Key} {l.Value.Frames} frames, {l.Value.FramingErrors} bad dropped (last: {l.Value.LastError})"));
    }
}
