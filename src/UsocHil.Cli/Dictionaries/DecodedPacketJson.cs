using System.Text.Json;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// One decoded packet as one line of JSON: <c>{"apid", "sequenceCount", "container", "parameters": {NAME: {"raw",
/// "value"}}}</c>, the value engineering (after calibration), an enumeration's by its label, a boolean as true/false,
/// and an absolute time's instant as <c>"time"</c> (ISO 8601, the epoch plus the seconds).
/// A packet no layout fits gets <c>"error"</c> in place of container and parameters.
/// </summary>
internal static class DecodedPacketJson
{
    public static void Write(Utf8JsonWriter json, SpacePacketHeader header, DecodedPacket? packet, string? error, long offset)
    {
        json.WriteStartObject();
        json.WriteNumber("apid", header.Apid);
        json.WriteNumber("sequenceCount", header.SequenceCount);
        if (packet is null)
        {
            json.WriteNumber("offset", offset);
            json.WriteString("error", error);
            json.WriteEndObject();
            return;
        }

        json.WriteString("container", packet.Layout);
        json.WriteStartObject("parameters");
        foreach (DecodedField field in packet.Fields)
        {
            json.WriteStartObject(field.Parameter.Name);
            Number(json, "raw", field.Value.Raw);
            if (field.Value.Label is { } label)
            {
                json.WriteString("value", label);
            }
            else if (field.Type.Kind == FieldKind.Boolean && field.Parameter.Calibration is null && field.Parameter.Spline is null)
            {
                json.WriteBoolean("value", field.Value.Raw != 0);
            }
            else
            {
                Number(json, "value", field.Value.Value);
            }

            if (field.Parameter.Time is { } time && TimeEpochs.Instant(time, field.Value.Value) is { } instant)
            {
                json.WriteString("time", instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (!double.IsFinite(value))
        {
            json.WriteString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (Math.Floor(value) == value && Math.Abs(value) < 9e15)
        {
            json.WriteNumber(name, (long)value);
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }
}
