using System.Buffers;
using System.Text;
using System.Text.Json;

namespace UsocHil.Monitor;

/// <summary>
/// Everything the run reported during one frame interval, as server-sent events encoded once for every page:
/// the telemetry samples batched into one <c>telemetry</c> event, then each other message in the order it was made.
/// Messages are encoded as they are added, because the run view may change the objects they came from afterwards.
/// </summary>
internal sealed class MonitorFrame
{
    private readonly List<TelemetryPointDto> _telemetry = [];
    private readonly ArrayBufferWriter<byte> _messages = new();
    private readonly ArrayBufferWriter<byte> _frame = new();

    public bool IsEmpty => _telemetry.Count == 0 && _messages.WrittenCount == 0;

    public void AddTelemetry(TelemetryPointDto point) => _telemetry.Add(point);

    public void AddMessage(string name, object data) => AppendEvent(_messages, name, data);

    /// <summary>The frame's bytes, ready to write to any page; the builder is emptied for the next frame.</summary>
    public byte[] Take()
    {
        _frame.ResetWrittenCount();
        if (_telemetry.Count > 0)
        {
            AppendEvent(_frame, "telemetry", _telemetry);
        }

        _frame.Write(_messages.WrittenSpan);
        byte[] bytes = _frame.WrittenSpan.ToArray();
        _telemetry.Clear();
        _messages.ResetWrittenCount();
        return bytes;
    }

    /// <summary>One event on its own, such as the snapshot a page is sent first.</summary>
    public static byte[] Single(string name, string json) => Encoding.UTF8.GetBytes($"event: {name}\ndata: {json}\n\n");

    // The serializer escapes line breaks inside strings, so a device's text can never end the data line early.
    private static void AppendEvent(ArrayBufferWriter<byte> buffer, string name, object data)
    {
        buffer.Write("event: "u8);
        Encoding.UTF8.GetBytes(name, buffer);
        buffer.Write("\ndata: "u8);
        using (var json = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(json, data, data.GetType(), MonitorJson.Options);
        }

        buffer.Write("\n\n"u8);
    }
}
