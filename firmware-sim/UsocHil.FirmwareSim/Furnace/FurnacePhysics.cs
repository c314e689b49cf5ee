namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The furnace's thermal truth: core temperature, heater element lag and the three thermocouples (each at its place in
/// the furnace's gradient), integrated in fixed
/// steps of rig time with the exact solution of each first-order stage (so the step size changes nothing but the
/// sampling). Deterministic for a given unit: the noise comes from a <see cref="Random"/> seeded from its serial number.
/// </summary>
public sealed class FurnacePhysics
{
    private readonly Random _noise;
    private readonly Thermocouple[] _thermocouples;
    private readonly double _coreDecay;
    private readonly double _heaterAlpha;

    public FurnacePhysics(FurnaceThermalModel model, FurnaceUnit unit)
    {
        Model = model;
        Unit = unit;
        CoreCelsius = model.AmbientCelsius;
        _noise = new Random(unchecked((unit.SerialNumber * 7919) + 104729));
        _thermocouples = new Thermocouple[FurnaceUnit.ThermocoupleCount];
        for (int i = 0; i < _thermocouples.Length; i++)
        {
            _thermocouples[i] = new Thermocouple(unit.Errors[i], unit.Lags[i], model.ThermocoupleNoiseKelvin, model.AmbientCelsius,
                new ThermocoupleHysteresis(model.ThermocoupleHysteresisKelvin, model.ThermocoupleHysteresisMemory, model.ThermocoupleHysteresisSpanKelvin));
        }

        double dt = model.Step.TotalSeconds;
        _coreDecay = Math.Exp(-dt / model.TimeConstant.TotalSeconds);
        _heaterAlpha = 1 - Math.Exp(-dt / model.HeaterLag.TotalSeconds);
    }

    public FurnaceThermalModel Model { get; }

    public FurnaceUnit Unit { get; }

    /// <summary>True core temperature: what the reference probe sits in.</summary>
    public double CoreCelsius { get; private set; }

    /// <summary>Electrical power the heater element takes this step.</summary>
    public double HeaterPowerWatts { get; set; }

    /// <summary>Heat flowing from the element into the core (the heater power, lagged).</summary>
    public double HeatFlowWatts { get; private set; }

    /// <summary>Rig time integrated so far.</summary>
    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyList<Thermocouple> Thermocouples => _thermocouples;

    /// <summary>Advances the model by one <see cref="FurnaceThermalModel.Step"/>.</summary>
    public void Step()
    {
        HeatFlowWatts += (Math.Max(0, HeaterPowerWatts) - HeatFlowWatts) * _heaterAlpha;
        double equilibrium = Model.SteadyStateCelsius(HeatFlowWatts);
        CoreCelsius = equilibrium + ((CoreCelsius - equilibrium) * _coreDecay);
        for (int i = 0; i < _thermocouples.Length; i++)
        {
            _thermocouples[i].Step(CoreCelsius + (Model.GradientKelvinPerWatt[i] * HeatFlowWatts), Model.Step, _noise);
        }

        Elapsed += Model.Step;
    }
}
