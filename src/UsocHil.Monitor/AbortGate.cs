using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Serilog;

namespace UsocHil.Monitor;

/// <summary>
/// The operator abort behind a token printed on the console at start: whoever can read the operator's terminal may
/// abort from the page; anyone else who reaches the port sees a read-only page. Compared in constant time.
/// </summary>
internal sealed class AbortGate(string token, Func<Task>? requestAbort, ILogger log)
{
    public const string HeaderName = "X-Abort-Token";
    public const string FormField = "token";

    // No 0/O, 1/I/L: the operator may have to type it from a terminal on another screen.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private int _requested;

    public string Token => token;

    public bool Available => requestAbort is not null;

    public static string NewToken() => RandomNumberGenerator.GetString(Alphabet, 12);

    public bool Accepts(string? presented) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.Trim()), Encoding.UTF8.GetBytes(token));

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        string? presented = context.Request.Headers[HeaderName].FirstOrDefault();
        if (presented is null && context.Request.HasFormContentType)
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            presented = form[FormField].FirstOrDefault();
        }

        string remote = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (requestAbort is null)
        {
            log.Warning("Monitor abort from {Remote} refused: this monitor is read-only", remote);
            return HttpResults.Json(new { accepted = false, reason = "this monitor is read-only" }, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!Accepts(presented))
        {
            log.Warning("Monitor abort from {Remote} refused: {Why}", remote, presented is null ? "no token" : "wrong token");
            return HttpResults.Json(new { accepted = false, reason = "the abort token is missing or wrong" }, statusCode: StatusCodes.Status403Forbidden);
        }

        bool first = Interlocked.Exchange(ref _requested, 1) == 0;
        log.Warning("Operator abort requested from the monitor by {Remote}", remote);
        await requestAbort().ConfigureAwait(false);
        return HttpResults.Json(new { accepted = true, first }, statusCode: StatusCodes.Status202Accepted);
    }
}
