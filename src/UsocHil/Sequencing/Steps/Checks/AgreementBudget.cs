using UsocHil.Expectations;
using UsocHil.Uncertainty;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// The budget of a sensor's mean difference from the reference over a window: the reference's certificate and drift,
/// the readout's resolution, the repeatability of the difference (Type A, ν = n - 1), the uniformity between the
/// reference's position and the sensor's, and hysteresis.
/// </summary>
internal static class AgreementBudget
{
    public static UncertaintyBudget Of(string result, string? unit, IReadOnlyList<Sample> differences, double referenceExpandedKEqualsTwo, DeclaredBudget declared)
    {
        double[] values = differences.Select(d => d.Value).ToArray();
        UncertaintyComponent repeatability = values.Length >= 2
            ? UncertaintyComponent.TypeA("repeatability of the difference", values)
            : new UncertaintyComponent("repeatability of the difference", 0);
        return new UncertaintyBudget(result, unit,
        [
            DeclaredBudget.ReferenceCertificate(referenceExpandedKEqualsTwo),
            declared.ReferenceDrift,
            declared.ReadoutResolution(),
            repeatability,
            declared.ReferenceUniformity,
            declared.HysteresisComponent,
        ]);
    }
}
