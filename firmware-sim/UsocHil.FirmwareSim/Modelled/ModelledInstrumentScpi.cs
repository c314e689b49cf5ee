using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.FirmwareSim.Instruments.Scpi;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.FirmwareSim.Modelled;

/// <summary>
/// A measuring instrument (multimeter, frequency counter) bound to model signals: each SCPI query model.json lists
/// answers its formula now, plus the instrument's Gaussian noise. Readings go through the bench's lock.
/// </summary>
public sealed class ModelledInstrumentScpi : ScpiInstrument
{
    private readonly ModelledBench _bench;
    private readonly Random _noise;
    private readonly string _identity;

    public ModelledInstrumentScpi(ModelledBench bench, string name, InstrumentModel model, int seed)
        : base(new ScpiErrorQueue())
    {
        _bench = bench;
        _noise = new Random(seed);
        _identity = $"{model.Identity},{name.ToUpperInvariant()}{bench.Options.SerialNumber:D4},1.0";
        foreach ((string header, Measurement measurement) in model.Measure)
        {
            Func<double[], double> formula = bench.Plant.Compile(measurement.Formula, $"instruments.{name}.measure.{header}");
            double sigma = measurement.Noise;
            On(header, _ => ScpiParameters.Format(bench.Run(b => formula(b.Plant.Values)) + (sigma * Gaussian()), "+0.000000E+00;-0.000000E+00"));
        }
    }

    public override string Identity => _identity;

    protected override void Reset()
    {
    }

    private double Gaussian()
    {
        lock (_noise)
        {
            return _noise.NextGaussian();
        }
    }
}
