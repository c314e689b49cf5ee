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

    private readonly PowerSupply _supply;
    private readonly Action<Action> _atRigTime;

    public PowerSupplyScpi(FurnaceBench bench)
        : this(bench.Supply, change => bench.Run(_ => change()))
    {
    }

    /// <param name="atRigTime">Runs an access under the bench's lock, caught up to rig time.</param>
    public PowerSupplyScpi(PowerSupply supply, Action<Action> atRigTime)
        : base(supply.Errors)
    {
        _supply = supply;
        _atRigTime = atRigTime;
        On("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", p => Set(s => s.VoltageSetpoint = p.Number(0, Volts)));
        On("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", p => Get(s => ScpiParameters.Format(p.Limit(Volts) ?? s.VoltageSetpoint)), maxParameters: 1);
        On("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]", p => Set(s => s.CurrentLimit = p.Number(0, Amperes)));
        On("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", p => Get(s => ScpiParameters.Format(p.Limit(Amperes) ?? s.CurrentLimit)), maxParameters: 1);
        On("OUTPut[:STATe]", p => Set(s => s.OutputOn = p.Boolean(0)));
        On("OUTPut[:STATe]?", _ => Get(s => ScpiParameters.FormatBoolean(s.OutputOn)));
        On("MEASure[:SCALar]:VOLTage[:DC]?", _ => Get(s => ScpiParameters.Format(s.OutputVolts)));
        On("MEASure[:SCALar]:CURRent[:DC]?", _ => Get(s => ScpiParameters.Format(s.LoadAmperes)));

        // QUEStionable bit 1 (CURRent): the output is latched off by its over-current protection.
        Status.Questionable.ConditionSource = () =>
        {
            int bits = 0;
            _atRigTime(() => bits = _supply is { Trips: > 0, OutputOn: false } ? 1 << 1 : 0);
            return bits;
        };
    }

    public override string Identity => $"USOCHIL,PSU-28V,{_supply.SerialNumber},1.0";

    protected override void Reset() => _atRigTime(_supply.Reset);

    private string? Set(Action<PowerSupply> change)
    {
        _atRigTime(() => change(_supply));
        return null;
    }

    private string Get(Func<PowerSupply, string> read)
    {
        string answer = "";
        _atRigTime(() => answer = read(_supply));
        return answer;
    }
}
