using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.Tests.Reporting;

/// <summary>A long run's telemetry is cut for the report's plots without losing what a plot shows: extremes, ends, steps.</summary>
public sealed class PlottedTelemetryTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    private static TelemetryRow At(double seconds, string parameter, double value) => new(Start.AddSeconds(seconds), parameter, value);

    [Test]
    public void Thin_FourHoursAt10Hz_AtMostFourSamplesPerColumnWithEveryExtremeAndBothEnds()
    {
        const int samples = 144_000;
        TelemetryRow[] rows =
        [
            .. Enumerable.Range(0, samples).Select(i => At(i / 10.0, "TC1_TEMP", 500 + 10 * Math.Sin(i / 500.0) + (i == 77_777 ? 300 : 0) - (i == 12_345 ? 400 : 0))),
            .. Enumerable.Range(0, samples).Select(i => At(i / 10.0, "MODE", i < 50_000 ? 1 : 2)),
        ];

        IReadOnlyList<TelemetryRow> kept = PlottedTelemetry.Thin(rows.OrderBy(r => r.Time), Start, Start.AddHours(4), buckets: 1000);

        var tc = kept.Where(r => r.Parameter == "TC1_TEMP").ToList();
        Assert.That(tc, Has.Count.LessThanOrEqualTo(4 * 1000).And.Count.GreaterThan(1000));
        Assert.That(tc.Max(r => r.Value), Is.EqualTo(rows.Where(r => r.Parameter == "TC1_TEMP").Max(r => r.Value)), "the spike is kept");
        Assert.That(tc.Min(r => r.Value), Is.EqualTo(rows.Where(r => r.Parameter == "TC1_TEMP").Min(r => r.Value)), "the dip is kept");
        Assert.That(tc[0], Is.EqualTo(rows[0]));
        Assert.That(tc[^1], Is.EqualTo(rows[samples - 1]));
        Assert.That(kept.Select(r => r.Time), Is.Ordered);
        Assert.That(kept.All(r => rows.Contains(r)), Is.True, "only recorded samples, none made up");

        var mode = kept.Where(r => r.Parameter == "MODE").ToList();
        double column = 4 * 3600 / 1000.0;
        Assert.That(mode.First(r => r.Value == 2).Time, Is.EqualTo(Start.AddSeconds(5_000)), "the step's first sample");
        Assert.That((Start.AddSeconds(5_000) - mode.Last(r => r.Value == 1).Time).TotalSeconds, Is.LessThan(column), "the step is drawn within one column");
    }

    [Test]
    public void Thin_FewSamples_KeepsThemAll()
    {
        TelemetryRow[] rows = [At(0, "P", 1), At(60, "P", 5), At(120, "P", 2), At(180, "P", 4)];

        Assert.That(PlottedTelemetry.Thin(rows, Start, Start.AddSeconds(180), buckets: 100), Is.EqualTo(rows));
    }

    [Test]
    public void Thin_RunWithNoRecordedEnd_SpreadsOverTheSamplesNotIntoOneColumn()
    {
        TelemetryRow[] rows = [.. Enumerable.Range(0, 36_000).Select(i => At(i / 10.0, "TC1_TEMP", 500 + 10 * Math.Sin(i / 300.0) + (i == 20_000 ? 250 : 0)))];

        IReadOnlyList<TelemetryRow> kept = PlottedTelemetry.Thin(rows, Start, end: null, buckets: 500);

        Assert.That(kept, Has.Count.LessThanOrEqualTo(4 * 500));
        double widestGap = kept.Zip(kept.Skip(1), (a, b) => (b.Time - a.Time).TotalSeconds).Max();
        Assert.That(widestGap, Is.LessThan(2 * 2 * 3600 / 500.0), "columns at most twice as wide as a known end would give, none skipped");
        Assert.That(kept.Max(r => r.Value), Is.EqualTo(rows.Max(r => r.Value)), "the spike is kept");
        Assert.That(kept[0], Is.EqualTo(rows[0]));
        Assert.That(kept[^1], Is.EqualTo(rows[^1]));
        Assert.That(kept.Select(r => r.Time), Is.Ordered);
    }
}
