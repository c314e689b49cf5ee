using Serilog;

namespace UsocHil.Links;

/// <summary>
/// Says at the default level that a link is dropping bad frames, without a line per frame (a corrupting serial line
/// drops thousands): a warning at the 1st, 10th, 100th, ... drop, each with the count so far and the last reason.
/// Every drop is counted in the link's <see cref="LinkStatistics.FramingErrors"/>, which the run reports at its end.
/// </summary>
public sealed class DroppedFrameWarning(ILogger log)
{
    private long _next = 1;

    public void Dropped(ILink link, string reason)
    {
        long count = link.Statistics.FramingErrors;
        long next = Interlocked.Read(ref _next);
        if (count < next || Interlocked.CompareExchange(ref _next, count * 10, next) != next)
        {
            return;
        }

        log.Warning("Link {Link} dropped {Count} bad frame(s) so far, the last: {Reason}; next said at {Next}, all counted in the link statistics",
            link.Info.Name, count, reason, count * 10);
    }
}
