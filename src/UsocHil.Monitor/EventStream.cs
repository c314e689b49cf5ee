using System.Text;
using Microsoft.AspNetCore.Http;

namespace UsocHil.Monitor;

/// <summary>
/// One page's server-sent event stream: the snapshot first, then whatever its queue holds each time it is woken.
/// Only this loop ever waits on the page's socket; the broadcaster never does.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    public static async Task WriteAsync(HttpContext context, RunBroadcaster broadcaster, TimeProvider time, CancellationToken cancellationToken)
    {
        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";

        (ClientQueue queue, string snapshot) = broadcaster.Connect();
        try
        {
            var text = new StringBuilder();
            await SendAsync(response, Append(text, "snapshot", snapshot), cancellationToken).ConfigureAwait(false);
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
                    await SendAsync(response, text.Clear().Append(": keep-alive\n\n"), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                text.Clear();
                ClientBatch batch = queue.Drain();
                if (batch.Resync)
                {
                    Append(text, "snapshot", broadcaster.Resync(queue));
                    batch = queue.Drain();
                }

                if (batch.Telemetry.Count > 0)
                {
                    Append(text, "telemetry", MonitorJson.Serialize(batch.Telemetry));
                }

                foreach (OutgoingMessage message in batch.Messages)
                {
                    Append(text, message.Event, message.Data);
                }

                if (text.Length > 0)
                {
                    await SendAsync(response, text, cancellationToken).ConfigureAwait(false);
                }
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

    private static StringBuilder Append(StringBuilder text, string name, string data) =>
        text.Append("event: ").Append(name).Append('\n').Append("data: ").Append(data).Append("\n\n");

    private static async Task SendAsync(HttpResponse response, StringBuilder text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
