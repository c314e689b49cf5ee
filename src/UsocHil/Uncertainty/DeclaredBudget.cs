namespace UsocHil.Uncertainty;

/// <summary>
/// The Type B components a sequence declares because the run cannot measure them, each a half-width a of a
/// rectangular distribution in the result's unit (u = a/√3): <c>"budget": {"drift": 0.02, "uniformity": 0.05,
/// "hysteresis": 0.03, "resolution": 0.001}</c>. The resolution is the readout's step; its half-width is half of it.
/// </summary>
public sealed record DeclaredBudget(double Drift, double Uniformity, double Hysteresis, double Resolution)
{
    public static DeclaredBudget None { get; } = new(0, 0, 0, 0);

    public UncertaintyComponent ReferenceDrift => UncertaintyComponent.Rectangular("reference drift since calibration", Drift);

    public UncertaintyComponent ReferenceUniformity => UncertaintyComponent.Rectangular("uniformity between reference and sensor", Uniformity);

    public UncertaintyComponent HysteresisComponent => UncertaintyComponent.Rectangular("hysteresis", Hysteresis);

    public UncertaintyComponent ReadoutResolution(double sensitivity = 1) => UncertaintyComponent.Rectangular("readout resolution", Resolution / 2, sensitivity);

    /// <summary>The certificate of the reference instrument, its expanded uncertainty stated with k = 2.</summary>
    public static UncertaintyComponent ReferenceCertificate(double expandedKEqualsTwo) => UncertaintyComponent.FromExpanded("reference certificate", expandedKEqualsTwo, 2);
}
