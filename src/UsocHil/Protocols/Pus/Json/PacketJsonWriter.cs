using System.Globalization;
using System.Text.Json.Nodes;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Framing;

namespace UsocHil.Protocols.Pus.Json;

/// <summary>A decoded packet as the JSON document <c>packet decode</c> prints and <c>packet encode</c> reads back.</summary>
public static class PacketJsonWriter
{
    public static JsonObject Write(PacketProfile profile, ReadOnlySpan<byte> bytes)
    {
        PusCodec codec = profile.Codec;
        if (PusCodec.IsIdle(bytes))
        {
            return Idle(profile, bytes);
        }

        PusPacket packet = codec.Decode(bytes, requireValidPec: false);
        SpacePacketHeader header = SpacePacketHeader.Read(bytes);
        var document = new JsonObject
        {
            ["profile"] = profile.Source,
            ["octets"] = bytes.Length,
            ["primaryHeader"] = new JsonObject
            {
                ["version"] = header.Version,
                ["type"] = header.Type == PacketType.Telecommand ? "TC" : "TM",
                ["secondaryHeaderFlag"] = header.SecondaryHeader,
                ["apid"] = header.Apid,
                ["sequenceFlags"] = header.SequenceFlags.ToString().ToLowerInvariant(),
                ["sequenceCount"] = header.SequenceCount,
                ["dataLength"] = header.DataLength,
            },
            ["secondaryHeader"] = packet switch
            {
                Telecommand tc => Secondary(tc, codec),
                Telemetry tm => Secondary(tm, codec),
                _ => null,
            },
            ["service"] = ServiceJson.Describe(packet, profile.Dictionary),
            ["applicationData"] = Convert.ToHexString(packet.ApplicationData.Span),
        };
        if (codec.Layout.ErrorControl != PacketErrorControl.None)
        {
            document["pec"] = new JsonObject
            {
                ["kind"] = codec.Layout.ErrorControl.ToString().ToLowerInvariant(),
                ["value"] = Convert.ToHexString(bytes[^2..]),
                ["valid"] = codec.CheckPec(bytes),
            };
        }

        return document;
    }

    private static JsonObject Secondary(Telecommand tc, PusCodec codec)
    {
        var node = new JsonObject
        {
            ["pusVersion"] = PusPacket.PusVersionC,
            ["ackFlags"] = (int)tc.AckFlags,
            ["ackStages"] = new JsonArray([.. Enum.GetValues<AckFlags>().Where(f => f is not (AckFlags.None or AckFlags.All) && tc.AckFlags.HasFlag(f)).Select(f => (JsonNode)f.ToString().ToLowerInvariant())]),
            ["service"] = tc.Service,
            ["subtype"] = tc.Subtype,
        };
        if (codec.Layout.Profile.TcSourceId)
        {
            node["sourceId"] = tc.SourceId;
        }

        return node;
    }

    private static JsonObject Secondary(Telemetry tm, PusCodec codec)
    {
        var node = new JsonObject
        {
            ["pusVersion"] = PusPacket.PusVersionC,
            ["timeReferenceStatus"] = tm.TimeReferenceStatus,
            ["service"] = tm.Service,
            ["subtype"] = tm.Subtype,
        };
        if (codec.Layout.Profile.TmMessageTypeCounter)
        {
            node["messageTypeCounter"] = tm.MessageTypeCounter;
        }

        if (codec.Layout.Profile.TmDestinationId)
        {
            node["destinationId"] = tm.DestinationId;
        }

        if (codec.Layout.HasTime)
        {
            var time = new JsonObject
            {
                ["coarse"] = tm.Time.Coarse,
                ["fine"] = (decimal)tm.Time.Fine,
                ["coarseOctets"] = tm.Time.CoarseOctets,
                ["fineOctets"] = tm.Time.FineOctets,
                ["secondsSinceEpoch"] = tm.Time.SecondsSinceEpoch,
            };
            if (tm.Time.AgencyEpoch is DateTimeOffset epoch)
            {
                time["epoch"] = "agency-defined " + epoch.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                time["utc"] = tm.Time.ToUtc().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            }
            else
            {
                time["epoch"] = "TAI 1958-01-01";
                time["tai"] = CucTime.TaiEpoch.AddSeconds(tm.Time.SecondsSinceEpoch).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            }

            if (codec.Layout.PFieldLength > 0)
            {
                time["pField"] = Convert.ToHexString([.. codec.Layout.PFieldOctets]);
            }

            node["time"] = time;
        }

        return node;
    }

    /// <summary>An idle packet: its primary header and the length of the fill it carries, which is not decoded.</summary>
    private static JsonObject Idle(PacketProfile profile, ReadOnlySpan<byte> bytes)
    {
        SpacePacketHeader header = SpacePacketHeader.Read(bytes);
        return new JsonObject
        {
            ["profile"] = profile.Source,
            ["octets"] = bytes.Length,
            ["idle"] = true,
            ["primaryHeader"] = new JsonObject
            {
                ["version"] = header.Version,
                ["type"] = header.Type == PacketType.Telecommand ? "TC" : "TM",
                ["secondaryHeaderFlag"] = header.SecondaryHeader,
                ["apid"] = header.Apid,
                ["sequenceFlags"] = header.SequenceFlags.ToString().ToLowerInvariant(),
                ["sequenceCount"] = header.SequenceCount,
                ["dataLength"] = header.DataLength,
            },
            ["idleData"] = bytes.Length - SpacePacketHeader.Size,
        };
    }
}
