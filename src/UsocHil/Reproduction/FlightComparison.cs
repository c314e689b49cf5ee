namespace UsocHil.Reproduction;

/// <summary>
/// Holds the ground model's telemetry against the flight's, parameter by parameter: the ground curve is shifted by
/// the lag (within ±<see cref="MaxLagSeconds"/>) that leaves the fewest flight samples outside the envelope, and of
/// those the smallest mean error, because
/// a ground model and a flight unit differ in thermal mass and inertia; the envelope is
/// <see cref="EnvelopeOfSpan"/> of the flight's own range (at least <see cref="EnvelopeOfMagnitude"/> of its
/// magnitude, and at least <see cref="NoiseFactor"/> times its typical sample-to-sample change, so a noisy or
/// controlled quantity is not held tighter than the flight unit held it itself). A parameter differs when more than <see cref="OutsideAllowed"/> of its flight samples stay outside.
/// Flight telemetry is evidence here, never a limit.
/// </summary>
public static class FlightComparison
{
    public const double MaxLagSeconds = 30;
    public const double LagStepSeconds = 0.25;
    public const double EnvelopeOfSpan = 0.03;
    public const double EnvelopeOfMagnitude = 0.005;
    public const double OutsideAllowed = 0.10;
    public const double NoiseFactor = 3;
    public const double MeanTolerance = 0.05;

    /// <param name="flight">Per parameter, (offset s, value) in offset order.</param>
    /// <param name="ground">Per parameter, (offset s on the flight's axis, value) in offset order.</param>
    public static IReadOnlyList<ParameterAgreement> Compare(
        IReadOnlyDictionary<string, List<(double T, double V)>> flight, IReadOnlyDictionary<string, List<(double T, double V)>> ground)
    {
        var agreements = new List<ParameterAgreement>();
        foreach ((string parameter, List<(double T, double V)> f) in flight.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (f.Count < 10 || !ground.TryGetValue(parameter, out List<(double T, double V)>? g) || g.Count < 2)
            {
                continue;
            }

            double span = f.Max(s => s.V) - f.Min(s => s.V);
            double magnitude = f.Max(s => Math.Abs(s.V));
            double envelope = Math.Max(Math.Max(EnvelopeOfSpan * span, EnvelopeOfMagnitude * magnitude), Math.Max(NoiseFactor * Noise(f), 1e-9));
            var fits = new List<(double Lag, double Outside, double Mean, double P95, int N)>();
            for (double lag = -MaxLagSeconds; lag <= MaxLagSeconds + 1e-9; lag += LagStepSeconds)
            {
                (double outside, double mean, double p95, int n) = Errors(f, g, lag, envelope);
                if (n > 0)
                {
                    fits.Add((lag, outside, mean, p95, n));
                }
            }

            if (fits.Count == 0)
            {
                continue;
            }

            // On a plateau many lags fit equally well: of the fits within a hair of the best mean error, the lag
            // nearest zero, so that sampling jitter does not wander the reported lag across the plateau.
            double fewest = fits.Min(x => x.Outside);
            double bestMean = fits.Where(x => x.Outside == fewest).Min(x => x.Mean);
            var best = fits.Where(x => x.Outside == fewest && x.Mean <= bestMean * (1 + MeanTolerance) + 0.001 * envelope)
                .OrderBy(x => Math.Abs(x.Lag)).First();
            agreements.Add(new ParameterAgreement(parameter, best.N, Math.Round(best.Lag, 2), envelope, best.Outside, (envelope - best.P95) / envelope, best.Outside <= OutsideAllowed));
        }

        return agreements;
    }

    /// <summary>The median absolute change between successive flight samples.</summary>
    private static double Noise(List<(double T, double V)> samples)
    {
        double[] steps = [.. samples.Zip(samples.Skip(1), (a, b) => Math.Abs(b.V - a.V)).Order()];
        return steps.Length == 0 ? 0 : steps[steps.Length / 2];
    }

    private static (double Outside, double Mean, double P95, int N) Errors(List<(double T, double V)> flight, List<(double T, double V)> ground, double lag, double envelope)
    {
        var errors = new List<double>(flight.Count);
        int j = 0;
        foreach ((double t, double v) in flight)
        {
            double at = t + lag;
            if (at < ground[0].T || at > ground[^1].T)
            {
                continue;
            }

            while (j + 1 < ground.Count && ground[j + 1].T < at)
            {
                j++;
            }

            while (j > 0 && ground[j].T > at)
            {
                j--;
            }

            (double t0, double v0) = ground[j];
            (double t1, double v1) = ground[Math.Min(j + 1, ground.Count - 1)];
            double gv = t1 > t0 ? v0 + (v1 - v0) * (at - t0) / (t1 - t0) : v0;
            errors.Add(Math.Abs(gv - v));
        }

        if (errors.Count == 0)
        {
            return (double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 0);
        }

        errors.Sort();
        return (errors.Count(e => e > envelope) / (double)errors.Count, errors.Average(), errors[(int)(0.95 * (errors.Count - 1))], errors.Count);
    }
}
