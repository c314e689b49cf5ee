using Npgsql;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// Where the central archive is: a <c>postgres://user@host:port/database?sslmode=require</c> URL, an Npgsql connection
/// string (<c>Host=...;Database=...</c>), or <c>@FILE</c> naming a file that holds one. A password may come from the URL,
/// the file, <c>PGPASSWORD</c> or a pgpass file; it never appears in <see cref="Display"/>, which every message uses.
/// </summary>
public sealed class CentralConnection
{
    /// <summary>Read when a command is given no connection.</summary>
    public const string EnvironmentVariable = "USOC_HIL_CENTRAL";

    private static readonly string[] s_schemes = ["postgres://", "postgresql://"];

    private CentralConnection(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
        var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
        Display = $"postgres://{(shown.Username is { } u ? u + "@" : "")}{shown.Host}:{shown.Port}/{shown.Database}";
    }

    internal NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>The connection without its password, for messages and logs.</summary>
    public string Display { get; }

    /// <summary>True for a location that names a central archive rather than a station's file.</summary>
    public static bool Names(string location) =>
        s_schemes.Any(s => location.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ResultsArchiveException">The location cannot be read as a connection (the message never shows a password).</exception>
    public static CentralConnection Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        string text = location.Trim();
        if (text.StartsWith('@'))
        {
            string file = text[1..];
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ResultsArchiveException(file, $"cannot read the connection file: {e.Message}");
            }
        }

        try
        {
            var builder = s_schemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ? FromUrl(text) : new NpgsqlConnectionStringBuilder(text);
            builder.ApplicationName ??= "usoc-hil";
            builder.Timeout = builder.Timeout == 15 ? 5 : builder.Timeout;
            return new CentralConnection(builder);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw new ResultsArchiveException(Redact(text), $"not a PostgreSQL connection: {e.Message.Replace(text, Redact(text), StringComparison.Ordinal)}");
        }
    }

    /// <summary>The text with any password in it replaced, for a message about a location that could not be read.</summary>
    public static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)\\s*=\\s*[^;]*", "$1=***"),
            "(?i)(postgres(?:ql)?://[^:/@]+):[^@]*@", "$1:***@");

    internal NpgsqlDataSource OpenDataSource() => NpgsqlDataSource.Create(Builder);

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (uri.UserInfo is { Length: > 0 } info)
        {
            string[] parts = info.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            builder[key switch
            {
                "sslmode" => "SSL Mode",
                "user" => "Username",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                _ => key,
            }] = value;
        }

        return builder;
    }
}
