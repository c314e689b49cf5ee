using UsocHil.Expectations;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>Redundant sensors agree over the last window of telemetry (the rig's consistency expectation); a fail names the sensor.</summary>
internal sealed class ConsistencyCheck(ConsistencyExpectation expectation, TimeSpan window) : IVerifyCheck
{
    public string Label => $"{expectation.Name} over {window.TotalSeconds:G4} s";

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        // Let the window fill with reports taken from now on, so it judges the present and not an earlier phase.
        DateTimeOffset from = context.Now;
        await Task.Delay(window, context.Time, cancellationToken).ConfigureAwait(false);
        var series = expectation.Parameters
            .Select(p => (IReadOnlyList<Sample>)context.Rig.Telemetry.History(p, from).Select(s => new Sample((s.RigTime - from).TotalSeconds, s.Value)).ToArray())
            .ToArray();
        JudgedResult result = new SensorAgreementExpectation(expectation).Evaluate(series, context.UnitOf(expectation.Parameters[0]));
        return [result];
    }
}
