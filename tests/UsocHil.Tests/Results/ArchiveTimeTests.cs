using System.Globalization;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>
/// The archive's time text is what every record hash covers: the fast form must write and read exactly what the
/// archive's pattern always did, so runs sealed before it verify after it.
/// </summary>
public sealed class ArchiveTimeTests
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static IEnumerable<DateTimeOffset> Times()
    {
        yield return new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.Zero).AddTicks(4_567_891);
        yield return new DateTimeOffset(2026, 12, 7, 3, 2, 3, TimeSpan.FromHours(2)); // stored as UTC
        yield return DateTimeOffset.UnixEpoch;
        yield return new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        yield return new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999);
        yield return new DateTimeOffset(947, 2, 28, 12, 0, 0, TimeSpan.Zero).AddTicks(1);
    }

    [TestCaseSource(nameof(Times))]
    public void ToText_AnyTime_WritesTheArchivesPattern(DateTimeOffset time) =>
        Assert.That(ArchiveTime.ToText(time), Is.EqualTo(time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture)));

    [TestCaseSource(nameof(Times))]
    public void WriteUtf8_AnyTime_TheBytesOfTheArchivesPattern(DateTimeOffset time)
    {
        byte[] utf8 = new byte[ArchiveTime.TextLength];
        ArchiveTime.WriteUtf8(time, utf8);
        Assert.That(System.Text.Encoding.UTF8.GetString(utf8), Is.EqualTo(time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture)));
    }

    [TestCaseSource(nameof(Times))]
    public void Parse_TextItWrote_ReadsTheSameInstantInUtc(DateTimeOffset time)
    {
        DateTimeOffset read = ArchiveTime.Parse(ArchiveTime.ToText(time));
        Assert.That((read.UtcTicks, read.Offset), Is.EqualTo((time.UtcTicks, TimeSpan.Zero)));
    }

    [TestCaseSource(nameof(Times))]
    public void ParseUtf8_TextItWrote_ReadsWhatParseOfTheStringReads(DateTimeOffset time)
    {
        string text = ArchiveTime.ToText(time);
        DateTimeOffset read = ArchiveTime.Parse(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.That((read.UtcTicks, read.Offset), Is.EqualTo((ArchiveTime.Parse(text).UtcTicks, TimeSpan.Zero)));
    }

    [TestCase("2026-12-07T01:02:03.4567891+02:00")]
    [TestCase("2026-12-07T01:02:03.4567891")]
    [TestCase("2026-12-07T01:02:03.456Z")]
    [TestCase("2026-12-07 01:02:03.4567891Z")]
    [TestCase("2026-13-07T01:02:03.4567891Z")]
    [TestCase("2026-12-07T01:02:03.45678é1Z")]
    public void ParseUtf8_TextNotInTheArchivesPattern_IsRefused(string text) =>
        Assert.That(() => ArchiveTime.Parse(System.Text.Encoding.UTF8.GetBytes(text)), Throws.InstanceOf<FormatException>());

    [TestCase("2026-12-07T01:02:03.4567891+02:00")]
    [TestCase("2026-12-07T01:02:03.4567891")]
    [TestCase("2026-12-07T01:02:03.456Z")]
    [TestCase("2026-12-07 01:02:03.4567891Z")]
    [TestCase("2026-13-07T01:02:03.4567891Z")]
    public void Parse_TextNotInTheArchivesPattern_IsRefused(string text) =>
        Assert.That(() => ArchiveTime.Parse(text), Throws.InstanceOf<FormatException>());
}
