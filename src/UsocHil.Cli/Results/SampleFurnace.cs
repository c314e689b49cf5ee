namespace UsocHil.Cli.Results;

/// <summary>
/// A small furnace model for sample runs: a rate-limited second-order approach to the setpoint (so it ramps, overshoots a
/// little and settles), three thermocouples each with its own offset, gain and curvature, noise, and a reference probe.
/// Only for producing realistic archive content in tests and demonstrations; the real emulator lives in firmware-sim.
/// </summary>
internal sealed class SampleFurnace(int seed, bool stuckSensor)
{
    private readonly Random _random = new(seed);
    private readonly double[] _offset = [0.9, -0.6, 0.3];
    private readonly double[] _gain = [1.0012, 0.9991, 1.0006];
    private readonly double[] _curvature = [2e-7, -1.5e-7, 1e-7];
    private double _velocity;

    public double Temperature { get; private set; } = 25;
    public double Setpoint { get; set; } = 25;
    public double HeaterPowerWatts { get; private set; }

    /// <summary>Advances the physics by <paramref name="seconds"/>.</summary>
    public void Step(double seconds)
    {
        const double omega = 0.03, zeta = 0.72, maxRate = 19.0 / 60;
        double acceleration = (omega * omega * (Setpoint - Temperature)) - (2 * zeta * omega * _velocity);
        _velocity = Math.Clamp(_velocity + (acceleration * seconds), -maxRate, maxRate);
        Temperature += _velocity * seconds;
        HeaterPowerWatts = Math.Clamp((0.45 * (Temperature - 25)) + (900 * _velocity) + Noise(2), 0, 540);
    }

    /// <summary>Raw thermocouple reading, degC before calibration.</summary>
    public double Raw(int sensor)
    {
        if (stuckSensor && sensor == 1)
        {
            return 312.5 + Noise(0.04);
        }

        double t = Temperature;
        return ((t - _offset[sensor]) / _gain[sensor]) - (_curvature[sensor] * t * t) + Noise(0.04);
    }

    /// <summary>The multimeter's reference probe: the true temperature within its uncertainty.</summary>
    public double Reference() => Temperature + Noise(0.01);

    private double Noise(double sigma) => sigma * ((_random.NextDouble() + _random.NextDouble() + _random.NextDouble() - 1.5) * 2);
}
