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
