using System.Globalization;
using UsocHil.Expectations;
using UsocHil.Rigs;
using UsocHil.Description;
using UsocHil.Uncertainty;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// Each parameter's mean over N reports agrees with the reference instrument's mean within a band (a calibration check).
/// With a decision rule, each difference carries its uncertainty budget and the rule decides the verdict.
/// </summary>
internal sealed class AgreementCheck(IReadOnlyList<string> parameters, InstrumentDefinition reference, double within, int count,
    DecisionRule? decision = null, DeclaredBudget? declared = null) : IVerifyCheck
{
    public string Label => $"{string.Join(", ", parameters)} within {within.ToString("G4", CultureInfo.InvariantCulture)} of {reference.Name}";

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        var sums = parameters.ToDictionary(p => p, _ => 0.0, StringComparer.Ordinal);
        var differences = parameters.ToDictionary(p => p, _ => new List<Sample>(count), StringComparer.Ordinal);
        double referenceSum = 0;
        DateTimeOffset from = context.Now;
        for (int i = 0; i < count; i++)
        {
            await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).ConfigureAwait(false);
            var values = parameters.ToDictionary(p => p, p => context.Rig.Telemetry.TryGetLatest(p, out TelemetrySample s) ? s.Value : double.NaN, StringComparer.Ordinal);
            double referenceValue = await SampleStep.ReadReferenceAsync(context, reference, cancellationToken).ConfigureAwait(false);
            referenceSum += referenceValue;
            foreach (string parameter in parameters)
            {
                sums[parameter] += values[parameter];
                differences[parameter].Add(new Sample((context.Now - from).TotalSeconds, values[parameter] - referenceValue));
            }
        }

        double referenceMean = referenceSum / count;
        return parameters.Select(p =>
        {
            double difference = (sums[p] / count) - referenceMean;
            string name = $"{p} - {reference.Name}";
            string note = $"{p} mean {(sums[p] / count).ToString("F3", CultureInfo.InvariantCulture)}, {reference.Name} mean {referenceMean.ToString("F3", CultureInfo.InvariantCulture)} over {count}";
            if (decision is not { } rule)
            {
                return JudgedResult.Within(name, [p, reference.Name], difference, context.UnitOf(p), -within, within, Evidence.From(differences[p]), note);
            }

            UncertaintyBudget budget = AgreementBudget.Of(name, context.UnitOf(p), differences[p], reference.Reference!.Uncertainty, declared ?? DeclaredBudget.None);
            context.Observer.OnBudget(new BudgetProduct(name, BudgetKinds.Judged, budget, context.Now));
            return DecisionRules.Judged(name, [p, reference.Name], difference, context.UnitOf(p), -within, within, rule, budget.Summary, Evidence.From(differences[p]), note);
        }).ToArray();
    }
}
