using System.Globalization;
using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// The epochs an absolute time counts from: XTCE's named ones (TAI 1958-01-01, J2000 2000-01-01T11:58:55.816 UTC, UNIX
/// and POSIX 1970-01-01, GPS 1980-01-06) or an ISO 8601 date or date-time (UTC unless it says otherwise). An instant is
/// the epoch plus the seconds, without leap seconds: the count is read in the epoch's own time scale.
/// </summary>
public static class TimeEpochs
{
    private static readonly Dictionary<string, DateTimeOffset> Named = new(StringComparer.Ordinal)
    {
        ["TAI"] = new(1958, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ["J2000"] = new DateTimeOffset(2000, 1, 1, 11, 58, 55, TimeSpan.Zero).AddMilliseconds(816),
        ["UNIX"] = DateTimeOffset.UnixEpoch,
        ["POSIX"] = DateTimeOffset.UnixEpoch,
        ["GPS"] = new(1980, 1, 6, 0, 0, 0, TimeSpan.Zero),
    };

    public static IEnumerable<string> Names => Named.Keys;

    public static bool TryParse(string? text, out DateTimeOffset epoch)
    {
        epoch = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Named.TryGetValue(text, out epoch))
        {
            return true;
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out epoch);
    }

    /// <summary>The instant an absolute time's engineering value (seconds) stands for; null for a relative time or an unreadable epoch.</summary>
    public static DateTimeOffset? Instant(TimeDefinition time, double seconds)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (time.Relative || !TryParse(time.Epoch, out DateTimeOffset epoch) || !double.IsFinite(seconds))
        {
            return null;
        }

        double ticks = seconds * TimeSpan.TicksPerSecond;
        double room = ticks >= 0 ? DateTimeOffset.MaxValue.Ticks - epoch.Ticks : epoch.Ticks - DateTimeOffset.MinValue.Ticks;
        return Math.Abs(ticks) < room ? epoch.AddTicks((long)ticks) : null;
    }
}
