using Microsoft.AspNetCore.Http;

namespace UsocHil.Monitor;

/// <summary>
/// What a request that acts on the run (the abort, any operator answer) must be before its token is even looked at:
/// from the page's own origin (Origin and Sec-Fetch-Site, which browsers set and pages cannot forge), with no form body
/// (a form is what any web site can post cross-origin without asking) and a small one. Clients that are not browsers
/// send neither header and are judged by the token alone.
/// </summary>
internal static class OperatorRequest
{
    public const int MaxBodyBytes = 1024;

    /// <summary>Null when the request may be considered; otherwise the status, the refusal's kind and why.</summary>
    public static async Task<(int Status, string Kind, string Why)?> RefuseAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string? site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        if (site is not null && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status403Forbidden, RefusalKind.Origin, $"sent by a {site} page");
        }

        string? origin = request.Headers.Origin.FirstOrDefault();
        if (origin is not null && !origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status403Forbidden, RefusalKind.Origin, $"sent by a page of {origin}");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, RefusalKind.BadRequest, $"a body of {request.ContentLength} bytes");
        }

        if (request.HasFormContentType)
        {
            return (StatusCodes.Status400BadRequest, RefusalKind.BadRequest, "a form body (the token goes in the X-Abort-Token header)");
        }

        // A chunked body has no length up front: read at most one byte past the bound.
        byte[] buffer = new byte[MaxBodyBytes + 1];
        int total = 0, read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total > MaxBodyBytes ? (StatusCodes.Status413PayloadTooLarge, RefusalKind.BadRequest, $"a body of more than {MaxBodyBytes} bytes") : null;
    }
}
