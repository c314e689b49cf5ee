using System.Numerics;

namespace UsocHil.Control;

/// <summary>
/// The onboard PID seen by the loop: C(s) = Kp + Ki/s + Kd s / (Tf s + 1). The derivative acts on the measurement
/// through a first-order filter of Tf seconds, so the setpoint never reaches it, but the feedback path, and with it
/// every margin, is this full form.
/// </summary>
public sealed record PidForm(double Kp, double Ki, double Kd, double DerivativeFilterSeconds)
{
    public Complex Response(double omega)
    {
        var s = new Complex(0, omega);
        return Kp + (Ki / s) + (Kd * s / ((DerivativeFilterSeconds * s) + 1));
    }
}
