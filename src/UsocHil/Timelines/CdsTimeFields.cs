using UsocHil.Dictionary;

namespace UsocHil.Timelines;

/// <summary>
/// Where a packet layout keeps its on-board time as a CCSDS day-segmented time code (CCSDS 301.0-B-4 §3.3): days since
/// 1958-01-01, milliseconds of the day and, optionally, microseconds of the millisecond, each a field by name.
/// </summary>
public sealed record CdsTimeFields(string Days, string Milliseconds, string? Microseconds)
{
    private static readonly DateTimeOffset Epoch = new(1958, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"DAYS,MS[,US]", as given on the command line.</summary>
    public static CdsTimeFields Parse(string text)
    {
        string[] names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length is 2 or 3
            ? new CdsTimeFields(names[0], names[1], names.Length == 3 ? names[2] : null)
            : throw new FormatException($"a day-segmented time is DAYS,MILLISECONDS[,MICROSECONDS] field names, not '{text}'");
    }

    /// <summary>The packet's time; null when it lacks one of the fields.</summary>
    public DateTimeOffset? Read(DecodedPacket packet)
    {
        double? Raw(string? name) => name is null ? 0 : packet.Fields.Where(f => f.Parameter.Name == name).Select(f => (double?)f.Value.Raw).FirstOrDefault();
        return Raw(Days) is { } days && Raw(Milliseconds) is { } ms && Raw(Microseconds) is { } us
            ? Epoch.AddDays(days).AddTicks((long)(ms * TimeSpan.TicksPerMillisecond) + (long)(us * TimeSpan.TicksPerMicrosecond))
            : null;
    }
}
