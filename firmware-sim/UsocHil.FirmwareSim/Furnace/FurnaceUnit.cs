namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// What makes one furnace unit differ from its siblings: its thermocouples' errors and lags, drawn from a
/// <see cref="Random"/> seeded with the serial number, so the same unit is the same on every run.
/// </summary>
public sealed record FurnaceUnit
{
    public const int ThermocoupleCount = 3;

    public required int SerialNumber { get; init; }

    public required IReadOnlyList<ThermocoupleErrors> Errors { get; init; }

    public required IReadOnlyList<TimeSpan> Lags { get; init; }

    public static FurnaceUnit FromSerialNumber(int serialNumber, FurnaceThermalModel model)
    {
        var random = new Random(serialNumber);
        var errors = new ThermocoupleErrors[ThermocoupleCount];
        var lags = new TimeSpan[ThermocoupleCount];
        double lagSpan = (model.ThermocoupleLagMax - model.ThermocoupleLagMin).TotalSeconds;
        for (int i = 0; i < ThermocoupleCount; i++)
        {
            errors[i] = ThermocoupleErrors.Draw(random);
            lags[i] = model.ThermocoupleLagMin + TimeSpan.FromSeconds(random.NextDouble() * lagSpan);
        }

        return new FurnaceUnit { SerialNumber = serialNumber, Errors = errors, Lags = lags };
    }
}
