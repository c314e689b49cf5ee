namespace UsocHil.FirmwareSim.Plant;

/// <summary>
/// The onboard PID controller, its gains read every step (usually the dictionary's settable gain parameters): the
/// integral stops growing while the output is saturated, and everything resets while it is not enabled.
/// </summary>
internal sealed class PidBlock(int slot, PidBlock.Terms terms) : PlantBlock(slot, 0)
{
    private double _integral;
    private double _lastError;
    private bool _running;

    public override void Step(double[] values, double dt)
    {
        if (terms.Enable is not null && terms.Enable(values) == 0)
        {
            _integral = 0;
            _running = false;
            values[Slot] = 0;
            return;
        }

        double error = terms.Setpoint(values) - terms.Measurement(values);
        double derivative = _running ? (error - _lastError) / dt : 0;
        _lastError = error;
        _running = true;
        double kp = terms.Kp(values), ki = terms.Ki(values), kd = terms.Kd(values);
        double unclamped = (kp * error) + (ki * (_integral + (error * dt))) + (kd * derivative);
        double output = Bounds.Apply(unclamped, values, terms.Min, terms.Max);
        if (output == unclamped || Math.Sign(error) != Math.Sign(unclamped))
        {
            _integral += error * dt;
        }

        values[Slot] = output;
    }

    public override void Reset(double[] values)
    {
        _integral = 0;
        _running = false;
        base.Reset(values);
    }

    public sealed record Terms(
        Func<double[], double> Setpoint,
        Func<double[], double> Measurement,
        Func<double[], double> Kp,
        Func<double[], double> Ki,
        Func<double[], double> Kd,
        Func<double[], double>? Enable,
        Func<double[], double>? Min,
        Func<double[], double>? Max);
}
