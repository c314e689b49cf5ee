using System.Text.Json;
using System.Text.Json.Nodes;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;

namespace UsocHil.Protocols.Pus.Json;

/// <summary>
/// Reads the document <c>packet decode</c> prints back into a packet: the header fields and the application data
/// count; derived fields (data length, PEC, decoded service fields) are recomputed, not read.
/// </summary>
public static class PacketJsonReader
{
    public static PusPacket Read(string json)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })
                ?? throw new PacketJsonException("the packet JSON is empty");
        }
        catch (JsonException e)
        {
            throw new PacketJsonException($"the packet JSON does not parse: {e.Message}");
        }

        JsonNode primary = Required(root, "primaryHeader", "$");
        JsonNode secondary = Required(root, "secondaryHeader", "$");
        string type = Value<string>(primary, "type", "$.primaryHeader");
        ushort apid = Value<ushort>(primary, "apid", "$.primaryHeader");
        SequenceFlags flags = primary["sequenceFlags"] is JsonNode f
            ? f.GetValueKind() == JsonValueKind.Number ? (SequenceFlags)Value<byte>(primary, "sequenceFlags", "$.primaryHeader")
            : f.GetValueKind() == JsonValueKind.String && Enum.TryParse(f.GetValue<string>(), ignoreCase: true, out SequenceFlags parsed) ? parsed
            : throw new PacketJsonException($"$.primaryHeader.sequenceFlags: {f.ToJsonString()} is not continuation, first, last or unsegmented")
            : SequenceFlags.Unsegmented;
        ushort count = Optional<ushort>(primary, "sequenceCount", "$.primaryHeader");
        byte service = Value<byte>(secondary, "service", "$.secondaryHeader");
        byte subtype = Value<byte>(secondary, "subtype", "$.secondaryHeader");
        byte[] data = Hex(root["applicationData"]?.GetValue<string>() ?? "", "$.applicationData");

        if (type.Equals("TC", StringComparison.OrdinalIgnoreCase))
        {
            return new Telecommand
            {
                Apid = apid, SequenceFlags = flags, SequenceCount = count, Service = service, Subtype = subtype, ApplicationData = data,
                AckFlags = (AckFlags)(secondary["ackFlags"] is null ? (int)(AckFlags.Acceptance | AckFlags.Completion) : Value<byte>(secondary, "ackFlags", "$.secondaryHeader")),
                SourceId = Optional<ushort>(secondary, "sourceId", "$.secondaryHeader"),
            };
        }

        if (type.Equals("TM", StringComparison.OrdinalIgnoreCase))
        {
            JsonNode? time = secondary["time"];
            return new Telemetry
            {
                Apid = apid, SequenceFlags = flags, SequenceCount = count, Service = service, Subtype = subtype, ApplicationData = data,
                TimeReferenceStatus = Optional<byte>(secondary, "timeReferenceStatus", "$.secondaryHeader"),
                MessageTypeCounter = Optional<ushort>(secondary, "messageTypeCounter", "$.secondaryHeader"),
                DestinationId = Optional<ushort>(secondary, "destinationId", "$.secondaryHeader"),
                Time = time is null ? default : new CucTime(
                    Optional<ulong>(time, "coarse", "$.secondaryHeader.time"),
                    Fine(time),
                    time["coarseOctets"] is null ? (byte)4 : Value<byte>(time, "coarseOctets", "$.secondaryHeader.time"),
                    time["fineOctets"] is null ? (byte)2 : Value<byte>(time, "fineOctets", "$.secondaryHeader.time")),
            };
        }

        throw new PacketJsonException($"$.primaryHeader.type: '{type}' is not TC or TM");
    }

    private static JsonNode Required(JsonNode node, string name, string path) =>
        node[name] ?? throw new PacketJsonException($"{path}.{name} is missing");

    private static T Value<T>(JsonNode node, string name, string path)
    {
        JsonNode value = Required(node, name, path);
        try
        {
            return value.GetValue<T>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new PacketJsonException($"{path}.{name}: {value.ToJsonString()} is not {Expected<T>()}");
        }
    }

    /// <summary>Up to 10 fine octets (80 bits) do not fit a ulong; a decimal holds them exactly.</summary>
    private static UInt128 Fine(JsonNode time)
    {
        decimal fine = Optional<decimal>(time, "fine", "$.secondaryHeader.time");
        return fine >= 0 && fine == decimal.Truncate(fine)
            ? (UInt128)fine
            : throw new PacketJsonException($"$.secondaryHeader.time.fine: {fine} is not a non-negative integer");
    }

    private static string Expected<T>() => default(T) switch
    {
        byte => "an integer in 0..255",
        ushort => "an integer in 0..65535",
        uint => "an integer in 0..4294967295",
        ulong => "an integer in 0..18446744073709551615",
        _ => "a " + typeof(T).Name,
    };

    private static T Optional<T>(JsonNode node, string name, string path)
        where T : struct => node[name] is null ? default : Value<T>(node, name, path);

    /// <summary>Octets written in hexadecimal, spaces, colons and a 0x prefix allowed; <paramref name="what"/> names the field.</summary>
    public static byte[] Hex(string hex, string what)
    {
        string compact = string.Concat(hex.Where(c => !char.IsWhiteSpace(c) && c != ':'));
        if (compact.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            compact = compact[2..];
        }

        try
        {
            return Convert.FromHexString(compact);
        }
        catch (FormatException)
        {
            throw new PacketJsonException($"{what}: '{hex}' is not hexadecimal octets");
        }
    }
}
