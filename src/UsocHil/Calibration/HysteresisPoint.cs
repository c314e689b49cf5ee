namespace UsocHil.Calibration;

/// <summary>
/// One calibration point reached from both sides: the sensor's deviation from the reference (x - y) on the way up and
/// on the way down, and their difference, the hysteresis h = down - up. Rows are identified by their index in the
/// data set.
/// </summary>
public sealed record HysteresisPoint(double Reference, int UpRow, int DownRow, double UpDeviation, double DownDeviation)
{
    /// <summary>Two rows whose reference means are closer than this (in the reference's unit) are the same point.</summary>
    public const double DefaultSamePointBand = 2.0;

    public double Hysteresis => DownDeviation - UpDeviation;

    /// <summary>Per row, whether its reference reads higher than the previous row's (the first row: yes).</summary>
    public static bool[] ApproachedFromBelow(IReadOnlyList<double> reference) =>
        reference.Select((r, i) => i == 0 || r > reference[i - 1]).ToArray();

    /// <summary>
    /// Pairs rows approached from below with rows approached from above at the same point. A row is approached from
    /// below when its reference reads higher than the previous row's; the first row is taken as approached from below,
    /// as a unit warms from ambient to its first point. Each row is used in at most one pair, the closest.
    /// </summary>
    public static IReadOnlyList<HysteresisPoint> Of(SampleSet set, string x, string y, double samePointBand = DefaultSamePointBand)
    {
        double[] sensor = set.Column(x);
        double[] reference = set.Column(y);
        bool[] fromBelow = ApproachedFromBelow(reference);
        var usedDown = new HashSet<int>();
        var points = new List<HysteresisPoint>();
        for (int up = 0; up < reference.Length; up++)
        {
            if (!fromBelow[up])
            {
                continue;
            }

            int down = Enumerable.Range(0, reference.Length)
                .Where(i => !fromBelow[i] && !usedDown.Contains(i) && Math.Abs(reference[i] - reference[up]) < samePointBand)
                .OrderBy(i => Math.Abs(reference[i] - reference[up]))
                .DefaultIfEmpty(-1)
                .First();
            if (down < 0)
            {
                continue;
            }

            usedDown.Add(down);
            points.Add(new HysteresisPoint((reference[up] + reference[down]) / 2, up, down, sensor[up] - reference[up], sensor[down] - reference[down]));
        }

        return points;
    }
}
