using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Serilog;

namespace UsocHil.Monitor;

/// <summary>
/// The operator abort behind a token printed on the console at start: whoever can read the operator's terminal may
/// abort from the page; anyone else who reaches the port sees a read-only page. The token travels only in the
/// <see cref="HeaderName"/> header of a request from the page's own origin (<see cref="OperatorRequest"/>), is compared
/// in constant time, and refusals beyond <see cref="RefusalRate"/> are answered 429. The right token is never rate
/// limited: a flood of wrong guesses must not lock the operator out of stopping the rig (12 characters of 31 are
/// about 59 bits, beyond any guessing rate).
/// </summary>
internal sealed class AbortGate(string token, Func<Task>? requestAbort, RefusalLog refusals, RefusalRate rate, ILogger log)
{
    public const string HeaderName = "X-Abort-Token";

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
        if (await RefuseAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        bool first = Interlocked.Exchange(ref _requested, 1) == 0;
        log.Warning("Operator abort requested from the monitor by {Remote}", RequestGuard.Remote(context));
        await requestAbort!().ConfigureAwait(false);
        return HttpResults.Json(new { accepted = true, first }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The refusal of a request that acts on the run (abort, a prompt's answer, hold, resume): from another origin, on a
    /// read-only monitor, without the right token; null when it may act.
    /// </summary>
    public async Task<IResult?> RefuseAsync(HttpContext context)
    {
        string remote = RequestGuard.Remote(context);
        if (await OperatorRequest.RefuseAsync(context).ConfigureAwait(false) is { } bad)
        {
            return Refuse(context, remote, bad.Status, bad.Kind, bad.Why);
        }

        if (requestAbort is null)
        {
            return Refuse(context, remote, StatusCodes.Status403Forbidden, RefusalKind.ReadOnly, "this monitor is read-only");
        }

        string? presented = context.Request.Headers[HeaderName].FirstOrDefault();
        if (!Accepts(presented))
        {
            return Refuse(context, remote, StatusCodes.Status403Forbidden, RefusalKind.Token, presented is null ? "no abort token" : "wrong abort token");
        }

        return null;
    }

    private IResult Refuse(HttpContext context, string remote, int status, string kind, string why)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!rate.TryTake())
        {
            refusals.Refuse(RefusalKind.RateLimit, remote, $"more than {rate.Burst} refusals in {RefusalRate.Window.TotalSeconds:F0} s");
            context.Response.Headers.RetryAfter = RefusalRate.Window.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
            return HttpResults.Json(new { accepted = false, reason = "too many refused requests: wait and try again" }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        refusals.Refuse(kind, remote, why);
        return HttpResults.Json(new { accepted = false, reason = why }, statusCode: status);
    }
}
