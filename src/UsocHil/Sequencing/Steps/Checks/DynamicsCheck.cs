using UsocHil.Expectations;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>The response since a mark meets the rig's dynamics expectation: ramp rate, overshoot, settling.</summary>
internal sealed class DynamicsCheck(DynamicsExpectation expectation, string since, ValueExpression target, double? maxSettlingSeconds = null) : IVerifyCheck
{
    public string Label => $"{expectation.Parameter} dynamics since {since} towards {target}";

    public Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Data.TryGetMark(since, out DateTimeOffset from))
        {
            throw new StepFailedException(context.Path, $"mark '{since}' was never reached");
        }

        Sample[] samples = context.Rig.Telemetry.History(expectation.Parameter, from)
            .Select(s => new Sample((s.RigTime - from).TotalSeconds, s.Value)).ToArray();
        IReadOnlyList<JudgedResult> results = new StepResponseExpectation(expectation) { MaxSettlingSeconds = maxSettlingSeconds is { } m ? Tolerance.Exactly(m) : null }.Evaluate(samples, target.Evaluate(context.Variables), context.UnitOf(expectation.Parameter));
        return Task.FromResult(results);
    }
}
