namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// One thermocouple: its junction follows the core with a first-order lag, its reading is the junction temperature
/// through the unit's error model plus Gaussian noise. It can be stuck (the reading freezes) or open (the amplifier's
/// burn-out detection drives the reading up-scale).
/// </summary>
public sealed class Thermocouple
{
    /// <summary>What an open junction reads: the amplifier's up-scale burn-out value.</summary>
    public const double OpenCircuitReadingCelsius = 2_000_000;

    private readonly double _noiseKelvin;
    private double? _stuckReading;

    public Thermocouple(ThermocoupleErrors errors, TimeSpan lag, double noiseKelvin, double initialCelsius)
    {
        Errors = errors;
        Lag = lag;
        _noiseKelvin = noiseKelvin;
        JunctionCelsius = initialCelsius;
        Reading = errors.Apply(initialCelsius);
    }

    public ThermocoupleErrors Errors { get; }

    public TimeSpan Lag { get; }

    /// <summary>The true temperature of the junction.</summary>
    public double JunctionCelsius { get; private set; }

    /// <summary>The latest raw reading in °C, as the controller's ADC sees it.</summary>
    public double Reading { get; private set; }

    public bool IsOpen { get; private set; }

    public bool IsStuck => _stuckReading.HasValue;

    public void Open() => IsOpen = true;

    public void Stick() => _stuckReading ??= Reading;

    public void Step(double coreCelsius, TimeSpan step, Random noise)
    {
        double alpha = 1 - Math.Exp(-step.TotalSeconds / Lag.TotalSeconds);
        JunctionCelsius += (coreCelsius - JunctionCelsius) * alpha;
        Reading = IsOpen ? OpenCircuitReadingCelsius
            : _stuckReading ?? (Errors.Apply(JunctionCelsius) + (_noiseKelvin * noise.NextGaussian()));
    }
}
