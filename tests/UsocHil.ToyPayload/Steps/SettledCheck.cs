using UsocHil.Description;
using UsocHil.Expectations;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Sequencing.Steps.Checks;

namespace UsocHil.ToyPayload.Steps;

/// <summary>
/// <c>{ "check": "settled", "parameter": "TEMP", "target": 40, "tolerance": 0.5 }</c>: the parameter, asked of the
/// oven now, is within the tolerance of the target; judged in the parameter's own unit.
/// </summary>
public sealed class SettledCheck(ParameterDefinition parameter, double target, double tolerance) : IVerifyCheck
{
    public string Label => $"{parameter.Name} settled at {target:G6} ± {tolerance:G3}";

    public static IVerifyCheck? Read(StepReader r)
    {
        ParameterDefinition? parameter = r.Parameter("parameter");
        double? target = r.Number("target");
        double? tolerance = r.Number("tolerance", min: 0);
        return parameter is null || target is null || tolerance is null ? null : new SettledCheck(parameter, target.Value, tolerance.Value);
    }

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        double value = (await context.Rig.ReadParametersAsync([parameter.Name], cancellationToken).ConfigureAwait(false))[parameter.Name];
        return [JudgedResult.Within($"{parameter.Name} settled", [parameter.Name], value, parameter.Unit, target - tolerance, target + tolerance, note: $"{parameter.Name}? answered {value:F3}")];
    }
}
