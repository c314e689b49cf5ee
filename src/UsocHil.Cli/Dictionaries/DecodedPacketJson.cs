using System.Text.Json;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// One decoded packet as one line of JSON: <c>{"apid", "sequenceCount", "container", "parameters": {NAME: {"raw",
/// "value"}}}</c>, the value engineering (after calibration), an enumeration's by its label, a boolean as true/false,
/// an absolute time's instant as <c>"time"</c> (ISO 8601, the epoch plus the seconds), and a string's text or a block
/// of octets (as hexadecimal) as its value alone.
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
            if (field.Repetitions is { } repetitions)
            {
                // A field of a repeated group: one object per repetition, in packet order.
                json.WriteStartArray(field.Parameter.Name);
                foreach (EngineeringValue value in repetitions)
                {
                    json.WriteStartObject();
                    Value(json, field, value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                continue;
            }

            json.WriteStartObject(field.Parameter.Name);
            Value(json, field, field.Value);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, DecodedField field, EngineeringValue value)
    {
        if (field.Type.IsBlock)
        {
            // Text as it reads, octets as hexadecimal: there is no number to give as raw.
            json.WriteString("value", value.Label);
            return;
        }

        Number(json, "raw", value.Raw);
        if (value.Label is { } label)
            {
                json.WriteString("value", label);
            }
        else if (field.Type.Kind == FieldKind.Boolean && field.Parameter.Calibration is null && field.Parameter.Spline is null)
        {
            json.WriteBoolean("value", value.Raw != 0);
        }
        else
        {
            Number(json, "value", value.Value);
        }

        if (field.Parameter.Time is { } time && TimeEpochs.Instant(time, value.Value) is { } instant)
        {
            json.WriteString("time", instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
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
