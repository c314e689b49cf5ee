namespace UsocHil.Control;

/// <summary>
/// A plant identified from a step: gain <see cref="Gain"/> (output per input unit), dominant time constant
/// <see cref="TimeConstantSeconds"/>, an optional second lag <see cref="LagSeconds"/> (0 for first order plus dead time)
/// and dead time <see cref="DeadTimeSeconds"/>: P(s) = K e^(-Ls) / ((Ts + 1)(T2 s + 1)).
/// </summary>
public sealed record ProcessModel(double Gain, double TimeConstantSeconds, double LagSeconds, double DeadTimeSeconds)
{
    /// <summary>The output of the model, from rest, for a unit input step at time 0.</summary>
    public double UnitStep(double seconds)
    {
        double tau = seconds - DeadTimeSeconds;
        if (tau <= 0)
        {
            return 0;
        }

        double t1 = Math.Max(TimeConstantSeconds, LagSeconds), t2 = Math.Min(TimeConstantSeconds, LagSeconds);
        if (t1 <= 0)
        {
            return Gain;
        }

        if (t2 <= 0)
        {
            return Gain * (1 - Math.Exp(-tau / t1));
        }

        if (t1 - t2 < 1e-9 * t1)
        {
            // Two equal lags: the limit of the general form.
            return Gain * (1 - ((1 + (tau / t1)) * Math.Exp(-tau / t1)));
        }

        return Gain * (1 - (((t1 * Math.Exp(-tau / t1)) - (t2 * Math.Exp(-tau / t2))) / (t1 - t2)));
    }

    /// <summary>|P(jω)|.</summary>
    public double Magnitude(double omega) =>
        Math.Abs(Gain) / Math.Sqrt((1 + Square(TimeConstantSeconds * omega)) * (1 + Square(LagSeconds * omega)));

    /// <summary>arg P(jω) in radians, unwrapped (the dead time keeps adding lag as ω grows).</summary>
    public double Phase(double omega) =>
        (Gain < 0 ? -Math.PI : 0) - Math.Atan(TimeConstantSeconds * omega) - Math.Atan(LagSeconds * omega) - (DeadTimeSeconds * omega);

    private static double Square(double x) => x * x;
}
