namespace UsocHil.Expectations;

/// <summary>
/// The figures of a step response measured from a time series: when it first came within the band of its target, the
/// steepest ramp (least-squares slope over a sliding window, so sensor noise does not read as a ramp), the overshoot past
/// the target, and the settling time after which it stayed within the band until the end of the record.
/// </summary>
public sealed record StepResponse(double ReachSeconds, double MaxRampPerMinute, double Overshoot, double SettlingSeconds, double HeldSeconds, int SettleIndex, int SteepestIndex, int PeakIndex)
{
    public bool Settled => !double.IsNaN(SettlingSeconds);

    /// <summary>Measures <paramref name="samples"/> (seconds from the step) against <paramref name="target"/> and the band ±<paramref name="band"/>.</summary>
    public static StepResponse Measure(IReadOnlyList<Sample> samples, double target, double band, double rampWindowSeconds = 60)
    {
        if (samples.Count == 0)
        {
            return new StepResponse(double.NaN, double.NaN, double.NaN, double.NaN, 0, -1, -1, -1);
        }

        double start = samples[0].Value;
        int direction = target >= start ? 1 : -1;
        double reach = double.NaN;
        int peak = 0;
        int lastOutside = -1;
        for (int i = 0; i < samples.Count; i++)
        {
            double v = samples[i].Value;
            bool inside = Math.Abs(v - target) <= band;
            if (inside && double.IsNaN(reach))
            {
                reach = samples[i].Seconds - samples[0].Seconds;
            }

            if (!inside)
            {
                lastOutside = i;
            }

            if (direction * (v - samples[peak].Value) > 0)
            {
                peak = i;
            }
        }

        double overshoot = Math.Max(0, direction * (samples[peak].Value - target));
        int settleIndex = lastOutside + 1;
        double settling = double.NaN;
        double held = 0;
        if (settleIndex < samples.Count)
        {
            settling = samples[settleIndex].Seconds - samples[0].Seconds;
            held = samples[^1].Seconds - samples[settleIndex].Seconds;
        }

        var (ramp, steepest) = SteepestSlopePerMinute(samples, rampWindowSeconds);
        return new StepResponse(reach, ramp, overshoot, settling, held, settleIndex < samples.Count ? settleIndex : -1, steepest, peak);
    }

    /// <summary>Largest |slope| (per minute) of a least-squares line over any full window; over the whole record if it is shorter.</summary>
    private static (double SlopePerMinute, int Index) SteepestSlopePerMinute(IReadOnlyList<Sample> samples, double window)
    {
        int n = samples.Count;
        if (n < 2)
        {
            return (0, 0);
        }

        double t0 = samples[0].Seconds;
        bool shortRecord = samples[^1].Seconds - t0 < window;
        double st = 0, sv = 0, stt = 0, stv = 0;
        double best = 0;
        int bestIndex = 0;
        int first = 0;
        for (int i = 0; i < n; i++)
        {
            double t = samples[i].Seconds - t0, v = samples[i].Value;
            st += t; sv += v; stt += t * t; stv += t * v;
            while (samples[i].Seconds - samples[first].Seconds > window)
            {
                double tf = samples[first].Seconds - t0, vf = samples[first].Value;
                st -= tf; sv -= vf; stt -= tf * tf; stv -= tf * vf;
                first++;
            }

            int m = i - first + 1;
            bool full = shortRecord ? i == n - 1 : samples[i].Seconds - samples[first].Seconds >= window * 0.9;
            double denominator = (m * stt) - (st * st);
            if (!full || m < 2 || denominator <= 0)
            {
                continue;
            }

            double slope = Math.Abs(((m * stv) - (st * sv)) / denominator);
            if (slope > best)
            {
                best = slope;
                bestIndex = i;
            }
        }

        return (best * 60, bestIndex);
    }
}
