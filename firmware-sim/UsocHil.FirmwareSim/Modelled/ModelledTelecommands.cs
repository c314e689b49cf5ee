using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Furnace.Pus;
using UsocHil.FirmwareSim.Onboard;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using WireParameter = UsocHil.Protocols.Pus.Services.ParameterValue;

namespace UsocHil.FirmwareSim.Modelled;

/// <summary>
/// The onboard software's PUS front end for services 3, 8, 17 and 20: acceptance checks (service, length, IDs,
/// dictionary ranges, read-only parameters, NOT_READY while booting) fail TM[1,2]; a function refused by its model
/// requirement fails completion, TM[1,8]. Answers come in two parts, acceptance and start now, the rest after the
/// completion delay. Runs under the bench's lock.
/// </summary>
internal sealed class ModelledTelecommands(ModelledBench bench, ParameterWire wire)
{
    private const byte OneShot = 27;

    private OnboardSoftware Software => bench.Software;

    public sealed record Answer(List<Telemetry> Now, List<Telemetry> Completion, TimeSpan CompletionDelay, Func<double[], double>? CompleteWhen);

    public Answer Handle(Telecommand tc)
    {
        var now = new List<Telemetry>();
        var later = new List<Telemetry>();
        CommandOutcome accepted = Software.IsBooted ? Check(tc) : Software.Fail(FailureCodes.NotReady);
        if (!accepted.Succeeded)
        {
            now.Add(Failure(VerificationStage.Acceptance, tc, accepted));
            return new Answer(now, later, TimeSpan.Zero, null);
        }

        Verify(now, VerificationStage.Acceptance, AckFlags.Acceptance);
        Verify(now, VerificationStage.Start, AckFlags.Start);
        CommandOutcome completed = Execute(tc, later);
        if (completed.Succeeded)
        {
            Verify(later, VerificationStage.Completion, AckFlags.Completion);
        }
        else
        {
            later.Add(Failure(VerificationStage.Completion, tc, completed));
        }

        bool function = tc.Service == PerformFunction.Service;
        int functionId = function ? PerformFunction.From(tc).FunctionId : -1;
        TimeSpan delay = function ? Software.Functions.CompletionDelay(functionId) : TimeSpan.FromSeconds(bench.Options.Model.Verification.CompletionSeconds);
        return new Answer(now, later, delay, completed.Succeeded && function ? Software.Functions.CompleteWhen(functionId) : null);

        void Verify(List<Telemetry> list, VerificationStage stage, AckFlags flag)
        {
            if (tc.AckFlags.HasFlag(flag))
            {
                list.Add(VerificationReport.Succeeded(stage, tc.RequestId).ToTelemetry(tc.Apid));
            }
        }
    }

    private static Telemetry Failure(VerificationStage stage, Telecommand tc, CommandOutcome outcome) =>
        VerificationReport.Failed(stage, tc.RequestId, (ushort)outcome.FailureCode, new AppDataWriter().UInt32((uint)outcome.FailureData).ToArray()).ToTelemetry(tc.Apid);

    private CommandOutcome Check(Telecommand tc)
    {
        try
        {
            switch (tc.Service, tc.Subtype)
            {
                case (ConnectionTest.Service, ConnectionTest.RequestSubtype):
                    return tc.ApplicationData.IsEmpty ? CommandOutcome.Success : Software.Fail(FailureCodes.InvalidLength, tc.ApplicationData.Length);
                case (PerformFunction.Service, PerformFunction.Subtype):
                    var function = PerformFunction.From(tc);
                    return !Software.Functions.Has(function.FunctionId) ? Software.Fail(FailureCodes.UnknownFunction, function.FunctionId)
                        : function.Arguments.IsEmpty ? CommandOutcome.Success : Software.Fail(FailureCodes.InvalidLength, function.Arguments.Length);
                case (ParameterReportRequest.Service, ParameterReportRequest.Subtype):
                    ushort unknown = ParameterReportRequest.From(tc).ParameterIds.FirstOrDefault(id => !Software.TryGetParameter(id, out _), ushort.MaxValue);
                    return unknown == ushort.MaxValue ? CommandOutcome.Success : Software.Fail(FailureCodes.UnknownParameter, unknown);
                case (SetParameterValuesRequest.Service, SetParameterValuesRequest.Subtype):
                    return Values(tc).Select(v => Software.ValidateSet(v.Id, v.Value)).FirstOrDefault(o => !o.Succeeded);
                case (HousekeepingRequest.Service, HousekeepingRequest.EnablePeriodic or HousekeepingRequest.DisablePeriodic or HousekeepingRequest.ModifyInterval or OneShot):
                    var request = tc.Subtype == OneShot ? new HousekeepingRequest(OneShot, tc.ApplicationData.Span[0]) : HousekeepingRequest.From(tc);
                    return !Software.HasStructure(request.StructureId) ? Software.Fail(FailureCodes.InvalidArgument, request.StructureId)
                        : request.Subtype == HousekeepingRequest.ModifyInterval && request.IntervalMs is < 50 or > 60_000 ? Software.Fail(FailureCodes.InvalidArgument, request.IntervalMs)
                        : CommandOutcome.Success;
                default:
                    return Software.Fail(FailureCodes.UnknownService, tc.Service);
            }
        }
        catch (PacketDecodeException e) when (e.Field.EndsWith("parameter_id", StringComparison.Ordinal))
        {
            return Software.Fail(FailureCodes.UnknownParameter);
        }
        catch (Exception e) when (e is PacketDecodeException or IndexOutOfRangeException)
        {
            return Software.Fail(FailureCodes.InvalidLength, tc.ApplicationData.Length);
        }
    }

    private CommandOutcome Execute(Telecommand tc, List<Telemetry> replies)
    {
        switch (tc.Service, tc.Subtype)
        {
            case (ConnectionTest.Service, _):
                replies.Add(ConnectionTest.Report(tc.Apid));
                return CommandOutcome.Success;
            case (PerformFunction.Service, _):
                return Software.Functions.Execute(PerformFunction.From(tc).FunctionId);
            case (ParameterReportRequest.Service, ParameterReportRequest.Subtype):
                var values = ParameterReportRequest.From(tc).ParameterIds.Select(id =>
                {
                    Software.TryGetParameter(id, out var parameter);
                    return new WireParameter(id, ParameterWire.ToRaw(parameter, Software.Read(parameter)));
                }).ToList();
                replies.Add(new ParameterValueReport(values).ToTelemetry(tc.Apid, wire.TypeOf));
                return CommandOutcome.Success;
            case (SetParameterValuesRequest.Service, SetParameterValuesRequest.Subtype):
                Software.Set(Values(tc));
                return CommandOutcome.Success;
            case (HousekeepingRequest.Service, OneShot):
                Software.OneShot(tc.ApplicationData.Span[0], bench.RigTime);
                return CommandOutcome.Success;
            default:
                var request = HousekeepingRequest.From(tc);
                if (request.Subtype == HousekeepingRequest.ModifyInterval)
                {
                    Software.SetHousekeepingInterval(request.StructureId, request.IntervalMs);
                }
                else
                {
                    Software.EnableHousekeeping(request.StructureId, request.Subtype == HousekeepingRequest.EnablePeriodic);
                }

                return CommandOutcome.Success;
        }
    }

    private List<(int Id, double Value)> Values(Telecommand tc) =>
        [.. SetParameterValuesRequest.From(tc, wire.TypeOf).Values.Select(v =>
        {
            wire.TryGet(v.Id, out var definition);
            return ((int)v.Id, ParameterWire.ToEngineering(definition, v.Value));
        })];
}
