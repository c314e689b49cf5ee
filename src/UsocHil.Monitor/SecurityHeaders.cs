using Microsoft.AspNetCore.Http;

namespace UsocHil.Monitor;

/// <summary>
/// The headers every answer of the monitor carries. The page is our own files only (scripts, styles, its event
/// stream and API on the same origin), so the policy allows nothing else; it is never framed (clickjacking an abort)
/// and never sniffed or leaks its address to another site.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly (string Name, string Value)[] s_headers =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", ContentSecurityPolicy),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    public static void Apply(IHeaderDictionary headers)
    {
        foreach ((string name, string value) in s_headers)
        {
            headers[name] = value;
        }
    }

    /// <summary>The same headers as raw HTTP/1.1 lines, for answers written below Kestrel's HTTP layer.</summary>
    public static string Raw { get; } = string.Concat(s_headers.Select(h => $"{h.Name}: {h.Value}\r\n"));
}
