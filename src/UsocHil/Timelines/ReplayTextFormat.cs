using System.Globalization;
using System.Text.RegularExpressions;

namespace UsocHil.Timelines;

/// <summary>
/// A telemetry replay file (SCOS-2000 test tools' shape): one entry per line, <c>#</c> comments, <c>obt(YYYY.DDD.hh.mm.ss.mmm)</c>
/// and <c>ert(...)</c> stamping the next packet with its on-board and earth-reception times, <c>sleep(ms)</c> between
/// packets that carry no stamp, and each packet as hexadecimal octets. A packet named only by its SCOS-2000 SPID has no
/// octets to read: counted unknown. A packet with a reception stamp only is placed at its reception time; the
/// pairs with both stamps give the correlation recorded (the median of reception minus on-board time).
/// </summary>
internal static partial class ReplayTextFormat
{
    public static string Read(string path, TimelineBuilder into, TimelinePacketReader packets)
    {
        string name = Path.GetFileName(path);
        DateTimeOffset clock = DateTimeOffset.UnixEpoch;
        DateTimeOffset? obt = null, ert = null;
        bool stamped = false;
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            string text = raw.Trim();
            string where = $"{name} line {line}";
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (Stamp().Match(text) is { Success: true } stamp)
            {
                if (Time(stamp.Groups[2].Value) is not { } at)
                {
                    into.Total++;
                    into.BadOne(where, $"'{stamp.Groups[2].Value}' is not YYYY.DDD.hh.mm.ss.mmm");
                }
                else if (stamp.Groups[1].Value == "obt")
                {
                    obt = at;
                }
                else
                {
                    ert = at;
                }

                continue;
            }

            if (Sleep().Match(text) is { Success: true } sleep)
            {
                clock = clock.AddMilliseconds(double.Parse(sleep.Groups[1].Value, CultureInfo.InvariantCulture));
                continue;
            }

            if (obt is { } o && ert is { } e)
            {
                into.Correlate(o, e);
            }

            DateTimeOffset onboard = obt ?? (ert is { } r ? r : clock);
            stamped |= obt is not null || ert is not null;
            if (text.All(char.IsAsciiDigit) && text.Length <= 10)
            {
                into.Total++;
                into.Telemetry++;
                into.UnknownOne(where, $"packet by SPID {text}: the replay names a mission database packet, not its octets");
                into.Now(onboard);
            }
            else if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
            {
                packets.Read(into, Convert.FromHexString(text), where, onboard);
            }
            else
            {
                into.Total++;
                into.BadOne(where, "neither a packet in hexadecimal, a SPID, obt(), ert() nor sleep()");
            }

            obt = ert = null;
        }

        return stamped
            ? "on-board time from the replay's obt() stamps (reception time where only ert() is given)"
            : "on-board time from the replay's sleep() delays between packets";
    }

    private static DateTimeOffset? Time(string text)
    {
        string[] p = text.Split('.');
        if (p.Length != 6 || !p.All(x => x.Length > 0 && x.All(char.IsAsciiDigit)))
        {
            return null;
        }

        int[] n = [.. p.Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
        if (n[1] is < 1 or > 366 || n[2] > 23 || n[3] > 59 || n[4] > 60)
        {
            return null;
        }

        return new DateTimeOffset(n[0], 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(n[1] - 1).AddHours(n[2]).AddMinutes(n[3]).AddSeconds(n[4]).AddMilliseconds(n[5]);
    }

    [GeneratedRegex(@"^(obt|ert)\((.*)\)$")]
    private static partial Regex Stamp();

    [GeneratedRegex(@"^sleep\((\d+(?:\.\d+)?)\)$")]
    private static partial Regex Sleep();
}
