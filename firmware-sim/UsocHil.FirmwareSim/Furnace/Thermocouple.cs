namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// One thermocouple: its junction follows the temperature at its place with a first-order lag, its reading is the
/// junction temperature shifted by its hysteresis (low after warming, high after cooling) through the unit's error
/// model, plus Gaussian noise. It can be stuck (the reading freezes) or open (the amplifier's
/// burn-out detection drives the reading up-scale).
/// </summary>
public sealed class Thermocouple
{
    /// <summary>What an open junction reads: the amplifier's up-scale burn-out value.</summary>
    public const double OpenCircuitReadingCelsius = 2_000_000;

    private readonly double _noiseKelvin;
    private readonly ThermocoupleHysteresis _hysteresis;
    private double? _stuckReading;

    public Thermocouple(ThermocoupleErrors errors, TimeSpan lag, double noiseKelvin, double initialCelsius, ThermocoupleHysteresis? hysteresis = null)
    {
        Errors = errors;
        Lag = lag;
        _noiseKelvin = noiseKelvin;
        _hysteresis = hysteresis ?? ThermocoupleHysteresis.None;
        JunctionCelsius = initialCelsius;
        HistoryCelsius = initialCelsius;
        SensedCelsius = initialCelsius;
        Reading = errors.Apply(initialCelsius);
    }

    public ThermocoupleErrors Errors { get; }

    public TimeSpan Lag { get; }

    /// <summary>The true temperature of the junction.</summary>
    public double JunctionCelsius { get; private set; }

    /// <summary>The wire's memory of its recent temperatures (the junction's, through a long lag).</summary>
    public double HistoryCelsius { get; private set; }

    /// <summary>The junction temperature as the wire senses it: within half the hysteresis width of the junction's.</summary>
    public double SensedCelsius { get; private set; }

    /// <summary>The latest raw reading in °C, as the controller's ADC sees it.</summary>
    public double Reading { get; private set; }

    public bool IsOpen { get; private set; }

    public bool IsStuck => _stuckReading.HasValue;

    public void Open() => IsOpen = true;

    public void Stick() => _stuckReading ??= Reading;

    public void Step(double placeCelsius, TimeSpan step, Random noise)
    {
        double alpha = 1 - Math.Exp(-step.TotalSeconds / Lag.TotalSeconds);
        JunctionCelsius += (placeCelsius - JunctionCelsius) * alpha;
        HistoryCelsius += (JunctionCelsius - HistoryCelsius) * _hysteresis.Alpha(step);
        SensedCelsius = JunctionCelsius + _hysteresis.Shift(HistoryCelsius - JunctionCelsius);
        Reading = IsOpen ? OpenCircuitReadingCelsius
            : _stuckReading ?? (Errors.Apply(SensedCelsius) + (_noiseKelvin * noise.NextGaussian()));
    }
}
