using UsocHil.Description;

using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>Housekeeping reports arrive at the rate the rig expects, counted over a window of rig time.</summary>
internal sealed class HousekeepingRateCheck(HousekeepingRateExpectation expectation, TimeSpan window) : IVerifyCheck
{
    public string Label => $"housekeeping {expectation.RatePerSecond:G4}/s over {window.TotalSeconds:G4} s";

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        DateTimeOffset from = context.Now;
        await Task.Delay(window, context.Time, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DateTimeOffset> reports = context.Rig.Telemetry.ReportTimes(from);
        double rate = reports.Count < 2 ? 0 : (reports.Count - 1) / (reports[^1] - reports[0]).TotalSeconds;
        double tolerance = expectation.Tolerance * expectation.RatePerSecond;

        // The evidence is the report arrivals: when each came and the interval since the one before.
        var arrivals = reports.Select((t, i) => new Sample((t - from).TotalSeconds, i == 0 ? double.NaN : (t - reports[i - 1]).TotalSeconds)).ToArray();
        string structure = $"housekeeping structure {expectation.StructureId}";
        return [JudgedResult.Within("housekeeping rate", [structure], rate, "1/s", expectation.RatePerSecond - tolerance, expectation.RatePerSecond + tolerance,
            Evidence.From(arrivals), $"{reports.Count} reports in {window.TotalSeconds:G4} s")];
    }
}
