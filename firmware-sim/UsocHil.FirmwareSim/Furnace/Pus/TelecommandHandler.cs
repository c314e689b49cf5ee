using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Framing.Ccsds;
using WireParameter = UsocHil.Protocols.Pus.Services.ParameterValue;

namespace UsocHil.FirmwareSim.Furnace.Pus;

/// <summary>
/// The controller's PUS front end: turns one telecommand into the telemetry it answers with. Checks that need no
/// execution (service, length, IDs, ranges, readiness) fail acceptance, TM[1,2]; a heater command refused by the
/// interlocks is accepted and fails completion, TM[1,8]. Only the stages the acknowledgement flags ask for are
/// reported. Runs under the bench's lock.
/// </summary>
public sealed class TelecommandHandler(FurnaceBench bench, ParameterWire wire)
{
    public IReadOnlyList<Telemetry> Handle(Telecommand tc)
    {
        var replies = new List<Telemetry>();
        ushort apid = tc.Apid;
        CommandOutcome accepted = bench.Controller.Accept();
        if (accepted.Succeeded)
        {
            accepted = Check(tc);
        }

        if (!accepted.Succeeded)
        {
            replies.Add(Failure(VerificationStage.Acceptance, tc, accepted));
            return replies;
        }

        Verify(replies, VerificationStage.Acceptance, tc, AckFlags.Acceptance);
        Verify(replies, VerificationStage.Start, tc, AckFlags.Start);
        CommandOutcome completed = Execute(tc, replies);
        if (!completed.Succeeded)
        {
            replies.Add(Failure(VerificationStage.Completion, tc, completed));
        }
        else
        {
            Verify(replies, VerificationStage.Completion, tc, AckFlags.Completion);
        }

        return replies;

        void Verify(List<Telemetry> list, VerificationStage stage, Telecommand command, AckFlags flag)
        {
            if (command.AckFlags.HasFlag(flag))
            {
                list.Add(VerificationReport.Succeeded(stage, command.RequestId).ToTelemetry(apid));
            }
        }
    }

    private static Telemetry Failure(VerificationStage stage, Telecommand tc, CommandOutcome outcome)
    {
        byte[] data = outcome.FailureData is >= 0 and <= ushort.MaxValue
            ? new AppDataWriter().UInt16((ushort)outcome.FailureData).ToArray()
            : new AppDataWriter().UInt32((uint)outcome.FailureData).ToArray();
        return VerificationReport.Failed(stage, tc.RequestId, (ushort)outcome.FailureCode, data).ToTelemetry(tc.Apid);
    }

    /// <summary>Acceptance checks: the command exists, its data parse, its values are allowed.</summary>
    private CommandOutcome Check(Telecommand tc)
    {
        try
        {
            return (tc.Service, tc.Subtype) switch
            {
                (ConnectionTest.Service, ConnectionTest.RequestSubtype) => tc.ApplicationData.IsEmpty ? CommandOutcome.Success : Fail(FurnaceFailureCode.InvalidLength),
                (PerformFunction.Service, PerformFunction.Subtype) => CheckFunction(PerformFunction.From(tc)),
                (ParameterReportRequest.Service, ParameterReportRequest.Subtype) => CheckIds(ParameterReportRequest.From(tc).ParameterIds),
                (SetParameterValuesRequest.Service, SetParameterValuesRequest.Subtype) => CheckSet(tc),
                (HousekeepingRequest.Service, HousekeepingRequest.EnablePeriodic or HousekeepingRequest.DisablePeriodic or HousekeepingRequest.ModifyInterval) =>
                    CheckHousekeeping(HousekeepingRequest.From(tc)),
                _ => Fail(FurnaceFailureCode.UnknownService, tc.Service),
            };
        }
        catch (PacketDecodeException e) when (e.Field.EndsWith("parameter_id", StringComparison.Ordinal))
        {
            return Fail(FurnaceFailureCode.UnknownParameter);
        }
        catch (PacketDecodeException)
        {
            return Fail(FurnaceFailureCode.InvalidLength, tc.ApplicationData.Length);
        }
    }

    private static CommandOutcome CheckFunction(PerformFunction function) =>
        function.FunctionId is >= FurnaceFunctionId.HeaterOn and <= FurnaceFunctionId.StoreGains
            ? function.Arguments.IsEmpty ? CommandOutcome.Success : Fail(FurnaceFailureCode.InvalidLength, function.Arguments.Length)
            : Fail(FurnaceFailureCode.UnknownFunction, function.FunctionId);

    private CommandOutcome CheckIds(IReadOnlyList<ushort> ids)
    {
        foreach (ushort id in ids)
        {
            if (!wire.TryGet(id, out _))
            {
                return Fail(FurnaceFailureCode.UnknownParameter, id);
            }
        }

        return CommandOutcome.Success;
    }

    private CommandOutcome CheckSet(Telecommand tc)
    {
        foreach ((int id, double value) in Engineering(tc))
        {
            int failure = bench.Controller.Parameters.Validate(id, value);
            if (failure != 0)
            {
                return Fail(failure, id);
            }
        }

        return CommandOutcome.Success;
    }

    private CommandOutcome CheckHousekeeping(HousekeepingRequest request) =>
        request.StructureId != bench.Controller.Housekeeping.StructureId ? Fail(FurnaceFailureCode.InvalidArgument, request.StructureId)
        : request.Subtype == HousekeepingRequest.ModifyInterval && request.IntervalMs is < 50 or > 60_000 ? Fail(FurnaceFailureCode.InvalidArgument, request.IntervalMs)
        : CommandOutcome.Success;

    private CommandOutcome Execute(Telecommand tc, List<Telemetry> replies)
    {
        FurnaceController controller = bench.Controller;
        switch (tc.Service, tc.Subtype)
        {
            case (ConnectionTest.Service, _):
                replies.Add(ConnectionTest.Report(tc.Apid));
                return CommandOutcome.Success;
            case (PerformFunction.Service, _):
                return controller.ExecuteFunction(PerformFunction.From(tc).FunctionId, bench.HeaterArm);
            case (ParameterReportRequest.Service, ParameterReportRequest.Subtype):
                var readings = new List<ParameterReading>();
                CommandOutcome outcome = controller.ReportParameters([.. ParameterReportRequest.From(tc).ParameterIds.Select(id => (int)id)], readings);
                if (outcome.Succeeded)
                {
                    var values = readings.Select(r => new WireParameter((ushort)r.Definition.Id, ParameterWire.ToRaw(r.Definition, r.Value))).ToList();
                    replies.Add(new ParameterValueReport(values).ToTelemetry(tc.Apid, wire.TypeOf));
                }

                return outcome;
            case (SetParameterValuesRequest.Service, _):
                return controller.SetParameters(Engineering(tc));
            default:
                var request = HousekeepingRequest.From(tc);
                return request.Subtype == HousekeepingRequest.ModifyInterval
                    ? controller.SetHousekeepingInterval(request.StructureId, request.IntervalMs)
                    : controller.EnableHousekeeping(request.StructureId, request.Subtype == HousekeepingRequest.EnablePeriodic);
        }
    }

    private List<(int Id, double Value)> Engineering(Telecommand tc) =>
        [.. SetParameterValuesRequest.From(tc, wire.TypeOf).Values.Select(v =>
        {
            wire.TryGet(v.Id, out var definition);
            return ((int)v.Id, ParameterWire.ToEngineering(definition, v.Value));
        })];

    private static CommandOutcome Fail(int code, long data = 0) => CommandOutcome.Failure(code, data);
}
