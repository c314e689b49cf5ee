using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Instruments.Scpi;

namespace UsocHil.FirmwareSim.Instruments;

/// <summary>
/// The reference multimeter with its PT100 probe in the furnace core. <c>MEAS:TEMP?</c> answers the probe's
/// temperature in °C; <c>MEAS:FRES?</c> the probe's four-wire resistance in ohms (IEC 60751, R0 = 100 Ω). Each reading
/// is the true core temperature through the probe's own error (<see cref="FurnaceThermalModel.ReferenceReadingCelsius"/>,
/// within its certificate) plus Gaussian noise of σ = 0.025 K, so the stated uncertainty of 0.05 K is k = 2.
/// </summary>
public sealed class MultimeterScpi : ScpiInstrument
{
    public const double StandardUncertaintyKelvin = 0.025;

    private const double R0 = 100;
    private const double A = 3.9083e-3;
    private const double B = -5.775e-7;

    private readonly FurnaceBench _bench;
    private readonly Random _noise;

    public MultimeterScpi(FurnaceBench bench, string serialNumber, int seed)
        : base(new ScpiErrorQueue())
    {
        _bench = bench;
        SerialNumber = serialNumber;
        _noise = new Random(seed);
        On("MEASure[:SCALar]:TEMPerature[:DC]?", _ => ScpiParameters.Format(ReadCelsius(), "+0.000000E+00;-0.000000E+00"));
        On("READ?", _ => ScpiParameters.Format(ReadCelsius(), "+0.000000E+00;-0.000000E+00"));
        On("MEASure[:SCALar]:FRESistance?", _ => ScpiParameters.Format(Resistance(ReadCelsius()), "+0.000000E+00;-0.000000E+00"));
    }

    public string SerialNumber { get; }

    public override string Identity => $"USOCHIL,DMM-REF,{SerialNumber},1.0";

    /// <summary>Callendar–Van Dusen for T ≥ 0 °C, the furnace's range.</summary>
    public static double Resistance(double celsius) => R0 * (1 + (A * celsius) + (B * celsius * celsius));

    protected override void Reset()
    {
    }

    private double ReadCelsius()
    {
        double read = _bench.Run(b => b.Physics.Model.ReferenceReadingCelsius(b.Physics.CoreCelsius) + (b.Faults.ReferenceOffset?.OffsetAt(b.RigTime, b.Controller.Uptime) ?? 0));
        return read + (StandardUncertaintyKelvin * _noise.NextGaussian());
    }
}
