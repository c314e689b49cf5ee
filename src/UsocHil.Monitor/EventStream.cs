using Microsoft.AspNetCore.Http;

namespace UsocHil.Monitor;

/// <summary>
/// One page's server-sent event stream: the snapshot first, then whatever its queue holds each time it is woken.
/// Only this loop ever waits on the page's socket; the broadcaster never does.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);
    private static readonly byte[] s_keepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public static async Task WriteAsync(HttpContext context, RunBroadcaster broadcaster, TimeProvider time, CancellationToken cancellationToken)
    {
        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";

        (ClientQueue queue, string snapshot) = broadcaster.Connect();
        try
        {
            await SendAsync(response, MonitorFrame.Single("snapshot", snapshot), cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var keepAlive = new CancellationTokenSource(s_keepAlive, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, keepAlive.Token);
                try
                {
                    if (!await queue.WaitAsync(linked.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (keepAlive.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    await SendAsync(response, s_keepAliveComment, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                ClientBatch batch = queue.Drain();
                IReadOnlyList<byte[]> frames = batch.Resync ? [MonitorFrame.Single("snapshot", broadcaster.Resync(queue))] : batch.Frames;
                foreach (byte[] frame in frames)
                {
                    await response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away or the server is stopping.
        }
        finally
        {
            broadcaster.Disconnect(queue);
        }
    }

    private static async Task SendAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
