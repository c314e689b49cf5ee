using Microsoft.AspNetCore.Http;

namespace UsocHil.Monitor;

/// <summary>
/// Bounds the pages streaming at once. A stream holds its connection for the whole run and up to a
/// <see cref="ClientQueue"/> of memory, so the bound keeps both fixed; it is below the connection limit so the page,
/// its API and the abort still get through while every stream slot is taken. A page beyond it is answered 503 with
/// Retry-After and its connection closed (the page reconnects by itself).
/// </summary>
internal sealed class EventStreamLimit(int limit, RefusalLog refusals)
{
    private int _open;

    public int Limit => limit;

    /// <summary>Streams open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Runs <paramref name="stream"/> in a slot, or refuses the request when none is free.</summary>
    public async Task ServeAsync(HttpContext context, Func<Task> stream)
    {
        if (Interlocked.Increment(ref _open) > limit)
        {
            Interlocked.Decrement(ref _open);
            refusals.Refuse(RefusalKind.EventStreamLimit, RequestGuard.Remote(context), $"{limit} event streams are open already");
            await RequestGuard.RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "the monitor has too many pages open", retryAfterSeconds: "5").ConfigureAwait(false);
            return;
        }

        try
        {
            await stream().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
