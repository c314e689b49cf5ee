using System.Globalization;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Records;

/// <summary>
/// Ties a run to the calibration its unit loaded: the coefficients an identify step read from the unit
/// ("configuration: TC1_C0", ...) are looked up among the archive's passed runs of the same rig, newest first; a
/// calibration row of fit F matches when F_C0, F_C1, ... as loaded equal its coefficients as float32 (the unit keeps
/// float32). Every fit of the run must match for the run to be named.
/// </summary>
public static class CalibrationOrigin
{
    /// <summary>The event to record: which run produced the loaded calibration, or "calibration of unknown origin"; null when the run read no coefficients.</summary>
    public static async Task<RunEvent?> FindAsync(IResultsStore store, string rig, long currentRun, IReadOnlyList<Measurement> measurements, DateTimeOffset rigTime, CancellationToken cancellationToken)
    {
        var loaded = measurements.Where(m => m.Name.StartsWith("configuration: ", StringComparison.Ordinal))
            .GroupBy(m => m.Name["configuration: ".Length..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        if (!loaded.Keys.Any(k => k.Contains("_C", StringComparison.Ordinal)))
        {
            return null;
        }

        IReadOnlyList<RunSummary> runs = await store.ListRunsAsync(cancellationToken).ConfigureAwait(false);
        foreach (RunSummary candidate in runs.Where(r => r.Id != currentRun && r.Header.Rig == rig && r.Outcome == ArchivedOutcome.Passed).OrderByDescending(r => r.Id))
        {
            RunRecord record = await store.ReadRunAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
            if (record.Calibrations.Count > 0 && record.Calibrations.All(c => Matches(c, loaded)))
            {
                string fits = string.Join(", ", record.Calibrations.Select(c => c.Model));
                return new RunEvent("configuration", "info",
                    string.Create(CultureInfo.InvariantCulture, $"calibration loaded by the unit ({fits}) was produced by run {candidate.Id} ({candidate.Header.Sequence}, unit {candidate.Header.UnitSerial ?? "-"}, record hash {candidate.RecordHash ?? "unsealed"})"),
                    rigTime);
            }
        }

        return new RunEvent("configuration", "warning", "calibration of unknown origin: no passed calibration run of this rig in the archive produced the coefficients the unit loaded", rigTime);
    }

    private static bool Matches(CalibrationRow calibration, IReadOnlyDictionary<string, double> loaded)
    {
        for (int i = 0; i < calibration.Coefficients.Count; i++)
        {
            if (!loaded.TryGetValue($"{calibration.Model}_C{i}", out double value) || (float)value != (float)calibration.Coefficients[i])
            {
                return false;
            }
        }

        return calibration.Coefficients.Count > 0;
    }
}
