namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The onboard PID: derivative on the (filtered) measurement so setpoint steps do not kick the heater, output clamped
/// to the heater's range, and conditional integration as anti-windup (the integral stops growing while the output is
/// saturated in the direction the error pushes).
/// </summary>
public sealed class PidController
{
    private const double DerivativeFilterSeconds = 2;

    private double _integral;
    private double _filteredMeasurement = double.NaN;
    private double _previousFiltered = double.NaN;

    public double Output { get; private set; }

    public void Reset()
    {
        _integral = 0;
        _filteredMeasurement = double.NaN;
        _previousFiltered = double.NaN;
        Output = 0;
    }

    /// <summary>Computes the heater power for one control period.</summary>
    public double Update(double setpoint, double measurement, double kp, double ki, double kd, double maxOutput, TimeSpan period)
    {
        double dt = period.TotalSeconds;
        _filteredMeasurement = double.IsNaN(_filteredMeasurement)
            ? measurement
            : _filteredMeasurement + ((measurement - _filteredMeasurement) * (dt / (DerivativeFilterSeconds + dt)));
        double derivative = double.IsNaN(_previousFiltered) ? 0 : (_filteredMeasurement - _previousFiltered) / dt;
        _previousFiltered = _filteredMeasurement;

        double error = setpoint - measurement;
        double unclamped = (kp * error) + _integral + (ki * error * dt) - (kd * derivative);
        bool saturatedHigh = unclamped > maxOutput && error > 0;
        bool saturatedLow = unclamped < 0 && error < 0;
        if (!saturatedHigh && !saturatedLow)
        {
            _integral += ki * error * dt;
        }

        _integral = Math.Clamp(_integral, 0, maxOutput);
        Output = Math.Clamp((kp * error) + _integral - (kd * derivative), 0, maxOutput);
        return Output;
    }
}
