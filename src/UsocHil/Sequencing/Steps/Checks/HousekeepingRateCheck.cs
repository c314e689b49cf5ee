using UsocHil.Description;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>Housekeeping reports arrive at the rate the rig expects, counted over a window of rig time.</summary>
internal sealed class HousekeepingRateCheck(HousekeepingRateExpectation expectation, TimeSpan window) : IVerifyCheck
{
    public string Label => $"housekeeping {expectation.RatePerSecond:G4}/s over {window.TotalSeconds:G4} s";

    public async Task<IReadOnlyList<Measurement>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        DateTimeOffset from = context.Now;
        await Task.Delay(window, context.Time, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DateTimeOffset> reports = context.Rig.Telemetry.ReportTimes(from);
        double rate = reports.Count < 2 ? 0 : (reports.Count - 1) / (reports[^1] - reports[0]).TotalSeconds;
        double tolerance = expectation.Tolerance * expectation.RatePerSecond;
        return [Measurement.Within(context.Path, "housekeeping rate", rate, "1/s", expectation.RatePerSecond - tolerance, expectation.RatePerSecond + tolerance, context.Now,
            $"{reports.Count} reports in {window.TotalSeconds:G4} s")];
    }
}
