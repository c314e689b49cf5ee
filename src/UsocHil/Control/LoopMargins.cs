using System.Numerics;

namespace UsocHil.Control;

/// <summary>
/// The robustness of a PID loop around an identified plant, from a numerical sweep of L(jω) = C(jω) P(jω): the gain
/// margin (1/|L| where the phase first reaches -180°), the phase margin (180° + arg L where |L| first falls to 1) and
/// the sensitivity peak Ms = max |1 / (1 + L)|, the inverse of the loop's closest approach to -1.
/// A loop that never reaches -180° has an unbounded gain margin: <see cref="GainMargin"/> is then only a lower bound,
/// 1/|L| at the top of the sweep (<see cref="GainMarginBounded"/> false); one whose |L| never falls to 1 has no phase margin to speak
/// of (<see cref="PhaseMarginDegrees"/> is 180°).
/// </summary>
public sealed record LoopMargins(double GainMargin, bool GainMarginBounded, double PhaseMarginDegrees, double SensitivityPeak,
    double CrossoverRadiansPerSecond, double PhaseCrossoverRadiansPerSecond)
{
    private const int PointsPerDecade = 2000;

    public static LoopMargins Of(ProcessModel plant, PidForm controller)
    {
        double[] times = [plant.TimeConstantSeconds, plant.LagSeconds, plant.DeadTimeSeconds, controller.DerivativeFilterSeconds];
        double slowest = Math.Max(1, times.Max());
        double fastest = times.Where(t => t > 0).DefaultIfEmpty(1).Min();
        double lowest = Math.Log10(1e-3 / slowest), highest = Math.Log10(1e3 / fastest);
        int count = (int)Math.Ceiling((highest - lowest) * PointsPerDecade) + 1;

        double ms = 0, pm = 180, crossover = double.NaN, gm = double.NaN, phaseCrossover = double.NaN;
        double previousOmega = 0, previousMagnitude = double.NaN, previousPhase = double.NaN;
        for (int i = 0; i < count; i++)
        {
            double omega = Math.Pow(10, lowest + ((highest - lowest) * i / (count - 1)));
            Complex c = controller.Response(omega);
            double magnitude = c.Magnitude * plant.Magnitude(omega);
            double phase = c.Phase + plant.Phase(omega);
            Complex loop = Complex.FromPolarCoordinates(magnitude, phase);
            ms = Math.Max(ms, 1 / (1 + loop).Magnitude);
            if (i > 0)
            {
                if (double.IsNaN(crossover) && previousMagnitude >= 1 && magnitude < 1)
                {
                    double f = Fraction(Math.Log(previousMagnitude), Math.Log(magnitude), 0);
                    crossover = Between(previousOmega, omega, f);
                    pm = (180 / Math.PI * (previousPhase + (f * (phase - previousPhase)))) + 180;
                }

                if (double.IsNaN(phaseCrossover) && previousPhase > -Math.PI && phase <= -Math.PI)
                {
                    double f = Fraction(previousPhase, phase, -Math.PI);
                    phaseCrossover = Between(previousOmega, omega, f);
                    gm = 1 / Math.Exp(Math.Log(previousMagnitude) + (f * (Math.Log(magnitude) - Math.Log(previousMagnitude))));
                }
            }

            previousOmega = omega;
            previousMagnitude = magnitude;
            previousPhase = phase;
        }

        bool bounded = !double.IsNaN(gm);
        return new LoopMargins(bounded ? gm : 1 / previousMagnitude, bounded, pm, ms, crossover, phaseCrossover);
    }

    private static double Fraction(double from, double to, double at) => to == from ? 0 : (at - from) / (to - from);

    private static double Between(double low, double high, double fraction) => Math.Exp(Math.Log(low) + (fraction * (Math.Log(high) - Math.Log(low))));
}
