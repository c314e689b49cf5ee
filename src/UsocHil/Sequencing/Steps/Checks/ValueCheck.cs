using UsocHil.Expectations;
using UsocHil.Rigs;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>The latest value of a parameter lies within [min, max], or has given bits set (a fault flag raised).</summary>
internal sealed class ValueCheck(string parameter, ValueExpression? min, ValueExpression? max, int? bitsSet) : IVerifyCheck
{
    public string Label => bitsSet is { } bits ? $"{parameter} has bits 0x{bits:X}" : $"{parameter} in [{min?.ToString() ?? "-inf"}, {max?.ToString() ?? "inf"}]";

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).ConfigureAwait(false);
        double value = context.Rig.Telemetry.TryGetLatest(parameter, out TelemetrySample s) ? s.Value : double.NaN;
        if (bitsSet is { } bits)
        {
            bool set = !double.IsNaN(value) && (((long)value) & bits) == bits;
            return [JudgedResult.Holds(Label, [parameter], value, context.UnitOf(parameter), set, Label)];
        }

        return [JudgedResult.Within(parameter, [parameter], value, context.UnitOf(parameter), min?.Evaluate(context.Variables), max?.Evaluate(context.Variables))];
    }
}
