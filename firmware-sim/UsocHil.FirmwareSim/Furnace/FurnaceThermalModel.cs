namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The lumped thermal parameters of the furnace core: one heat capacity, one conductance to ambient, a heater element
/// that reaches the core through its own lag. The same for every unit; what differs per unit is in the thermocouples.
/// </summary>
public sealed record FurnaceThermalModel
{
    /// <summary>About 1.6 kg of alumina and steel around the sample cavity.</summary>
    public double HeatCapacityJoulesPerKelvin { get; init; } = 800;

    /// <summary>Chosen so that 600 W holds the core near 1220 °C: the over-temperature trip at 1050 °C stays reachable.</summary>
    public double LossConductanceWattsPerKelvin { get; init; } = 0.5;

    public double AmbientCelsius { get; init; } = 20;

    /// <summary>Heater power limit at the nominal bus voltage.</summary>
    public double MaxHeaterPowerWatts { get; init; } = 600;

    public double NominalBusVolts { get; init; } = 28;

    /// <summary>Time for the element's heat to reach the core (first order).</summary>
    public TimeSpan HeaterLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Fixed integration step of rig time.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Standard deviation of each thermocouple reading's noise.</summary>
    public double ThermocoupleNoiseKelvin { get; init; } = 0.05;

    /// <summary>
    /// Width of each thermocouple's hysteresis: the wire remembers its recent history (the alloy's short-range order), so
    /// a junction that warmed to a temperature reads up to half this low and one that cooled to it up to half this high
    /// (EURAMET cg-8 counts it as a component, measured by approaching points from both sides).
    /// </summary>
    public double ThermocoupleHysteresisKelvin { get; init; } = 0.1;

    /// <summary>How long the wire remembers: its history follows the junction with this time constant.</summary>
    public TimeSpan ThermocoupleHysteresisMemory { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far the history must lie from the junction for the full half-width to show (a small overshoot barely moves it).</summary>
    public double ThermocoupleHysteresisSpanKelvin { get; init; } = 5;

    /// <summary>
    /// The furnace's gradient at each thermocouple's position: its junction sits this many kelvin per watt of heat
    /// flowing from the element above the core where the reference probe is (about 0.1 K at 800 °C held; more while
    /// heating up, less while cooling).
    /// </summary>
    public IReadOnlyList<double> GradientKelvinPerWatt { get; init; } = [3e-4, -2e-4, 4e-4];

    /// <summary>
    /// The reference probe's own error, within its certificate's 0.05 K (k = 2): it reads
    /// <c>offset + slope × T</c> high. Invisible to a calibration against it, it shows only against the truth.
    /// </summary>
    public double ReferenceErrorOffsetKelvin { get; init; } = 0.01;

    public double ReferenceErrorSlope { get; init; } = 2.5e-5;

    /// <summary>What the reference probe reads, noise aside, in a core at <paramref name="coreCelsius"/>.</summary>
    public double ReferenceReadingCelsius(double coreCelsius) => coreCelsius + ReferenceErrorOffsetKelvin + (ReferenceErrorSlope * coreCelsius);

    /// <summary>Thermocouple lags are drawn per unit in [min, max].</summary>
    public TimeSpan ThermocoupleLagMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ThermocoupleLagMax { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Core time constant C/G, open loop.</summary>
    public TimeSpan TimeConstant => TimeSpan.FromSeconds(HeatCapacityJoulesPerKelvin / LossConductanceWattsPerKelvin);

    /// <summary>The temperature the core settles at with a constant heater power.</summary>
    public double SteadyStateCelsius(double heaterPowerWatts) => AmbientCelsius + (heaterPowerWatts / LossConductanceWattsPerKelvin);

    /// <summary>The heater power that holds the core at a temperature.</summary>
    public double HoldingPowerWatts(double coreCelsius) => (coreCelsius - AmbientCelsius) * LossConductanceWattsPerKelvin;
}
