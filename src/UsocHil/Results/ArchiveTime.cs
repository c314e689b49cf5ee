using System.Globalization;

namespace UsocHil.Results;

/// <summary>
/// How times are stored: ISO 8601 UTC text with 100 ns digits for the low-volume tables (readable in the sqlite3 tool),
/// integer microseconds since the Unix epoch for the telemetry table (the high-volume path).
/// </summary>
internal static class ArchiveTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static object ToDb(DateTimeOffset? time) => time is { } t ? ToText(t) : DBNull.Value;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
}
