using Microsoft.AspNetCore.Http;
using ILogger = Serilog.ILogger;

namespace UsocHil.Monitor;

/// <summary>
/// The first thing every request meets: security headers on every answer, a foreign Host refused with 421, a
/// malformed or oversized request with 400/413 and anything the monitor itself got wrong with a logged 500, so no
/// answer is ever an unexplained 500 and every refusal is counted.
/// </summary>
internal sealed class RequestGuard(RefusalLog refusals, ILogger log)
{
    /// <summary>Kestrel's bound on a request body: the monitor's requests have none worth the name.</summary>
    public const long MaxBodyBytes = 4 * 1024;

    private long _faults;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        SecurityHeaders.Apply(context.Response.Headers);
        if (HostCheck.Refuse(context) is { } why)
        {
            refusals.Refuse(RefusalKind.Host, Remote(context), why);
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "this monitor answers only to its own address").ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            refusals.Refuse(RefusalKind.BadRequest, Remote(context), e.Message);
            await RefuseAsync(context, e.StatusCode, "the request is malformed or too large").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e)
        {
            // Logged with its count: a fault here is the monitor's, and must not be silent or take the run down.
            log.Error(e, "Monitor could not answer {Method} {Path} (fault {Count})", context.Request.Method, context.Request.Path.Value, Interlocked.Increment(ref _faults));
            await RefuseAsync(context, StatusCodes.Status500InternalServerError, "the monitor could not answer; see the harness log").ConfigureAwait(false);
        }
    }

    public static string Remote(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? $"{address}:{context.Connection.RemotePort}" : "?";

    /// <summary>A plain-text refusal; the connection is closed after it, so a refused client holds no descriptor.</summary>
    public static async Task RefuseAsync(HttpContext context, int status, string reason, string? retryAfterSeconds = null)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        SecurityHeaders.Apply(context.Response.Headers);
        context.Response.StatusCode = status;
        context.Response.Headers.Connection = "close";
        context.Response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is not null)
        {
            context.Response.Headers.RetryAfter = retryAfterSeconds;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(false);
    }
}
