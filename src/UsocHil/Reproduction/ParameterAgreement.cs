namespace UsocHil.Reproduction;

/// <summary>
/// How one parameter of the ground model followed the flight: the lag that fits best (positive: the ground model is
/// later), the envelope it was held to, the share of flight samples outside it at that lag, and whether it agrees.
/// </summary>
/// <param name="Margin">(envelope − 95th percentile of the error) / envelope: 1 is a perfect fit, below 0 mostly outside.</param>
public sealed record ParameterAgreement(string Parameter, int Samples, double LagSeconds, double Envelope, double OutsideFraction, double Margin, bool Agrees)
{
    public string Describe() => FormattableString.Invariant(
        $"{Parameter}: {(Agrees ? "agrees" : "differs")}, lag {LagSeconds:+0.00;-0.00;0.00} s, envelope ±{Envelope:G4}, {OutsideFraction:P1} of {Samples} flight samples outside, margin {Margin:G3}");
}
