namespace UsocHil.Expectations;

/// <summary>Where a telemetry value sits against its limits.</summary>
public enum LimitLevel : byte
{
    Nominal,

    /// <summary>Outside the yellow (soft) band, inside the red one.</summary>
    Yellow,

    /// <summary>Outside the red (hard) band, or not a number.</summary>
    Red,
}
