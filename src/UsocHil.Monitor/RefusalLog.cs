using System.Collections.Concurrent;
using Serilog;

namespace UsocHil.Monitor;

/// <summary>
/// Counts what the monitor turns away, by kind (connection limit, foreign Host, foreign origin, wrong token, ...). A
/// flood must not flood the run's log, so the first refusal of a kind is logged with its reason, later ones only as a
/// running count at most every <see cref="SummaryInterval"/>, and <see cref="LogTotals"/> writes the totals when the
/// monitor stops.
/// </summary>
internal sealed class RefusalLog(ILogger log, TimeProvider time)
{
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Counts one refusal of <paramref name="kind"/>; logs it if it is the first, or a summary if one is due.</summary>
    public void Refuse(string kind, string remote, string why)
    {
        Tally tally = _tallies.GetOrAdd(kind, _ => new Tally());
        long now = time.GetTimestamp();
        long count;
        bool first, due;
        lock (tally)
        {
            count = ++tally.Count;
            first = count == 1;
            due = !first && time.GetElapsedTime(tally.LoggedAt, now) >= SummaryInterval;
            if (first || due)
            {
                tally.LoggedAt = now;
            }
        }

        if (first)
        {
            log.Warning("Monitor refused a request from {Remote} ({Kind}): {Why}; further refusals of this kind are counted and summarised", remote, kind, why);
        }
        else if (due)
        {
            log.Warning("Monitor has refused {Count} requests so far ({Kind}), the last from {Remote}: {Why}", count, kind, remote, why);
        }
    }

    /// <summary>How many refusals of <paramref name="kind"/> so far.</summary>
    public long Count(string kind) => _tallies.TryGetValue(kind, out Tally? tally) ? Interlocked.Read(ref tally.Count) : 0;

    /// <summary>Every kind with its count so far.</summary>
    public IReadOnlyDictionary<string, long> Totals => _tallies.ToDictionary(t => t.Key, t => Interlocked.Read(ref t.Value.Count), StringComparer.Ordinal);

    /// <summary>When the monitor stops: one line per kind refused, with its total.</summary>
    public void LogTotals()
    {
        foreach ((string kind, long count) in Totals.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            log.Warning("Monitor refused {Count} requests in all ({Kind})", count, kind);
        }
    }

    private sealed class Tally
    {
        public long Count;
        public long LoggedAt;
    }
}
