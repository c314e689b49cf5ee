namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Finds the reading at which a protection trips by raising a parameter in increments, coarse to fine: from the
/// value as found, each increment of the first size until the protection trips; then back to the last setting that
/// did not trip, the protection re-armed, and on with the next, finer size. The threshold is bracketed by the finest
/// size. A trip before any raise, or none within <c>maxRaise</c> of the start, ends the search.
/// </summary>
internal static class ThresholdSearch
{
    public static async Task<ThresholdSearchResult> RunAsync(double start, IReadOnlyList<double> increments, double maxRaise, IThresholdProbe probe, CancellationToken cancellationToken)
    {
        if (increments.Count == 0 || increments.Any(i => !(i > 0)))
        {
            throw new ArgumentException("increments must be positive", nameof(increments));
        }

        ThresholdTrial clear = await probe.TryAsync(start, cancellationToken).ConfigureAwait(false);
        int trials = 1, resets = 0;
        if (clear.Tripped)
        {
            return new ThresholdSearchResult(clear, null, trials, resets);
        }

        for (int size = 0; size < increments.Count; size++)
        {
            double from = clear.Setting;
            for (int k = 1; ; k++)
            {
                // Counted from where this pass began, not accumulated, so a thousand small steps add no rounding.
                double setting = from + (k * increments[size]);
                if (setting - start > maxRaise * (1 + 1e-12))
                {
                    return new ThresholdSearchResult(null, clear, trials, resets);
                }

                ThresholdTrial trial = await probe.TryAsync(setting, cancellationToken).ConfigureAwait(false);
                trials++;
                if (!trial.Tripped)
                {
                    clear = trial;
                    continue;
                }

                if (size == increments.Count - 1)
                {
                    return new ThresholdSearchResult(trial, clear, trials, resets);
                }

                await probe.ResetAsync(clear.Setting, cancellationToken).ConfigureAwait(false);
                resets++;
                break;
            }
        }

        throw new InvalidOperationException("unreachable: the finest increment returns");
    }
}
