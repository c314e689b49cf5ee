using System.Globalization;

namespace UsocHil.Cli.Running;

/// <summary>
/// Every duration the operator reads, written one way and saying which clock it is: an emulated rig runs faster than
/// the wall clock, so "800 s" and "00:13:20" of the same wait were two readings of one thing.
/// </summary>
internal static class DurationText
{
    public static string Rig(TimeSpan span) => $"{Format(span)} of rig time";

    public static string Wall(TimeSpan span) => $"{Format(span)} of wall time";

    public static string Format(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => $"{span.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms",
        { TotalMinutes: < 1 } => $"{span.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s",
        { TotalHours: < 1 } => $"{span.Minutes} min {span.Seconds:D2} s",
        _ => $"{(int)span.TotalHours} h {span.Minutes:D2} min",
    };
}
