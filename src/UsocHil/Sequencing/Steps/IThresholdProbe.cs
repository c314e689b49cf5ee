namespace UsocHil.Sequencing.Steps;

/// <summary>What a threshold search does to the unit: try a setting and see whether the protection trips, and re-arm it.</summary>
internal interface IThresholdProbe
{
    /// <summary>Sets the raised parameter to <paramref name="setting"/>, lets the protection see it, and says what it read and whether it tripped.</summary>
    Task<ThresholdTrial> TryAsync(double setting, CancellationToken cancellationToken);

    /// <summary>Puts the raised parameter back to <paramref name="setting"/> (one that did not trip) and re-arms the protection.</summary>
    Task ResetAsync(double setting, CancellationToken cancellationToken);
}
