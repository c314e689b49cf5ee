namespace UsocHil.FirmwareSim.Plant;

/// <summary>
/// The onboard PID controller, its gains read every step (usually the dictionary's settable gain parameters): the
/// integral stops growing while the output is saturated in the direction the error pushes, and everything resets while
/// it is not enabled. The derivative acts on the error or on the measurement, optionally through a first-order filter
/// (backward Euler, as firmware usually writes it); the integral is kept as the error's (times the current Ki) or as
/// the output it contributes (Ki·error·dt summed, held within [min, max]), see model.schema.json.
/// </summary>
internal sealed class PidBlock(int slot, PidBlock.Terms terms) : PlantBlock(slot, 0)
{
    public const string OnError = "error";
    public const string OnMeasurement = "measurement";
    public const string ErrorSum = "error-sum";
    public const string OutputSum = "output-sum";

    private double _integral;
    private double _filtered;
    private double _lastFiltered;
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

        double setpoint = terms.Setpoint(values), measurement = terms.Measurement(values);
        double error = setpoint - measurement;
        double differentiated = terms.DerivativeOnMeasurement ? -measurement : error;
        _filtered = _running && terms.DerivativeFilterSeconds > 0
            ? _filtered + ((differentiated - _filtered) * dt / (terms.DerivativeFilterSeconds + dt))
            : differentiated;
        double derivative = _running ? (_filtered - _lastFiltered) / dt : 0;
        _lastFiltered = _filtered;
        _running = true;
        double kp = terms.Kp(values), ki = terms.Ki(values), kd = terms.Kd(values);
        values[Slot] = terms.OutputSum ? OutputSumStep(values, dt, error, derivative, kp, ki, kd) : ErrorSumStep(values, dt, error, derivative, kp, ki, kd);
    }

    public override void Reset(double[] values)
    {
        _integral = 0;
        _running = false;
        base.Reset(values);
    }

    private double ErrorSumStep(double[] values, double dt, double error, double derivative, double kp, double ki, double kd)
    {
        double unclamped = (kp * error) + (ki * (_integral + (error * dt))) + (kd * derivative);
        double output = Bounds.Apply(unclamped, values, terms.Min, terms.Max);
        if (output == unclamped || Math.Sign(error) != Math.Sign(unclamped))
        {
            _integral += error * dt;
        }

        return output;
    }

    private double OutputSumStep(double[] values, double dt, double error, double derivative, double kp, double ki, double kd)
    {
        double unclamped = (kp * error) + _integral + (ki * error * dt) + (kd * derivative);
        double bounded = Bounds.Apply(unclamped, values, terms.Min, terms.Max);
        bool pushedFurther = (unclamped > bounded && error > 0) || (unclamped < bounded && error < 0);
        if (!pushedFurther)
        {
            _integral += ki * error * dt;
        }

        _integral = Bounds.Apply(_integral, values, terms.Min, terms.Max);
        return Bounds.Apply((kp * error) + _integral + (kd * derivative), values, terms.Min, terms.Max);
    }

    public sealed record Terms(
        Func<double[], double> Setpoint,
        Func<double[], double> Measurement,
        Func<double[], double> Kp,
        Func<double[], double> Ki,
        Func<double[], double> Kd,
        Func<double[], double>? Enable,
        Func<double[], double>? Min,
        Func<double[], double>? Max,
        bool DerivativeOnMeasurement = false,
        double DerivativeFilterSeconds = 0,
        bool OutputSum = false);
}
