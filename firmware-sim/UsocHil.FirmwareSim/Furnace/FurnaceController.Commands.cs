namespace UsocHil.FirmwareSim.Furnace;

/// <summary>What the telecommands do, once the PUS layer has decoded them.</summary>
public sealed partial class FurnaceController
{
    /// <summary>Every telecommand passes here first: it is the harness' heartbeat, and a booting controller refuses it.</summary>
    public CommandOutcome Accept()
    {
        if (!IsBooted)
        {
            return CommandOutcome.Failure(FurnaceFailureCode.NotReady);
        }

        _sinceTelecommand = TimeSpan.Zero;
        return CommandOutcome.Success;
    }

    public CommandOutcome ExecuteFunction(int functionId, bool armed)
    {
        switch (functionId)
        {
            case FurnaceFunctionId.HeaterOn or FurnaceFunctionId.HeaterOpenLoop:
                if (Faults.HasFlag(FurnaceFaultFlags.OverTemperature))
                {
                    return CommandOutcome.Failure(FurnaceFailureCode.FaultLatched, functionId);
                }

                if (!armed)
                {
                    Raise(FurnaceEventId.HeaterNotArmed);
                    return CommandOutcome.Failure(FurnaceFailureCode.HeaterNotArmed, functionId);
                }

                if (functionId == FurnaceFunctionId.HeaterOn && double.IsNaN(ControlCelsius))
                {
                    return CommandOutcome.Failure(FurnaceFailureCode.NotReady, functionId);
                }

                Faults &= ~FurnaceFaultFlags.Watchdog;
                if (functionId == FurnaceFunctionId.HeaterOn && Mode != FurnaceMode.Control)
                {
                    _pid.Reset();
                    _ramp.Start(ControlCelsius);
                }

                Mode = functionId == FurnaceFunctionId.HeaterOn ? FurnaceMode.Control : FurnaceMode.OpenLoop;
                return CommandOutcome.Success;
            case FurnaceFunctionId.HeaterOff:
                HeaterDemandWatts = 0;
                Mode = Mode == FurnaceMode.Safe ? FurnaceMode.Safe : FurnaceMode.Idle;
                return CommandOutcome.Success;
            case FurnaceFunctionId.ClearFault:
                if (Faults.HasFlag(FurnaceFaultFlags.OverTemperature) && !(ControlCelsius < Defaults.ClearFaultBelowCelsius))
                {
                    return CommandOutcome.Failure(FurnaceFailureCode.FaultLatched, functionId);
                }

                Faults = FurnaceFaultFlags.None;
                HeaterDemandWatts = 0;
                Mode = FurnaceMode.Idle;
                return CommandOutcome.Success;
            case FurnaceFunctionId.StoreCalibration:
                Parameters.Store([.. Enumerable.Range(1, FurnaceUnit.ThermocoupleCount).SelectMany(i => new[] { $"TC{i}_C0", $"TC{i}_C1", $"TC{i}_C2" })]);
                return CommandOutcome.Success;
            case FurnaceFunctionId.StoreGains:
                Parameters.Store(["PID_KP", "PID_KI", "PID_KD"]);
                return CommandOutcome.Success;
            default:
                return CommandOutcome.Failure(FurnaceFailureCode.UnknownFunction, functionId);
        }
    }

    /// <summary>Service 20 report: all IDs must be known, or nothing is reported.</summary>
    public CommandOutcome ReportParameters(IReadOnlyList<int> ids, List<ParameterReading> values)
    {
        foreach (int id in ids)
        {
            if (!Parameters.TryGetDefinition(id, out _))
            {
                return CommandOutcome.Failure(FurnaceFailureCode.UnknownParameter, id);
            }
        }

        foreach (int id in ids)
        {
            Parameters.TryGetDefinition(id, out var definition);
            values.Add(new ParameterReading(definition, Read(definition.Name)));
        }

        return CommandOutcome.Success;
    }

    /// <summary>Service 20 set: all values are checked first, then applied together.</summary>
    public CommandOutcome SetParameters(IReadOnlyList<(int Id, double Value)> values)
    {
        foreach ((int id, double value) in values)
        {
            int failure = Parameters.Validate(id, value);
            if (failure != 0)
            {
                return CommandOutcome.Failure(failure, id);
            }
        }

        foreach ((int id, double value) in values)
        {
            Parameters.Set(id, value);
        }

        return CommandOutcome.Success;
    }

    public CommandOutcome EnableHousekeeping(int structureId, bool enabled)
    {
        if (structureId != Housekeeping.StructureId)
        {
            return CommandOutcome.Failure(FurnaceFailureCode.InvalidArgument, structureId);
        }

        HousekeepingEnabled = enabled;
        return CommandOutcome.Success;
    }

    public CommandOutcome SetHousekeepingInterval(int structureId, long intervalMs)
    {
        if (structureId != Housekeeping.StructureId || intervalMs is < 50 or > 60_000)
        {
            return CommandOutcome.Failure(FurnaceFailureCode.InvalidArgument, structureId != Housekeeping.StructureId ? structureId : intervalMs);
        }

        HousekeepingInterval = TimeSpan.FromMilliseconds(intervalMs);
        return CommandOutcome.Success;
    }
}
