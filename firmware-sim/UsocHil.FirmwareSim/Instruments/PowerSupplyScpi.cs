using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Instruments.Scpi;

namespace UsocHil.FirmwareSim.Instruments;

/// <summary>
/// The SCPI face of the bench's 28 V supply: set voltage and current limit, switch the output, measure what the
/// furnace draws. Every access goes through the bench's lock so it lands at the right rig time.
/// </summary>
public sealed class PowerSupplyScpi : ScpiInstrument
{
    private readonly FurnaceBench _bench;

    public PowerSupplyScpi(FurnaceBench bench)
        : base(bench.Supply.Errors)
    {
        _bench = bench;
        On("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", a => Set(s => s.VoltageSetpoint = ScpiArguments.Number(a, 0, PowerSupply.MaxVolts, "V")));
        On("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", _ => Get(s => ScpiArguments.Format(s.VoltageSetpoint)));
        On("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]", a => Set(s => s.CurrentLimit = ScpiArguments.Number(a, 0, PowerSupply.MaxAmperes, "A")));
        On("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", _ => Get(s => ScpiArguments.Format(s.CurrentLimit)));
        On("OUTPut[:STATe]", a => Set(s => s.OutputOn = ScpiArguments.Boolean(a)));
        On("OUTPut[:STATe]?", _ => Get(s => ScpiArguments.FormatBoolean(s.OutputOn)));
        On("MEASure[:SCALar]:VOLTage[:DC]?", _ => Get(s => ScpiArguments.Format(s.OutputVolts)));
        On("MEASure[:SCALar]:CURRent[:DC]?", _ => Get(s => ScpiArguments.Format(s.LoadAmperes)));
    }

    public override string Identity => $"USOCHIL,PSU-28V,{_bench.Supply.SerialNumber},1.0";

    protected override void Reset() => _bench.Run(b => b.Supply.Reset());

    private string? Set(Action<PowerSupply> change)
    {
        _bench.Run(b => change(b.Supply));
        return null;
    }

    private string Get(Func<PowerSupply, string> read) => _bench.Run(b => read(b.Supply));
}
