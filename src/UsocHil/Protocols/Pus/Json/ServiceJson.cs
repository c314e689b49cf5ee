using System.Globalization;
using System.Text.Json.Nodes;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus.Json;

/// <summary>
/// The service-level reading of a packet: typed fields of services 1, 3, 5, 8, 17 and 20, and with a rig's
/// dictionary's vocabulary, names (command, parameters, events, failure codes) and engineering values. Informative only: a data
/// field that does not fit its service is reported in "error", the packet itself stays valid.
/// </summary>
public static class ServiceJson
{
    public static JsonObject Describe(PusPacket packet, IPacketVocabulary? dictionary)
    {
        var node = new JsonObject { ["name"] = Name(packet) };
        try
        {
            switch (packet)
            {
                case Telemetry tm:
                    DescribeTelemetry(tm, dictionary, node);
                    break;
                case Telecommand tc:
                    DescribeTelecommand(tc, dictionary, node);
                    break;
            }
        }
        catch (Exception e) when (e is PacketDecodeException or KeyNotFoundException)
        {
            node["error"] = e.Message;
        }

        return node;
    }

    private static void DescribeTelemetry(Telemetry tm, IPacketVocabulary? dictionary, JsonObject node)
    {
        switch (tm.Service)
        {
            case VerificationReport.Service:
                VerificationReport report = VerificationReport.From(tm);
                node["stage"] = report.Stage.ToString().ToLowerInvariant();
                node["success"] = report.Success;
                node["requestId"] = report.RequestId.ToString("X8", CultureInfo.InvariantCulture);
                if (report.Stage == VerificationStage.Progress)
                {
                    node["stepId"] = report.StepId;
                }

                if (!report.Success)
                {
                    node["failureCode"] = report.FailureCode;
                    node["failureName"] = dictionary?.FailureCodeName(report.FailureCode);
                    node["failureData"] = Convert.ToHexString(report.FailureData.Span);
                }

                break;
            case HousekeepingReport.Service when tm.Subtype == HousekeepingReport.Subtype:
                node["structureId"] = HousekeepingReport.From(tm).StructureId;
                if (dictionary is not null)
                {
                    node["parameters"] = Values(dictionary.Housekeeping(tm));
                }

                break;
            case EventReport.Service:
                EventReport report5 = EventReport.From(tm);
                node["severity"] = report5.Severity.ToString().ToLowerInvariant();
                node["eventId"] = report5.EventId;
                node["eventName"] = dictionary?.EventName(report5.EventId);
                node["data"] = Convert.ToHexString(report5.Data.Span);
                break;
            case ParameterValueReport.Service when tm.Subtype == ParameterValueReport.Subtype && dictionary is not null:
                node["parameters"] = Values(dictionary.ParameterReport(tm));
                break;
        }
    }

    private static void DescribeTelecommand(Telecommand tc, IPacketVocabulary? dictionary, JsonObject node)
    {
        switch (tc.Service)
        {
            case PerformFunction.Service when tc.Subtype == PerformFunction.Subtype:
                PerformFunction function = PerformFunction.From(tc);
                node["functionId"] = function.FunctionId;
                node["arguments"] = Convert.ToHexString(function.Arguments.Span);
                break;
            case HousekeepingRequest.Service when tc.Subtype is HousekeepingRequest.EnablePeriodic or HousekeepingRequest.DisablePeriodic or HousekeepingRequest.ModifyInterval:
                HousekeepingRequest request = HousekeepingRequest.From(tc);
                node["structureId"] = request.StructureId;
                if (request.Subtype == HousekeepingRequest.ModifyInterval)
                {
                    node["intervalMs"] = request.IntervalMs;
                }

                break;
            case ParameterReportRequest.Service when tc.Subtype == ParameterReportRequest.Subtype:
                node["parameterIds"] = new JsonArray([.. ParameterReportRequest.From(tc).ParameterIds.Select(id => (JsonNode)id)]);
                break;
        }

        if (dictionary is not null)
        {
            (string command, IReadOnlyList<KeyValuePair<string, double>> commandArguments) = dictionary.Command(tc);
            node["command"] = command;
            var arguments = new JsonObject();
            foreach ((string name, double value) in commandArguments)
            {
                arguments[name] = value;
            }

            node["commandArguments"] = arguments;
        }
    }

    private static JsonObject Values(IReadOnlyDictionary<string, PacketValue> values)
    {
        var node = new JsonObject();
        foreach ((string name, PacketValue value) in values)
        {
            var item = new JsonObject { ["raw"] = value.Raw, ["value"] = value.Value };
            if (value.Unit is not null)
            {
                item["unit"] = value.Unit;
            }

            if (value.Label is not null)
            {
                item["label"] = value.Label;
            }

            node[name] = item;
        }

        return node;
    }

    private static string Name(PusPacket packet) => (packet.Service, packet.Subtype, packet is Telecommand) switch
    {
        (1, var s, false) => s % 2 == 1 ? "request verification success" : "request verification failure",
        (3, 25, false) => "housekeeping parameter report",
        (3, 5, true) => "enable periodic housekeeping",
        (3, 6, true) => "disable periodic housekeeping",
        (3, 31, true) => "modify housekeeping interval",
        (5, >= 1 and <= 4, false) => "event report",
        (8, 1, true) => "perform function",
        (17, 1, true) => "are-you-alive connection test",
        (17, 2, false) => "are-you-alive connection report",
        (20, 1, true) => "report parameter values",
        (20, 2, false) => "parameter value report",
        (20, 3, true) => "set parameter values",
        var (service, subtype, tc) => $"{(tc ? "TC" : "TM")}[{service},{subtype}]",
    };
}
