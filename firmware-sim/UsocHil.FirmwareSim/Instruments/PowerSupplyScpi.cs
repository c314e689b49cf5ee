using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Instruments.Scpi;

namespace UsocHil.FirmwareSim.Instruments;

/// <summary>
/// The SCPI face of the bench's 28 V supply: set voltage and current limit, switch the output, measure what the
/// furnace draws. Every access goes through the bench's lock so it lands at the right rig time.
/// </summary>
public sealed class PowerSupplyScpi : ScpiInstrument
{
    /// <summary>The voltage setpoint: 0 to 32 V, 0 V after *RST.</summary>
    public static readonly ScpiRange Volts = new(0, PowerSupply.MaxVolts, 0, "V");

    /// <summary>The current limit: 0 to 30 A, 30 A after *RST.</summary>
    public static readonly ScpiRange Amperes = new(0, PowerSupply.MaxAmperes, PowerSupply.MaxAmperes, "A");

    private readonly FurnaceBench _bench;

    public PowerSupplyScpi(FurnaceBench bench)
        : base(bench.Supply.Errors)
    {
        _bench = bench;
        On("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", p => Set(s => s.VoltageSetpoint = p.Number(0, Volts)));
        On("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", p => Get(s => ScpiParameters.Format(p.Limit(Volts) ?? s.VoltageSetpoint)), maxParameters: 1);
        On("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]", p => Set(s => s.CurrentLimit = p.Number(0, Amperes)));
        On("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", p => Get(s => ScpiParameters.Format(p.Limit(Amperes) ?? s.CurrentLimit)), maxParameters: 1);
        On("OUTPut[:STATe]", p => Set(s => s.OutputOn = p.Boolean(0)));
        On("OUTPut[:STATe]?", _ => Get(s => ScpiParameters.FormatBoolean(s.OutputOn)));
        On("MEASure[:SCALar]:VOLTage[:DC]?", _ => Get(s => ScpiParameters.Format(s.OutputVolts)));
        On("MEASure[:SCALar]:CURRent[:DC]?", _ => Get(s => ScpiParameters.Format(s.LoadAmperes)));

        // QUEStionable bit 1 (CURRent): the output is latched off by its over-current protection.
        Status.Questionable.ConditionSource = () => _bench.Run(b => b.Supply is { Trips: > 0, OutputOn: false } ? 1 << 1 : 0);
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
