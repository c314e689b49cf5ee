namespace UsocHil.FirmwareSim.Furnace;

/// <summary>The setpoint the PID actually follows: it walks from where the furnace was toward SETPOINT at RAMP_RATE.</summary>
public sealed class SetpointRamp
{
    public double Current { get; private set; } = double.NaN;

    public void Start(double fromCelsius) => Current = fromCelsius;

    public double Advance(double targetCelsius, double kelvinPerMinute, TimeSpan step)
    {
        if (double.IsNaN(Current))
        {
            Current = targetCelsius;
        }

        double maxMove = kelvinPerMinute / 60 * step.TotalSeconds;
        Current += Math.Clamp(targetCelsius - Current, -maxMove, maxMove);
        return Current;
    }
}
