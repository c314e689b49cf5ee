using System.Globalization;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>Each parameter's mean over N reports agrees with the reference instrument's mean within a band (a calibration check).</summary>
internal sealed class AgreementCheck(IReadOnlyList<string> parameters, InstrumentDefinition reference, double within, int count) : IVerifyCheck
{
    public string Label => $"{string.Join(", ", parameters)} within {within.ToString("G4", CultureInfo.InvariantCulture)} of {reference.Name}";

    public async Task<IReadOnlyList<Measurement>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        var sums = parameters.ToDictionary(p => p, _ => 0.0, StringComparer.Ordinal);
        double referenceSum = 0;
        for (int i = 0; i < count; i++)
        {
            await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).ConfigureAwait(false);
            foreach (string parameter in parameters)
            {
                sums[parameter] += context.Rig.Telemetry.TryGetLatest(parameter, out TelemetrySample s) ? s.Value : double.NaN;
            }

            referenceSum += await SampleStep.ReadReferenceAsync(context, reference, cancellationToken).ConfigureAwait(false);
        }

        double referenceMean = referenceSum / count;
        return parameters.Select(p =>
        {
            double difference = (sums[p] / count) - referenceMean;
            return Measurement.Within(context.Path, $"{p} - {reference.Name}", difference, "K", -within, within, context.Now,
                $"{p} mean {(sums[p] / count).ToString("F3", CultureInfo.InvariantCulture)}, {reference.Name} mean {referenceMean.ToString("F3", CultureInfo.InvariantCulture)} over {count}");
        }).ToArray();
    }
}
