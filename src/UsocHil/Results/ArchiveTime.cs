using System.Globalization;

namespace UsocHil.Results;

/// <summary>
/// How times are stored: ISO 8601 UTC text with 100 ns digits for the low-volume tables (readable in the sqlite3 tool),
/// integer microseconds since the Unix epoch for the telemetry table (the high-volume path). Every step writes three
/// such times when it is recorded and reads and writes them again when its run is sealed, so the one pattern is
/// written and read by hand: .NET interprets a custom pattern letter by letter, at about a microsecond a time.
/// </summary>
internal static class ArchiveTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    public const int TextLength = 28;

    public static string ToText(DateTimeOffset time) =>
        string.Create(TextLength, time.UtcDateTime, static (text, utc) => Write(utc, text));

    /// <summary>The text of <see cref="ToText"/> as UTF-8 (it is ASCII) into <paramref name="utf8"/> (<see cref="TextLength"/> bytes).</summary>
    public static void WriteUtf8(DateTimeOffset time, Span<byte> utf8)
    {
        Span<char> text = stackalloc char[TextLength];
        Write(time.UtcDateTime, text);
        for (int i = 0; i < TextLength; i++)
        {
            utf8[i] = (byte)text[i];
        }
    }

    private static void Write(DateTime utc, Span<char> text)
    {
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = '.';
        Digits(text.Slice(20, 7), (int)(utc.Ticks % TimeSpan.TicksPerSecond));
        text[27] = 'Z';
    }

    public static object ToDb(DateTimeOffset? time) => time is { } t ? ToText(t) : DBNull.Value;

    /// <summary>Reads text of exactly <see cref="Format"/>; anything else goes to .NET's parser of that pattern, which refuses it as it always did.</summary>
    public static DateTimeOffset Parse(string text) =>
        TryParseCanonical(text) ?? DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>As <see cref="Parse(string)"/>, from the stored UTF-8 text (read by the archive's own queries) without making a string of it.</summary>
    public static DateTimeOffset Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == TextLength)
        {
            Span<char> text = stackalloc char[TextLength];
            for (int i = 0; i < TextLength; i++)
            {
                text[i] = (char)utf8[i]; // a byte of a multi-byte character is no digit nor separator: refused below
            }

            if (TryParseCanonical(text) is { } time)
            {
                return time;
            }
        }

        return Parse(System.Text.Encoding.UTF8.GetString(utf8));
    }

    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    private static DateTimeOffset? TryParseCanonical(ReadOnlySpan<char> text)
    {
        if (text.Length != TextLength || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
        {
            return null;
        }

        int year = Number(text, 0, 4), month = Number(text, 5, 2), day = Number(text, 8, 2);
        int hour = Number(text, 11, 2), minute = Number(text, 14, 2), second = Number(text, 17, 2), fraction = Number(text, 20, 7);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || (uint)hour > 23 || (uint)minute > 59 || (uint)second > 59 || fraction < 0)
        {
            return null; // Number gives -1 for a non-digit
        }

        return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction));
    }

    private static int Number(ReadOnlySpan<char> text, int start, int length)
    {
        int value = 0;
        for (int i = start; i < start + length; i++)
        {
            int digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = value * 10 + digit;
        }

        return value;
    }

    private static void Digits(Span<char> into, int value)
    {
        for (int i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
